import pg from "pg";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** Anything that runs SQL: the pool itself or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export const SCHEMA = "backend";

// int8 (bigint) columns come back as JS bigint so money never passes through a float.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => BigInt(value));

export type PoolOptions = { max?: number; applicationName?: string };

/** A pool whose connections all resolve unqualified names in the `backend` schema. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    application_name: options.applicationName ?? "boon-backend",
    options: `-c search_path=${SCHEMA},public`,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
}

/** One round trip to the database (readiness checks). */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query("SELECT 1");
}
