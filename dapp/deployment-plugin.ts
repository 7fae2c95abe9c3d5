import { readFileSync } from "node:fs";
import path from "node:path";
import { localChain } from "@boon/contracts";
import { deploymentPath } from "@boon/contracts/deployments";
import type { Plugin } from "vite";
import { type ConfigResult, parseConfig } from "./src/config/config.ts";

const virtualId = "virtual:boon-config";
const resolvedId = `\0${virtualId}`;

/** The deployments file the app is built against: BOON_DEPLOYMENT_FILE, else the chain's default. */
export function deploymentFile(env: Record<string, string | undefined>): string {
  if (env.BOON_DEPLOYMENT_FILE) return path.resolve(env.BOON_DEPLOYMENT_FILE);
  return deploymentPath(Number(env.VITE_CHAIN_ID ?? localChain.id));
}

/** Reads the deployments file and validates it with the VITE_* environment. */
export function loadAppConfig(file: string, env: Record<string, unknown>): ConfigResult {
  let raw: unknown = null;
  let error: string | null = null;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    error =
      (cause as NodeJS.ErrnoException).code === "ENOENT"
        ? `No deployments file at ${file}. Deploy the contracts first (npm start does it).`
        : `The deployments file ${file} is not valid JSON.`;
  }
  return parseConfig(env, { raw, file, error });
}

/**
 * Serves the validated configuration as `virtual:boon-config`: addresses come from the deployments
 * file (never copied), URLs from VITE_* variables. Validation runs here, at build/dev time, so the
 * browser gets either a checked config or the list of problems for its error screen. In dev the
 * page reloads when the deployments file is rewritten (a new `npm start`).
 */
export function boonConfig(): Plugin {
  let env: Record<string, unknown> = {};
  let file = deploymentFile(process.env);
  return {
    name: "boon-config",
    configResolved(config) {
      // config.env holds the VITE_* variables from .env files and the process environment.
      env = { ...config.env };
      file = deploymentFile({ ...process.env, ...(config.env as Record<string, string>) });
    },
    resolveId: (id) => (id === virtualId ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(file);
      return `export default ${JSON.stringify(loadAppConfig(file, env))};`;
    },
    configureServer(server) {
      server.watcher.add(file);
      server.watcher.on("change", (changed) => {
        if (path.resolve(changed) !== file) return;
        const mod = server.moduleGraph.getModuleById(resolvedId);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: "full-reload" });
      });
    },
  };
}
