import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@boon/backend/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "./migrate.ts";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "boon-migrations-"));
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("the real migrations are all recorded in the test database", async () => {
    const files = (await readMigrations()).map((m) => m.name);
    const { rows } = await db.pool.query(
      "SELECT name FROM backend.schema_migrations ORDER BY name",
    );
    expect(rows.map((r) => r.name)).toEqual(files);
    expect(files[0]).toBe("0001_users_auth.sql");
  });

  it("applies pending files in name order once, then nothing", async () => {
    await writeFile(path.join(dir, "9001_a.sql"), "CREATE TABLE mig_a (id int);");
    await writeFile(path.join(dir, "9002_b.sql"), "INSERT INTO mig_a VALUES (1);");
    await writeFile(path.join(dir, "README.md"), "not a migration");
    expect(await migrate(db.pool, { dir })).toEqual(["9001_a.sql", "9002_b.sql"]);
    expect(await migrate(db.pool, { dir })).toEqual([]);
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM backend.mig_a");
    expect(rows[0].n).toBe(1);
  });

  it("refuses to run when a landed migration was edited", async () => {
    await writeFile(path.join(dir, "9001_a.sql"), "CREATE TABLE mig_a (id int, edited int);");
    await expect(migrate(db.pool, { dir })).rejects.toThrow(
      /9001_a.sql was edited after it was applied/,
    );
  });

  it("a failing migration leaves nothing behind and names the file", async () => {
    const broken = await mkdtemp(path.join(tmpdir(), "boon-migrations-"));
    try {
      await writeFile(
        path.join(broken, "9101_half.sql"),
        "CREATE TABLE half_done (id int); SELECT no_such_fn();",
      );
      await expect(migrate(db.pool, { dir: broken })).rejects.toThrow(
        /migration 9101_half.sql failed/,
      );
      const { rows } = await db.pool.query("SELECT to_regclass('backend.half_done') AS t");
      expect(rows[0].t).toBeNull();
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it("concurrent migrators apply each file exactly once", async () => {
    const fresh = await createTestDatabase();
    const concurrent = await mkdtemp(path.join(tmpdir(), "boon-migrations-"));
    try {
      await writeFile(path.join(concurrent, "9201_once.sql"), "CREATE TABLE once_only (id int);");
      const results = await Promise.all(
        [1, 2, 3].map(() => migrate(fresh.pool, { dir: concurrent })),
      );
      expect(results.flat()).toEqual(["9201_once.sql"]);
    } finally {
      await fresh.drop();
      await rm(concurrent, { recursive: true, force: true });
    }
  });
});
