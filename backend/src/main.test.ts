import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { useTestDatabase } from "@boon/backend/test-support";
import { freePort } from "@boon/scripts/stack";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const node = process.execPath;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `node src/main.ts` with `env`; `whileRunning` gets the base URL once it listens. */
function runMain(
  env: Record<string, string>,
  whileRunning?: (baseUrl: string) => Promise<void>,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [path.join(here, "main.ts")], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let started = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!started && stdout.includes("backend listening") && whileRunning) {
        started = true;
        whileRunning(`http://127.0.0.1:${env.PORT}`)
          .catch(reject)
          .finally(() => child.kill("SIGTERM"));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const db = useTestDatabase();
describe("main", () => {
  it("exits 1 with a clear message when the configuration is invalid", async () => {
    const run = await runMain({ NODE_ENV: "production", PORT: "not-a-port" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Cannot start the backend:\n  - ");
    expect(run.stderr).toMatch(/PORT/);
  });

  it("starts, serves, and shuts down cleanly on SIGTERM", async () => {
    const port = await freePort();
    let ready: unknown;
    const run = await runMain(
      { DATABASE_URL: db.url, PORT: String(port), RPC_URL: "none", LOG_LEVEL: "info" },
      async (baseUrl) => {
        ready = await (await fetch(`${baseUrl}/ready`)).json();
      },
    );
    expect(ready).toEqual({ status: "ready", checks: { database: "ok" } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("shut down cleanly");
    // Logs are JSON lines.
    for (const line of run.stdout.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
  });
});
