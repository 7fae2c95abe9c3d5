import { createTestDatabase, type TestDatabase } from "@boon/backend/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTransaction } from "./transaction.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
  await db.pool.query("INSERT INTO counter VALUES (1, 0)");
});
afterAll(async () => {
  await db.drop();
});

describe("withTransaction", () => {
  it("commits on success and rolls back on throw", async () => {
    await withTransaction(db.pool, (c) => c.query("INSERT INTO counter VALUES (2, 0)"));
    await expect(
      withTransaction(db.pool, async (c) => {
        await c.query("INSERT INTO counter VALUES (3, 0)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const { rows } = await db.pool.query("SELECT id FROM counter ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it("retries serialization failures so concurrent serializable increments all land", async () => {
    const workers = 8;
    let attempts = 0;
    await Promise.all(
      Array.from({ length: workers }, () =>
        withTransaction(
          db.pool,
          async (c) => {
            attempts++;
            const { rows } = await c.query("SELECT n FROM counter WHERE id = 1");
            await c.query("UPDATE counter SET n = $1 WHERE id = 1", [rows[0].n + 1]);
          },
          { isolation: "serializable", maxAttempts: 50 },
        ),
      ),
    );
    const { rows } = await db.pool.query("SELECT n FROM counter WHERE id = 1");
    expect(rows[0].n).toBe(workers);
    expect(attempts).toBeGreaterThanOrEqual(workers);
  });

  it("gives up after maxAttempts and surfaces the error", async () => {
    let calls = 0;
    const serializationFailure = Object.assign(new Error("could not serialize"), { code: "40001" });
    await expect(
      withTransaction(
        db.pool,
        async () => {
          calls++;
          throw serializationFailure;
        },
        { maxAttempts: 3 },
      ),
    ).rejects.toBe(serializationFailure);
    expect(calls).toBe(3);
  });
});
