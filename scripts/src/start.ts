// `npm start`: the whole Boon stack on embedded defaults — local chain, compiled and deployed
// contracts with demo data, PostgreSQL, indexer, backend (with its Stripe stand-in and dev mailbox)
// and dApp — until Ctrl-C. `npm run start:prod` (`--prod`) serves the dApp's production build.
// Every port and the database are overridable through the environment (see README.md).
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { startIndexer } from "@boon/indexer/stack";
import { deploy } from "../../contracts/scripts/deploy.ts";
import { seedDemoData } from "./demo-data.ts";
import { repoRoot, startChain } from "./stack/chain.ts";
import { createDatabase, startPostgres } from "./stack/postgres.ts";
import { httpOk, spawnService } from "./stack/service.ts";
import { busyPorts, parseStartConfig, type StartConfig } from "./start/config.ts";
import { startDapp } from "./start/dapp.ts";
import { createLifecycle, StoppingError } from "./start/lifecycle.ts";
import { summary } from "./start/summary.ts";

const { values: flags } = parseArgs({ options: { prod: { type: "boolean", default: false } } });
const step = (text: string) => console.log(`• ${text}`);
const lifecycle = createLifecycle({ onError: (error) => console.error(error) });

async function stop(code: number): Promise<never> {
  if (lifecycle.stopping) return new Promise<never>(() => {}); // the first caller exits
  step("stopping");
  await lifecycle.shutdown();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => void stop(0));
process.on("uncaughtException", (error) => {
  console.error(error);
  void stop(1);
});

/** `hardhat build`: incremental, so a no-op (under a second) when the artifacts are current. */
async function compileContracts(): Promise<void> {
  const hardhat = path.join(repoRoot, "node_modules/hardhat/dist/src/cli.js");
  const child = spawn(process.execPath, [hardhat, "build", "--quiet"], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0) throw new Error(`compiling the contracts failed (exit ${code})`);
}

async function configOrExit(): Promise<StartConfig> {
  const { config, problems } = parseStartConfig(process.env, { repoRoot, prod: flags.prod });
  const all = config ? await busyPorts(config) : problems;
  if (!config || all.length > 0) {
    console.error(`Cannot start:\n${all.map((problem) => `  ${problem}`).join("\n")}`);
    process.exit(1);
  }
  return config;
}

async function main(env: StartConfig): Promise<void> {
  await mkdir(env.logDir, { recursive: true });
  step("compiling the contracts");
  await lifecycle.step(compileContracts);

  step("starting PostgreSQL");
  const postgres = await lifecycle.step(async () => {
    const postgresLog = createWriteStream(path.join(env.logDir, "postgres.log"));
    const started = await startPostgres({
      url: env.DATABASE_URL,
      dataDir: env.BOON_DATA_DIR,
      port: env.POSTGRES_PORT,
      log: (line) => postgresLog.write(line),
    }).catch((error: unknown) => {
      postgresLog.end();
      throw error;
    });
    lifecycle.onStop(async () => {
      await started.stop();
      postgresLog.end();
    });
    return started;
  });
  const databaseUrl = postgres.embedded ? await createDatabase(postgres.url, "boon") : postgres.url;

  step(`starting the local chain on port ${env.CHAIN_PORT}`);
  const chain = await lifecycle.step(async () => {
    const started = await startChain({ port: env.CHAIN_PORT });
    lifecycle.onStop(started.stop);
    return started;
  });

  step("deploying the contracts (Ignition) and seeding demo data");
  const deploymentDir = path.join(repoRoot, "contracts/deployments");
  const deployment = await lifecycle.step(() =>
    deploy({ rpcUrl: chain.rpcUrl, outDir: deploymentDir }),
  );
  const deploymentFile = path.join(deploymentDir, `${deployment.chainId}.json`);
  const demo = await lifecycle.step(() => seedDemoData(chain.rpcUrl, deployment));

  const common = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? "development",
    DATABASE_URL: databaseUrl,
    RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(deployment.chainId),
    BOON_DEPLOYMENT_FILE: deploymentFile,
  };
  const indexerUrl = `http://localhost:${env.INDEXER_PORT}`;
  const backendUrl = `http://localhost:${env.BACKEND_PORT}`;
  const dappUrl = `http://localhost:${env.DAPP_PORT}`;

  step("starting the indexer");
  await lifecycle.step(async () => {
    const indexerLog = createWriteStream(path.join(env.logDir, "indexer.log"));
    // Rebuilds the schema when it was indexed from an earlier chain (every restart of the local
    // chain) and resolves once the chain's head is indexed.
    const indexer = await startIndexer({
      databaseUrl,
      rpcUrl: chain.rpcUrl,
      deploymentFile,
      schema: "indexer",
      viewsSchema: "onchain",
      port: env.INDEXER_PORT,
      log: (line) => indexerLog.write(line.endsWith("\n") ? line : `${line}\n`),
    }).catch((error: unknown) => {
      indexerLog.end();
      throw error;
    });
    lifecycle.onStop(async () => {
      await indexer.stop();
      indexerLog.end();
    });
  });

  step("starting the backend (with the Stripe stand-in and the dev mailbox)");
  await lifecycle.step(async () => {
    const backend = await spawnService({
      name: "backend",
      command: process.execPath,
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
      logDir: env.logDir,
      ready: () => httpOk(`${backendUrl}/ready`),
    });
    lifecycle.onStop(backend.stop);
  });

  step(env.prod ? "building the dApp for production and serving it" : "starting the dApp");
  await lifecycle.step(async () => {
    const dapp = await startDapp({
      port: env.DAPP_PORT,
      prod: env.prod,
      logDir: env.logDir,
      env: {
        ...common,
        VITE_RPC_URL: chain.rpcUrl,
        VITE_CHAIN_ID: String(deployment.chainId),
        VITE_BACKEND_URL: backendUrl,
        VITE_INDEXER_URL: indexerUrl,
      },
    });
    lifecycle.onStop(dapp.stop);
  });

  const claimLink = `${dappUrl}/claim#gift=${demo.linkGift.giftId}&key=${demo.linkGift.linkPrivateKey}`;
  const lines = summary({
    chainUrl: chain.rpcUrl,
    indexerUrl,
    backendUrl,
    stripeUrl: `http://127.0.0.1:${env.STRIPE_LOCAL_PORT}`,
    dappUrl,
    databaseUrl,
    embeddedDatabase: postgres.dataDir,
    deployment,
    deploymentFile,
    repoRoot,
    logDir: env.logDir,
    claimLink,
    prod: env.prod,
  });
  console.log(lines.join("\n"));
}

const config = await configOrExit();
await main(config).catch(async (error: unknown) => {
  if (error instanceof StoppingError) return;
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
});
