import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createPool, type Pool } from "../../src/db/pool.ts";

export type TestDatabase = { pool: Pool; url: string; drop: () => Promise<void> };

/** A fresh database with every migration applied, on the run's PostgreSQL. */
export async function createTestDatabase(
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  const serverUrl = inject("pgServerUrl");
  const template = inject("pgTemplateDatabase");
  const name = `boon_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), {
    max: options.poolSize ?? 20,
    applicationName: "boon-test",
  });
  let dropped = false;
  // pool.end() resolves before every socket has closed; DROP ... WITH (FORCE) may then cut one,
  // which is expected at that point and must not surface as an unhandled error.
  pool.on("error", (error) => {
    if (!dropped) throw error;
  });
  return {
    pool,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await pool.end();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * A fresh database for the calling test file: created before its tests, dropped after them. The
 * object is filled in by `beforeAll`, so read its fields inside hooks and tests only.
 */
export function useTestDatabase(options: { poolSize?: number } = {}): TestDatabase {
  const db = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(db, await createTestDatabase(options));
  });
  afterAll(async () => {
    await db.drop?.();
  });
  return db;
}

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE). */
export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
