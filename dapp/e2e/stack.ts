import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, repoRoot } from "@boon/scripts/stack";

export type Stack = {
  dappUrl: string;
  backendUrl: string;
  /** The local SMTP's inbox: the web page, and its JSON API under /messages. */
  inboxUrl: string;
  output: () => string;
  /**
   * Stops the stack as a terminal's Ctrl-C does (SIGINT to the process group), then fails unless
   * every process it started has exited and its temporary files (the embedded database) are gone.
   */
  stop: () => Promise<void>;
};

/** Every process below `pid` (the stack's services run in process groups of their own). */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let parents = [pid]; parents.length > 0; ) {
    parents = table.filter(([, ppid]) => parents.includes(ppid)).map(([child]) => child);
    found.push(...parents);
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The whole local stack started the README way (`npm start`, or `npm run start:prod`), on free
 * ports so it never meets a stack already running on this machine, with a temporary folder of its
 * own. Resolves when it prints its `dApp:` line.
 */
/**
 * How long a stack may take to start: 10 minutes by default (a first start compiles the contracts,
 * and a loaded 2-core machine is slow), E2E_STACK_START_MS to change it.
 */
export const stackStartMs = Number(process.env.E2E_STACK_START_MS ?? 600_000);

export async function startStack(
  options: { script?: "start" | "start:prod"; timeoutMs?: number } = {},
): Promise<Stack> {
  const timeoutMs = options.timeoutMs ?? stackStartMs;
  const ports = await Promise.all(Array.from({ length: 8 }, () => freePort()));
  const [chain, indexer, backend, dapp, stripe, x, smtp, inbox] = ports.map(String);
  const logDir = await mkdtemp(path.join(tmpdir(), "boon-e2e-logs-"));
  const tempDir = await mkdtemp(path.join(tmpdir(), "boon-e2e-tmp-"));
  await chmod(tempDir, 0o755); // as root, PostgreSQL runs as another user and keeps its data here
  const child: ChildProcess = spawn("npm", ["run", options.script ?? "start"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...{ CHAIN_PORT: chain, INDEXER_PORT: indexer, BACKEND_PORT: backend, DAPP_PORT: dapp },
      ...{
        STRIPE_LOCAL_PORT: stripe,
        X_LOCAL_PORT: x,
        SMTP_LOCAL_PORT: smtp,
        SMTP_INBOX_PORT: inbox,
      },
      BOON_LOG_DIR: logDir,
      TMPDIR: tempDir,
      FORCE_COLOR: "0",
    },
  });
  let output = "";
  let started: number[] = [];
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      started = [...new Set([...started, ...descendants(child.pid)])];
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGINT");
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    const deadline = Date.now() + 20_000;
    while (started.some(alive) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const leftProcesses = started.filter(alive);
    const leftFiles = (await readdir(tempDir)).filter((name) => name.startsWith("boon-pg-"));
    await rm(tempDir, { recursive: true, force: true });
    if (leftProcesses.length > 0 || leftFiles.length > 0) {
      throw new Error(
        `the stack left behind processes [${leftProcesses}] and files [${leftFiles}]:\n${output}`,
      );
    }
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
        if (child.pid) started = descendants(child.pid);
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
    await stop().catch(() => {});
    throw error;
  });
  return {
    dappUrl,
    backendUrl: `http://localhost:${backend}`,
    inboxUrl: `http://127.0.0.1:${inbox}`,
    output: () => output,
    stop,
  };
}
