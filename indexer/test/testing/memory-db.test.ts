import { onchainTable } from "ponder";
import { describe, expect, it } from "vitest";
import { MemoryDb } from "../../src/testing/memory-db.ts";

const counter = onchainTable("counter", (t) => ({
  id: t.text().primaryKey(),
  count: t.integer().notNull().default(0),
  label: t.text(),
}));

describe("MemoryDb", () => {
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
