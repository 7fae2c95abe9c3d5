// `npm start`: the whole Boon stack on embedded defaults — local chain, compiled and deployed
// contracts with demo data, PostgreSQL, indexer, the local Stripe, X and SMTP (each unless the real
// service is configured), backend and dApp — until Ctrl-C. `npm run start:prod` (`--prod`) serves the dApp's production build.
// Every port and the database are overridable through the environment (see README.md).
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, exitOnConfigError } from "@boon/contracts/config-error";
import { deploy } from "@boon/contracts/deploy";
import { startIndexer } from "@boon/indexer/stack";
import { seedDemoData } from "./demo-data.ts";
import { repoRoot, startChain } from "./stack/chain.ts";
import { createDatabase, startPostgres } from "./stack/postgres.ts";
import { httpOk, spawnService } from "./stack/service.ts";
import { busyPorts, parseStartConfig, type StartConfig } from "./start/config.ts";
import { startDapp } from "./start/dapp.ts";
import { createLifecycle, StoppingError } from "./start/lifecycle.ts";
import { configuredStripeUrl, type StandIns, startStandIns } from "./start/stand-ins.ts";
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
    exitOnConfigError(new ConfigError("Boon", all));
  }
  return config;
}

/** A log file in the log folder, ended when the stack stops (or at once if `run` fails). */
async function withLog<T>(
  env: StartConfig,
  name: string,
  run: (write: (line: string) => void) => Promise<T & { stop: () => Promise<void> }>,
): Promise<T & { stop: () => Promise<void> }> {
  const log = createWriteStream(path.join(env.logDir, `${name}.log`));
  const started = await run((line) => log.write(line.endsWith("\n") ? line : `${line}\n`)).catch(
    (error: unknown) => {
      log.end();
      throw error;
    },
  );
  lifecycle.onStop(async () => {
    await started.stop();
    log.end();
  });
  return started;
}

/** PostgreSQL and the chain, with the contracts deployed and the demo data in. */
async function startData(env: StartConfig) {
  step("compiling the contracts");
  await lifecycle.step(compileContracts);
  step("starting PostgreSQL");
  const postgres = await lifecycle.step(() =>
    withLog(env, "postgres", (log) =>
      startPostgres({
        url: env.DATABASE_URL,
        dataDir: env.BOON_DATA_DIR,
        port: env.POSTGRES_PORT,
        log,
      }),
    ),
  );
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
  return { postgres, databaseUrl, chain, deployment, deploymentFile, demo };
}

type Data = Awaited<ReturnType<typeof startData>>;
type Urls = { indexer: string; backend: string; dapp: string };

/** The local Stripe, X and SMTP, unless the real services are configured. */
async function startLocalServices(env: StartConfig, urls: Urls): Promise<StandIns> {
  const names = [env.localStripe && "Stripe", env.localX && "X", env.localSmtp && "SMTP"].filter(
    Boolean,
  );
  if (names.length > 0) step(`starting the local ${names.join(" and ")}`);
  return lifecycle.step(() =>
    withLog(env, "stand-ins", (log) => startStandIns(env, urls.backend, log)),
  );
}

/** The indexer, the backend and the dApp. */
async function startServices(env: StartConfig, data: Data, urls: Urls, standIns: StandIns) {
  const common = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? "development",
    DATABASE_URL: data.databaseUrl,
    RPC_URL: data.chain.rpcUrl,
    CHAIN_ID: String(data.deployment.chainId),
    BOON_DEPLOYMENT_FILE: data.deploymentFile,
  };
  step("starting the indexer");
  // Rebuilds the schema when it was indexed from an earlier chain (every restart of the local
  // chain) and resolves once the chain's head is indexed.
  await lifecycle.step(() =>
    withLog(env, "indexer", (log) =>
      startIndexer({
        databaseUrl: data.databaseUrl,
        rpcUrl: data.chain.rpcUrl,
        deploymentFile: data.deploymentFile,
        schema: "indexer",
        viewsSchema: "onchain",
        port: env.INDEXER_PORT,
        log,
      }),
    ),
  );
  step("starting the backend");
  const backend = await lifecycle.step(() =>
    spawnService({
      name: "backend",
      command: process.execPath,
      args: ["src/main.ts"],
      cwd: path.join(repoRoot, "backend"),
      env: {
        ...common,
        PORT: String(env.BACKEND_PORT),
        PUBLIC_URL: urls.backend,
        DAPP_ORIGIN: urls.dapp,
        CORS_ORIGINS: urls.dapp,
        INDEXER_VIEWS_SCHEMA: "onchain",
        ...standIns.backendEnv,
      },
      logDir: env.logDir,
      ready: () => httpOk(`${urls.backend}/ready`),
    }),
  );
  lifecycle.onStop(backend.stop);
  step(env.prod ? "building the dApp for production and serving it" : "starting the dApp");
  const dapp = await lifecycle.step(() =>
    startDapp({
      port: env.DAPP_PORT,
      prod: env.prod,
      logDir: env.logDir,
      env: {
        ...common,
        VITE_RPC_URL: data.chain.rpcUrl,
        VITE_CHAIN_ID: String(data.deployment.chainId),
        VITE_BACKEND_URL: urls.backend,
        VITE_INDEXER_URL: urls.indexer,
        ...(standIns.smtp ? { VITE_MAIL_INBOX_URL: standIns.smtp.inboxUrl } : {}),
      },
    }),
  );
  lifecycle.onStop(dapp.stop);
}

async function main(env: StartConfig): Promise<void> {
  await mkdir(env.logDir, { recursive: true });
  const data = await startData(env);
  const urls: Urls = {
    indexer: `http://localhost:${env.INDEXER_PORT}`,
    backend: `http://localhost:${env.BACKEND_PORT}`,
    dapp: `http://localhost:${env.DAPP_PORT}`,
  };
  const standIns = await startLocalServices(env, urls);
  await startServices(env, data, urls, standIns);
  const { linkPrivateKey } = data.demo.linkGift;
  const lines = summary({
    chainUrl: data.chain.rpcUrl,
    indexerUrl: urls.indexer,
    backendUrl: urls.backend,
    stripe: standIns.stripe
      ? { url: standIns.stripe.url, local: true }
      : { url: configuredStripeUrl(process.env), local: false },
    x: standIns.x,
    smtp: standIns.smtp,
    dappUrl: urls.dapp,
    databaseUrl: data.databaseUrl,
    embeddedDatabase: data.postgres.dataDir,
    deployment: data.deployment,
    deploymentFile: data.deploymentFile,
    repoRoot,
    logDir: env.logDir,
    claimLink: `${urls.dapp}/claim#key=${linkPrivateKey}`,
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
