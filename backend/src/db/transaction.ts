import type { Pool, PoolClient } from "./pool.ts";

export type Isolation = "read committed" | "repeatable read" | "serializable";

export type TransactionOptions = {
  isolation?: Isolation;
  /** Attempts in total when PostgreSQL reports a serialization failure or deadlock. */
  maxAttempts?: number;
};

// 40001 serialization_failure, 40P01 deadlock_detected: both are safe to retry from the start.
const RETRYABLE = new Set(["40001", "40P01"]);

/**
 * Runs `fn` inside one transaction on one connection; commits on success, rolls back on throw.
 * `fn` may run more than once (retries), so it must not have side effects outside the database.
 */
export async function withTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query(
        `BEGIN ISOLATION LEVEL ${(options.isolation ?? "read committed").toUpperCase()}`,
      );
      const result = await fn(client);
      await client.query("COMMIT");
      runAfterCommit(client);
      return result;
    } catch (error) {
      afterCommit.delete(client);
      await client.query("ROLLBACK").catch(() => {});
      if (attempt < maxAttempts && isRetryable(error)) {
        await sleep(Math.random() * 10 * attempt);
        continue;
      }
      throw error;
    } finally {
      client.release();
    }
  }
}

const afterCommit = new WeakMap<PoolClient, Map<string, () => void>>();

/**
 * Runs `fn` once the transaction on `client` (opened by `withTransaction`) commits, and never if it
 * rolls back: for signals that must not precede the data they announce (events published). A later
 * registration under the same `key` replaces an earlier one. `fn` must not throw.
 */
export function onCommit(client: PoolClient, key: string, fn: () => void): void {
  const hooks = afterCommit.get(client) ?? new Map<string, () => void>();
  hooks.set(key, fn);
  afterCommit.set(client, hooks);
}

function runAfterCommit(client: PoolClient): void {
  const hooks = afterCommit.get(client);
  if (!hooks) return;
  afterCommit.delete(client);
  for (const hook of hooks.values()) hook();
}

export function isRetryable(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    RETRYABLE.has(String((error as { code?: unknown }).code))
  );
}

/** PostgreSQL unique_violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === "23505" && (constraint === undefined || e.constraint === constraint);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
