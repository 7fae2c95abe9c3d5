import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, repoRoot } from "@boon/scripts/stack";

export type Stack = {
  dappUrl: string;
  backendUrl: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * The whole local stack started the README way (`npm start`), on free ports so it never meets a
 * stack already running on this machine. Resolves when it prints its `dApp:` line.
 */
export async function startStack(timeoutMs = 240_000): Promise<Stack> {
  const [chain, indexer, backend, dapp, stripe] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const logDir = await mkdtemp(path.join(tmpdir(), "boon-e2e-logs-"));
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      CHAIN_PORT: String(chain),
      INDEXER_PORT: String(indexer),
      BACKEND_PORT: String(backend),
      DAPP_PORT: String(dapp),
      STRIPE_LOCAL_PORT: String(stripe),
      BOON_LOG_DIR: logDir,
      FORCE_COLOR: "0",
    },
  });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // The whole process group: npm, the start script and every service it spawned.
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  };
  const dappUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the stack did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^dApp: (http\S+)/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} (logs in ${logDir}):\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { dappUrl, backendUrl: `http://localhost:${backend}`, output: () => output, stop };
}
