import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const virtualId = "virtual:boon-deployment";
const resolvedId = `\0${virtualId}`;
const here = path.dirname(fileURLToPath(import.meta.url));

/** The deployments file the app is built against: BOON_DEPLOYMENT_FILE, else the chain's default. */
export function deploymentFile(env: NodeJS.ProcessEnv): string {
  if (env.BOON_DEPLOYMENT_FILE) return path.resolve(env.BOON_DEPLOYMENT_FILE);
  const chainId = env.VITE_CHAIN_ID ?? "31337";
  return path.resolve(here, "../contracts/deployments", `${chainId}.json`);
}

/** The module source: the raw file (validated in the app, which shows a clear error screen). */
export function deploymentModule(file: string): string {
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
  return `export default ${JSON.stringify({ raw, file, error })};`;
}

/**
 * Serves the deployments file as `virtual:boon-deployment`, so addresses flow from the deploy step
 * into the app and are never copied. In dev the page reloads when the file is rewritten.
 */
export function boonDeployment(env: NodeJS.ProcessEnv = process.env): Plugin {
  const file = deploymentFile(env);
  return {
    name: "boon-deployment",
    resolveId: (id) => (id === virtualId ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(file);
      return deploymentModule(file);
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
