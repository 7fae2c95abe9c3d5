import { chainAccess, type StartWorkerDeps } from "../delivery/start.ts";
import { createRelayWorker, type RelayWorker } from "./worker.ts";

/** Builds and starts the relay worker; undefined (with a log line) without RPC or contracts. */
export async function startRelayWorker(deps: StartWorkerDeps): Promise<RelayWorker | undefined> {
  const chain = chainAccess(deps.config, deps.logger, {
    noRpc: "RPC_URL is not set: the relay worker is not running (relayed claims stay queued)",
    noContracts: "relay worker not started: contract addresses unknown",
  });
  if (!chain) return undefined;
  const worker = createRelayWorker({ ...deps, ...chain });
  worker.start();
  return worker;
}
