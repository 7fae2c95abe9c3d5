// Deploys the Boon contracts with the Ignition module to the chain at an RPC URL and writes the
// chain's deployments file. CLI: node contracts/scripts/deploy.ts [--rpc-url URL] [--out-dir DIR]
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { localRpcUrl } from "../src/chain.ts";
import type { Deployment } from "../src/deployments.ts";
import { deploymentPath } from "../src/deployments-file.ts";

const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type DeployOptions = {
  rpcUrl?: string;
  /** Folder for `<chainId>.json`; contracts/deployments by default. */
  outDir?: string;
  /** Ignition parameters of the Boon module (verifier, rewardSigner, treasury, caps...). */
  parameters?: Record<string, string | number | bigint>;
};

export async function deploy(options: DeployOptions = {}): Promise<Deployment> {
  const rpcUrl = options.rpcUrl ?? process.env.RPC_URL ?? localRpcUrl;
  // Hardhat finds its config from the working directory: run from the repo root.
  const previousCwd = process.cwd();
  process.chdir(path.resolve(contractsDir, ".."));
  try {
    const { default: hre } = await import("hardhat");
    const { default: BoonModule } = await import("../ignition/modules/Boon.ts");
    const connection = await hre.network.connect({
      network: "localhost",
      override: { url: rpcUrl },
    });
    const publicClient = await connection.viem.getPublicClient();
    const chainId = await publicClient.getChainId();
    const startBlock = Number(await publicClient.getBlockNumber()) + 1;
    // A unique Ignition deployment id per run: a restarted local chain must never resume old state.
    const deploymentId = `boon-${chainId}-${process.pid}-${Date.now()}`;
    const { token, vault, distributor } = await connection.ignition.deploy(BoonModule, {
      parameters: { Boon: options.parameters ?? {} },
      deploymentId,
      displayUi: false,
    });
    await rm(path.join(contractsDir, "ignition/deployments", deploymentId), {
      recursive: true,
      force: true,
    });
    await connection.close();
    const deployment: Deployment = {
      chainId,
      startBlock,
      deployedAt: new Date().toISOString(),
      contracts: {
        boonToken: token.address,
        giftVault: vault.address,
        rewardDistributor: distributor.address,
      },
    };
    const file = deploymentPath(chainId, options.outDir);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(deployment, null, 2)}\n`);
    return deployment;
  } finally {
    process.chdir(previousCwd);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { "rpc-url": { type: "string" }, "out-dir": { type: "string" } },
  });
  const deployment = await deploy({ rpcUrl: values["rpc-url"], outDir: values["out-dir"] });
  console.log(JSON.stringify(deployment, null, 2));
}
