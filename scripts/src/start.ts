// `npm start`: the whole Boon stack on embedded defaults — local chain, deployed contracts and demo
// data, PostgreSQL, indexer, backend and dApp — until Ctrl-C. Every port and the database are
// overridable through the environment (see README.md).
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { devAccounts } from "@boon/contracts";
import { startIndexer } from "@boon/indexer/stack";
import { z } from "zod";
import { deploy } from "../../contracts/scripts/deploy.ts";
import { seedDemoData } from "./demo-data.ts";
import { repoRoot, startChain } from "./stack/chain.ts";
import { createDatabase, startPostgres } from "./stack/postgres.ts";
import { httpOk, spawnService } from "./stack/service.ts";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
const envSchema = z.object({
  CHAIN_PORT: port(8545),
  INDEXER_PORT: port(42069),
  BACKEND_PORT: port(4000),
  DAPP_PORT: port(5173),
  STRIPE_LOCAL_PORT: port(4010),
  DATABASE_URL: z.url().optional(),
  BOON_DATA_DIR: z.string().optional(),
  BOON_LOG_DIR: z.string().default(path.join(repoRoot, ".data/logs")),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;
const stoppers: Array<() => Promise<void>> = [];
const step = (text: string) => console.log(`• ${text}`);
const startService = async (options: Parameters<typeof spawnService>[0]) => {
  const service = await spawnService(options);
  stoppers.push(service.stop);
  return service;
};

async function shutdown(code: number): Promise<never> {
  for (const stop of stoppers.reverse()) {
    await stop().catch((error: unknown) => console.error(error));
  }
  process.exit(code);
}
process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));

try {
  step("starting PostgreSQL");
  const postgres = await startPostgres({ url: env.DATABASE_URL, dataDir: env.BOON_DATA_DIR });
  stoppers.push(postgres.stop);
  const databaseUrl = postgres.embedded ? await createDatabase(postgres.url, "boon") : postgres.url;

  step(`starting the local chain on port ${env.CHAIN_PORT}`);
  const chain = await startChain({ port: env.CHAIN_PORT });
  stoppers.push(chain.stop);

  step("deploying the contracts (Ignition) and seeding demo data");
  const deploymentDir = path.join(repoRoot, "contracts/deployments");
  const deployment = await deploy({ rpcUrl: chain.rpcUrl, outDir: deploymentDir });
  const deploymentFile = path.join(deploymentDir, `${deployment.chainId}.json`);
  const demo = await seedDemoData(chain.rpcUrl, deployment);

  const common = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? "development",
    DATABASE_URL: databaseUrl,
    RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(deployment.chainId),
    BOON_DEPLOYMENT_FILE: deploymentFile,
  };
  const node = process.execPath;
  const indexerUrl = `http://localhost:${env.INDEXER_PORT}`;
  const backendUrl = `http://localhost:${env.BACKEND_PORT}`;
  const dappUrl = `http://localhost:${env.DAPP_PORT}`;

  step("starting the indexer");
  await mkdir(env.BOON_LOG_DIR, { recursive: true });
  const indexerLog = createWriteStream(path.join(env.BOON_LOG_DIR, "indexer.log"));
  // startIndexer rebuilds the schema when it was indexed from an earlier chain (every restart of
  // the local chain) and resolves once the chain's head is indexed.
  const indexer = await startIndexer({
    databaseUrl,
    rpcUrl: chain.rpcUrl,
    deploymentFile,
    schema: "indexer",
    viewsSchema: "onchain",
    port: env.INDEXER_PORT,
    log: (line) => indexerLog.write(line.endsWith("\n") ? line : `${line}\n`),
  });
  stoppers.push(async () => {
    await indexer.stop();
    indexerLog.end();
  });

  step("starting the backend");
  await startService({
    name: "backend",
    command: node,
    args: ["src/main.ts"],
    cwd: path.join(repoRoot, "backend"),
    env: {
      ...common,
      PORT: String(env.BACKEND_PORT),
      PUBLIC_URL: backendUrl,
      DAPP_ORIGIN: dappUrl,
      CORS_ORIGINS: dappUrl,
      INDEXER_URL: indexerUrl,
      STRIPE_LOCAL_PORT: String(env.STRIPE_LOCAL_PORT),
    },
    logDir: env.BOON_LOG_DIR,
    ready: () => httpOk(`${backendUrl}/ready`),
  });

  step("starting the dApp");
  await startService({
    name: "dapp",
    command: node,
    args: [
      path.join(repoRoot, "node_modules/vite/bin/vite.js"),
      "--port",
      String(env.DAPP_PORT),
      "--strictPort",
    ],
    cwd: path.join(repoRoot, "dapp"),
    env: {
      ...common,
      VITE_RPC_URL: chain.rpcUrl,
      VITE_CHAIN_ID: String(deployment.chainId),
      VITE_BACKEND_URL: backendUrl,
      VITE_INDEXER_URL: indexerUrl,
    },
    logDir: env.BOON_LOG_DIR,
    ready: () => httpOk(dappUrl),
  });

  const claimLink = `${dappUrl}/claim#key=${demo.linkGift.linkPrivateKey}`;
  const lines = [
    "",
    "Boon is running. Ctrl-C stops everything.",
    "",
    `Chain:       ${chain.rpcUrl} (chain id ${deployment.chainId})`,
    `  BoonToken:         ${deployment.contracts.boonToken}`,
    `  GiftVault:         ${deployment.contracts.giftVault}`,
    `  RewardDistributor: ${deployment.contracts.rewardDistributor}`,
    `  deployments file:  ${path.relative(repoRoot, deploymentFile)}`,
    "Test accounts (10,000 BOON and 10,000 ETH each; choose them in the dApp's Dev wallet):",
    ...(["alice", "bob", "carol"] as const).map(
      (name) =>
        `  ${name.padEnd(6)} ${devAccounts[name].address}  key ${devAccounts[name].privateKey}`,
    ),
    `PostgreSQL:  ${databaseUrl.replace(/\/\/[^@]*@/, "//")}${postgres.embedded ? " (embedded)" : ""}`,
    `Indexer:     ${indexerUrl}/graphql (GraphQL), ${indexerUrl}/sql (SQL over HTTP), views schema "onchain"`,
    `Backend:     ${backendUrl} (API docs ${backendUrl}/docs, dev mailbox ${backendUrl}/dev/mailbox)`,
    `Demo claim link: ${claimLink}`,
    `Logs:        ${env.BOON_LOG_DIR}`,
    "",
    `dApp: ${dappUrl}`,
  ];
  console.log(lines.join("\n"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
