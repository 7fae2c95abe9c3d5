import { randomBytes } from "node:crypto";
import { startPostgres } from "@boon/scripts/stack";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/db/migrate.ts";
import { createPool } from "../../src/db/pool.ts";
import { adminQuery } from "./database.ts";

declare module "vitest" {
  interface ProvidedContext {
    /** URL of the run's PostgreSQL server (its `postgres` database). */
    pgServerUrl: string;
    /** A migrated database that `createTestDatabase` copies (CREATE DATABASE ... TEMPLATE). */
    pgTemplateDatabase: string;
  }
}

/**
 * Starts ONE PostgreSQL for the whole run (embedded, or the server in DATABASE_URL), and migrates a
 * template database once so each test database is a cheap copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const template = `boon_tpl_${randomBytes(6).toString("hex")}`;
  await adminQuery(server.url, `CREATE DATABASE ${template}`);
  const url = new URL(server.url);
  url.pathname = `/${template}`;
  const pool = createPool(url.toString(), { max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  project.provide("pgServerUrl", server.url);
  project.provide("pgTemplateDatabase", template);
  return async () => {
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(
      () => {},
    );
    await server.stop();
  };
}
