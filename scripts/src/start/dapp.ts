import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { repoRoot } from "../stack/chain.ts";
import { httpOk, type Service, spawnService } from "../stack/service.ts";

const vite = path.join(repoRoot, "node_modules/vite/bin/vite.js");
const dappDir = path.join(repoRoot, "dapp");

export type DappOptions = {
  port: number;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Serve the production build (`vite build` + `vite preview`: PWA manifest, service worker). */
  prod: boolean;
};

/** `vite build` into dapp/dist with the stack's configuration baked in; its output goes to a log. */
async function buildDapp(env: NodeJS.ProcessEnv, logDir: string): Promise<void> {
  const logFile = path.join(logDir, "dapp-build.log");
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [vite, "build"], { cwd: dappDir, env, stdio: "pipe" });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  log.end();
  if (code !== 0) throw new Error(`the dApp's production build failed (log: ${logFile})`);
}

/** The dApp on `port`: the Vite dev server, or the production build served by `vite preview`. */
export async function startDapp(options: DappOptions): Promise<Service> {
  // A production build needs NODE_ENV=production (Vite builds React's development bundle, and
  // leaves out the service worker registration, under NODE_ENV=development).
  const env = options.prod ? { ...options.env, NODE_ENV: "production" } : options.env;
  if (options.prod) await buildDapp(env, options.logDir);
  const url = `http://localhost:${options.port}`;
  return spawnService({
    name: "dapp",
    command: process.execPath,
    args: [
      vite,
      ...(options.prod ? ["preview"] : []),
      "--port",
      String(options.port),
      "--strictPort",
    ],
    cwd: dappDir,
    env,
    logDir: options.logDir,
    ready: () => httpOk(url),
  });
}
