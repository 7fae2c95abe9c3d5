// Node-only: reading deployments files from disk. Browser code uses parseDeployment instead.
import { readFileSync } from "node:fs";
import { type Deployment, parseDeployment } from "./deployments.ts";

/** The deployments file of a chain: `contracts/deployments/<chainId>.json` unless `dir` says otherwise. */
export function deploymentPath(chainId: number, dir?: string): string {
  const base = dir ?? new URL("../deployments/", import.meta.url).pathname;
  return `${base.replace(/\/$/, "")}/${chainId}.json`;
}

/** Reads and validates one deployments file, saying what to do when it is missing or broken. */
export function readDeploymentFile(file: string): Deployment {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(
      `no deployments file at ${file}: deploy the contracts first (npm start does it for the local chain, or node contracts/scripts/deploy.ts), or set BOON_DEPLOYMENT_FILE`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  return parseDeployment(json, file);
}

/** Reads the deployments file of `chainId`, or the one named by BOON_DEPLOYMENT_FILE. */
export function readDeployment(chainId: number, dir?: string): Deployment {
  return readDeploymentFile(process.env.BOON_DEPLOYMENT_FILE ?? deploymentPath(chainId, dir));
}
