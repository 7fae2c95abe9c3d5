import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPostgres } from "@boon/scripts/stack";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const EMBEDDED_DATA_DIR = path.join(repoRoot, ".data", "backend-postgres");

/**
 * Development only: with no DATABASE_URL, starts an embedded PostgreSQL persisted under `.data/` at
 * the repo root and sets DATABASE_URL for the backend. Returns how to stop it.
 */
export async function provideDevDatabase(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  process.stderr.write(
    `DATABASE_URL not set; starting embedded PostgreSQL in ${EMBEDDED_DATA_DIR}\n`,
  );
  const pg = await startPostgres({ url: undefined, dataDir: EMBEDDED_DATA_DIR });
  process.env.DATABASE_URL = pg.url;
  return pg.stop;
}
