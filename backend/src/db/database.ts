import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const EMBEDDED_DATA_DIR = path.join(repoRoot, ".data", "backend-postgres");

export type Database = { url: string; stop: () => Promise<void> };

/**
 * The server in `databaseUrl`, or an embedded PostgreSQL persisted under `.data/` at the repo root
 * so the backend also runs on its own with no setup.
 */
export async function openDatabase(
  databaseUrl: string | undefined,
  log: (message: string) => void,
): Promise<Database> {
  if (databaseUrl) return { url: databaseUrl, stop: async () => {} };
  // Resolved through the monorepo's workspace link; only needed when no DATABASE_URL is given.
  const { startPostgres } = await import("@boon/scripts/stack");
  log(`DATABASE_URL not set; starting embedded PostgreSQL in ${EMBEDDED_DATA_DIR}`);
  const pg = await startPostgres({ url: undefined, dataDir: EMBEDDED_DATA_DIR });
  return { url: pg.url, stop: pg.stop };
}
