// A standalone worker (a worker-main.ts) as its own process against the test app and chain, for
// the crash tests: a worker told to crash kills itself (SIGKILL, no cleanup) at that step.
import { type ChildProcess, spawn } from "node:child_process";
import type { CrashStep } from "../../src/delivery/worker-context.ts";
import type { TestApp } from "./app.ts";
import { type TestChain, waitDrained } from "./delivery.ts";

export type WorkerProcess = {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
};

export type WorkerTarget = {
  /** Path of the worker-main.ts to run. */
  main: string;
  app: TestApp;
  chain: TestChain;
  /** Environment beyond the database, chain and contracts. */
  env?: Record<string, string>;
};

export function workerProcess(target: WorkerTarget, crashAt?: CrashStep): WorkerProcess {
  const { app, chain } = target;
  const child = spawn(process.execPath, [target.main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: app.databaseUrl,
      RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      BOON_TOKEN_ADDRESS: chain.contracts.boonToken,
      GIFT_VAULT_ADDRESS: chain.contracts.giftVault,
      DELIVERY_POLL_MS: "20",
      ...target.env,
      ...(crashAt ? { DELIVERY_TEST_CRASH_AT: crashAt } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      if (stderr) process.stderr.write(stderr);
      resolve(signal ?? code);
    }),
  );
  return { child, exited };
}

/**
 * Runs a worker that crashes at `step`, then (once it is gone) a fresh one until the outbox is
 * drained. Returns how the first one ended (a crash ends in "SIGKILL").
 */
export async function crashThenRestart(
  target: WorkerTarget,
  step: CrashStep,
): Promise<NodeJS.Signals | number | null> {
  const crashed = await workerProcess(target, step).exited;
  const restarted = workerProcess(target);
  try {
    await waitDrained(target.app.pool, 60_000);
  } finally {
    restarted.child.kill("SIGTERM");
    await restarted.exited;
  }
  return crashed;
}
