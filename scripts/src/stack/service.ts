import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { waitFor } from "./ports.ts";

export type Service = {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop: () => Promise<void>;
};

export type SpawnServiceOptions = {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Resolves true once the service is ready (polled). */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
};

/**
 * Spawns a long-running part of the stack in its own process group, sends its output to
 * `<logDir>/<name>.log`, and waits for `ready`. Fails with the log's tail if it exits first.
 */
export async function spawnService(options: SpawnServiceOptions): Promise<Service> {
  await mkdir(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  let tail = "";
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const killTimer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(killTimer);
    }
    log.end();
  };
  try {
    const exitedEarly = exited.then(() => {
      throw new Error(`${options.name} exited with code ${child.exitCode}`);
    });
    exitedEarly.catch(() => {}); // a later, normal exit must not become an unhandled rejection
    await Promise.race([
      waitFor(options.name, options.ready, options.readyTimeoutMs ?? 120_000, 250),
      exitedEarly,
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${options.name} did not start (log: ${logFile})\n${tail}`, { cause: error });
  }
  return { name: options.name, child, logFile, stop };
}

/** True when `url` answers with a 2xx status. */
export async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
