import type { Queryable } from "../../src/db/pool.ts";

const TABLES = [
  "users",
  "wallets",
  "sessions",
  "refresh_tokens",
  "email_codes",
  "siwe_nonces",
  "audit_log",
] as const;

/** Row counts of the auth tables, to assert that a rejected request wrote nothing. */
export async function authTableCounts(
  db: Queryable,
): Promise<Record<(typeof TABLES)[number], number>> {
  const { rows } = await db.query<Record<(typeof TABLES)[number], number>>(
    `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(", ")}`,
  );
  return rows[0] as Record<(typeof TABLES)[number], number>;
}
