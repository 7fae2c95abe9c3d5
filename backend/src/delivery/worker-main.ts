// The delivery worker alone: `node backend/src/delivery/worker-main.ts` (same environment as the
// backend; needs DATABASE_URL and RPC_URL). Several may run at once: rows are claimed with
// SKIP LOCKED and each sender's nonces are reserved under a row lock.
import { runStandaloneWorker } from "./standalone-worker.ts";
import { startDeliveryWorker } from "./start.ts";

runStandaloneWorker({ name: "delivery", poolMax: 10, start: startDeliveryWorker });
