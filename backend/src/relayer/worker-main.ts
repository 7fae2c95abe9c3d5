// The relay worker alone: `node backend/src/relayer/worker-main.ts` (same environment as the
// backend; needs DATABASE_URL and RPC_URL). Several may run at once: rows are claimed with
// SKIP LOCKED and the relayer key's nonces are reserved under its sender row's lock.
import { runStandaloneWorker } from "../delivery/standalone-worker.ts";
import { startRelayWorker } from "./start.ts";

runStandaloneWorker({ name: "relay", poolMax: 5, start: startRelayWorker });
