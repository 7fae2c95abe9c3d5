import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Address, createPublicClient, http } from "viem";

const indexerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(indexerDir, "..");
const ponderBin = path.join(repoRoot, "node_modules/ponder/dist/esm/bin/ponder.js");

/** The repo's pinned Node (26) when present (Ponder and the .ts config need it), else this Node. */
function nodeBinary(): string {
  const pinned = path.join(repoRoot, "node_modules/.bin/node");
  return existsSync(pinned) ? pinned : process.execPath;
}

export type PonderProcess = {
  url: string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** The last lines of output, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export type SpawnPonderOptions = {
  /** Folder holding ponder.config.ts; the indexer's own by default. */
  cwd?: string;
  schema: string;
  viewsSchema?: string | undefined;
  port: number;
  env: Record<string, string>;
  log?: ((line: string) => void) | undefined;
};

/** Runs `ponder start` on the pinned Node, with telemetry off (there is no internet here). */
export function spawnPonder(options: SpawnPonderOptions): PonderProcess {
  const args = [ponderBin, "start", "--schema", options.schema, "--port", String(options.port)];
  args.push("--hostname", "127.0.0.1", "--log-format", "json");
  if (options.viewsSchema) args.push("--views-schema", options.viewsSchema);
  const child: ChildProcess = spawn(nodeBinary(), args, {
    cwd: options.cwd ?? indexerDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...options.env,
      PONDER_TELEMETRY_DISABLED: "true",
      FORCE_COLOR: "0",
      NODE_OPTIONS: "",
    },
  });
  let tail = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-8_000);
    if (options.log) for (const line of text.split("\n")) if (line.trim()) options.log(line);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return {
    url: `http://127.0.0.1:${options.port}`,
    exited,
    output: () => tail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `<url>/ready` until it answers 200; fails early with Ponder's output if it exits. */
export async function waitUntilReady(ponder: PonderProcess, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  ponder.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new PonderExitError(
        `ponder exited (code ${exitCode}) before it was ready`,
        ponder.output(),
      );
    }
    const ok = await fetch(`${ponder.url}/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new PonderExitError(`ponder was not ready after ${timeoutMs} ms`, ponder.output());
}

/** The block Ponder has indexed up to, from /status (null before the first checkpoint). */
export async function indexedBlock(url: string): Promise<number | null> {
  const response = await fetch(`${url}/status`);
  if (!response.ok) return null;
  const status = (await response.json()) as Record<string, { block?: { number: number } }>;
  const numbers = Object.values(status).map((chain) => chain.block?.number ?? 0);
  return numbers.length > 0 ? Math.min(...numbers) : null;
}

/** The timestamp of the last block this Ponder process has indexed (its own metric, not the database). */
export async function indexedTimestamp(url: string): Promise<number | null> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) return null;
  const match = /^ponder_indexing_timestamp\{[^}]*\} (\d+)/m.exec(await response.text());
  return match ? Number(match[1]) : null;
}

/** Blocks behind the head that Ponder may still treat as unfinalized (30 on the local chain). */
const UNFINALIZED_WINDOW = 128n;

/** Timestamp of the newest block with an event of `contracts` in the unfinalized window, or 0. */
async function lastEventBefore(
  client: ReturnType<typeof createPublicClient>,
  source: { contracts: Address[]; startBlock: number },
  head: bigint,
): Promise<number> {
  const lowest =
    head - UNFINALIZED_WINDOW > BigInt(source.startBlock)
      ? head - UNFINALIZED_WINDOW
      : BigInt(source.startBlock);
  // One block at a time, newest first: a block of batched gifts alone can hold megabytes of logs.
  for (let blockNumber = head; blockNumber >= lowest; blockNumber--) {
    const logs = await client.getLogs({
      address: source.contracts,
      fromBlock: blockNumber,
      toBlock: blockNumber,
    });
    if (logs.length > 0) return Number((await client.getBlock({ blockNumber })).timestamp);
  }
  return 0;
}

/**
 * Waits until Ponder has indexed the chain's current head. /ready only covers finalized blocks (on
 * a local chain, often none). After a restart, /status still shows the checkpoint of the last run
 * while Ponder re-indexes its unfinalized blocks, so the last block with an event of `contracts`
 * near the head must also be covered by this process's own progress (a metric that only moves on
 * blocks with events).
 */
export async function waitForHead(
  url: string,
  rpcUrl: string,
  source: { contracts: Address[]; startBlock: number },
  timeoutMs = 60_000,
): Promise<void> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const head = await client.getBlock({ blockTag: "latest" });
  const lastEventTimestamp = await lastEventBefore(client, source, head.number);
  const deadline = Date.now() + timeoutMs;
  let block: number | null = null;
  while (Date.now() < deadline) {
    block = await indexedBlock(url).catch(() => null);
    if (block !== null && block >= Number(head.number)) {
      const timestamp = await indexedTimestamp(url).catch(() => null);
      if (timestamp !== null && timestamp >= lastEventTimestamp) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `the indexer at ${url} reached block ${block} but not ${head.number} within ${timeoutMs} ms`,
  );
}

export class PonderExitError extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(`${message}\n${output}`);
    this.name = "PonderExitError";
    this.output = output;
  }
}
