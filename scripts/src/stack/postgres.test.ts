import { existsSync } from "node:fs";
import { chmod, cp, mkdir, readdir } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { isolatedTmpdir } from "../../test/temp-dir.ts";
import { freePort } from "./ports.ts";
import { startPostgres } from "./postgres.ts";
import { RUN_PREFIX } from "./postgres-runs.ts";
import { installedBinaries } from "./postgres-server.ts";

const tmp = isolatedTmpdir();
const runFolders = async () => (await readdir(tmp())).filter((name) => name.startsWith(RUN_PREFIX));

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded PostgreSQL", () => {
  it("runs from a checkout inside a folder only its owner may enter (root: mktemp -d, /root)", async () => {
    // The installed binaries, moved where nobody but the current user can reach them.
    const installed = await installedBinaries();
    const nativeDir = path.dirname(path.dirname(installed.initdb));
    const privateDir = path.join(tmp(), "private");
    await mkdir(privateDir, { mode: 0o700 });
    await chmod(privateDir, 0o700);
    const copy = path.join(privateDir, "node_modules/native");
    await cp(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
    const binaries = {
      initdb: path.join(copy, "bin/initdb"),
      postgres: path.join(copy, "bin/postgres"),
    };

    const postgres = await startPostgres({ url: undefined, binaries });
    try {
      expect(await query(postgres.url, "select current_setting('server_encoding') as e")).toEqual([
        { e: "UTF8" },
      ]);
    } finally {
      await postgres.stop();
    }
    expect(await runFolders()).toEqual([]);
  });

  it("deletes its temporary folder on stop", async () => {
    const postgres = await startPostgres({ url: undefined });
    expect(postgres.dataDir && existsSync(postgres.dataDir)).toBe(true);
    expect(await runFolders()).toHaveLength(1);
    await postgres.stop();
    expect(await runFolders()).toEqual([]);
  });

  it("deletes its temporary folder when it cannot start", async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, "127.0.0.1", resolve));
    try {
      await expect(startPostgres({ url: undefined, port })).rejects.toThrow(/postgres exited/);
    } finally {
      taken.close();
    }
    expect(await runFolders()).toEqual([]);
  });

  it("keeps a data folder it was given across runs, and nothing else", async () => {
    const dataDir = path.join(tmp(), "kept");
    const first = await startPostgres({ url: undefined, dataDir });
    await query(first.url, "create table kept (n int); insert into kept values (42)");
    await first.stop();
    expect(await runFolders()).toEqual([]);
    const second = await startPostgres({ url: undefined, dataDir });
    try {
      expect(await query(second.url, "select n from kept")).toEqual([{ n: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it("uses the server in DATABASE_URL instead, starting nothing", async () => {
    const postgres = await startPostgres({ url: "postgres://someone@db.example:5432/x" });
    expect(postgres).toMatchObject({
      url: "postgres://someone@db.example:5432/x",
      embedded: false,
    });
    expect(await runFolders()).toEqual([]);
  });
});
