import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localChain } from "@boon/contracts";
import { freePort, waitFor } from "./ports.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export type Chain = {
  rpcUrl: string;
  chainId: number;
  port: number;
  stop: () => Promise<void>;
};

export type StartChainOptions = {
  port?: number;
  log?: (line: string) => void;
};

/** JSON-RPC call with fetch; used for readiness probes and test-only methods (evm_*). */
export async function rpc<T = unknown>(
  rpcUrl: string,
  method: string,
  params: unknown[] = [],
): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Starts a real local chain (`hardhat node`, chain id 31337: localChain) and waits until it answers. */
export async function startChain(options: StartChainOptions = {}): Promise<Chain> {
  const port = options.port ?? (await freePort());
  // On this Node (the pinned one), whatever `node` comes first on PATH.
  const hardhat = path.join(repoRoot, "node_modules/hardhat/dist/src/cli.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [hardhat, "node", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    },
  );
  let output = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    if (output.length < 20_000) output += text;
    options.log?.(text);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const rpcUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor("hardhat node", async () => {
      if (child.exitCode !== null) throw new Error(`hardhat node exited:\n${output}`);
      return (await rpc<string>(rpcUrl, "eth_chainId")) !== undefined;
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    rpcUrl,
    chainId: localChain.id,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
