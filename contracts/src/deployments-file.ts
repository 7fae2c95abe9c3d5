// Node-only: reading deployments files from disk. Browser code uses parseDeployment instead.
import { readFile } from "node:fs/promises";
import { type Deployment, parseDeployment } from "./deployments.ts";

/** The deployments file of a chain: `contracts/deployments/<chainId>.json` unless `dir` says otherwise. */
export function deploymentPath(chainId: number, dir?: string): string {
  const base = dir ?? new URL("../deployments/", import.meta.url).pathname;
  return `${base.replace(/\/$/, "")}/${chainId}.json`;
}

/** Reads and validates the deployments file of `chainId` (Node only). */
export async function readDeployment(chainId: number, dir?: string): Promise<Deployment> {
  const file = process.env.BOON_DEPLOYMENT_FILE ?? deploymentPath(chainId, dir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(
      `no deployments file at ${file}: deploy first (npm start does it for the local chain)`,
    );
  }
  return parseDeployment(JSON.parse(text), file);
}
