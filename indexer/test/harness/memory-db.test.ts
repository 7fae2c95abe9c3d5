import { onchainTable, primaryKey } from "ponder";
import { describe, expect, it } from "vitest";
import { MemoryDb } from "./memory-db.ts";

const counter = onchainTable("counter", (t) => ({
  id: t.text().primaryKey(),
  count: t.integer().notNull().default(0),
  label: t.text(),
}));

const pair = onchainTable(
  "pair",
  (t) => ({ a: t.text().notNull(), b: t.bigint().notNull(), value: t.integer().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.a, table.b] }) }),
);

describe("MemoryDb", () => {
  it("keys rows by every column of a composite primary key", async () => {
    const db = new MemoryDb();
    await db.insert(pair).values({ a: "x", b: 1n, value: 1 });
    await db.insert(pair).values({ a: "x", b: 2n, value: 2 });
    await expect(db.insert(pair).values({ a: "x", b: 1n, value: 3 })).rejects.toThrow(
      "unique constraint violation in pair",
    );
    await db.update(pair, { a: "x", b: 2n }).set({ value: 5 });
    expect(await db.find(pair, { a: "x", b: 2n })).toEqual({ a: "x", b: 2n, value: 5 });
    expect(await db.find(pair, { a: "x", b: 3n })).toBeNull();
    expect(await db.delete(pair, { a: "x", b: 1n })).toBe(true);
    expect(db.rows(pair)).toEqual([{ a: "x", b: 2n, value: 5 }]);
  });

  it("inserts with defaults and refuses a duplicate key", async () => {
    const db = new MemoryDb();
    expect(await db.insert(counter).values({ id: "a" })).toEqual({
      id: "a",
      count: 0,
      label: null,
    });
    await expect(db.insert(counter).values({ id: "a" })).rejects.toThrow("unique constraint");
  });

  it("keeps the row on onConflictDoNothing and returns null", async () => {
    const db = new MemoryDb();
    await db.insert(counter).values({ id: "a", count: 1 });
    expect(await db.insert(counter).values({ id: "a", count: 9 }).onConflictDoNothing()).toBeNull();
    expect(await db.find(counter, { id: "a" })).toMatchObject({ count: 1 });
  });

  it("updates on conflict with an object or a function of the row", async () => {
    const db = new MemoryDb();
    await db.insert(counter).values({ id: "a", count: 1 }).onConflictDoUpdate({ count: 5 });
    await db
      .insert(counter)
      .values({ id: "a", count: 1 })
      .onConflictDoUpdate((row) => ({ count: (row.count as number) + 2 }));
    expect(db.rows(counter)).toEqual([{ id: "a", count: 3, label: null }]);
  });

  it("updates existing rows only, and deletes", async () => {
    const db = new MemoryDb();
    await expect(db.update(counter, { id: "x" }).set({ count: 1 })).rejects.toThrow("missing row");
    await db.insert(counter).values({ id: "x" });
    expect(await db.update(counter, { id: "x" }).set({ label: "hi" })).toMatchObject({
      label: "hi",
    });
    expect(await db.delete(counter, { id: "x" })).toBe(true);
    expect(await db.find(counter, { id: "x" })).toBeNull();
  });

  it("enforces not-null columns", async () => {
    const db = new MemoryDb();
    await db.insert(counter).values({ id: "a" });
    await expect(db.update(counter, { id: "a" }).set({ count: null as never })).rejects.toThrow(
      "not-null constraint: counter.count",
    );
  });
});
