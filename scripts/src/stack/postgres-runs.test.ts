import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedTmpdir } from "../../test/temp-dir.ts";
import { startPostgres } from "./postgres.ts";
import { createRun, isAlive, RUN_PREFIX, removeStaleRuns } from "./postgres-runs.ts";

const tmp = isolatedTmpdir();

/** The id of a process that has exited (and so cannot own anything any more). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], {
    encoding: "utf8",
  });
  return Number(child.stdout.trim());
}

async function ownedBy(pid: number): Promise<string> {
  const run = await createRun((dir) => path.join(dir, "data"));
  await writeFile(
    path.join(run.dir, "owner.json"),
    JSON.stringify({ pid, dataDir: path.join(run.dir, "data") }),
  );
  return run.dir;
}

describe("folders left by crashed runs", () => {
  it("are deleted when their owner process is gone", async () => {
    const dir = await ownedBy(deadPid());
    await mkdir(path.join(dir, "data/base"), { recursive: true });
    expect(await removeStaleRuns()).toEqual([dir]);
    expect(existsSync(dir)).toBe(false);
  });

  it("are kept while their owner runs", async () => {
    const mine = await ownedBy(process.pid);
    const parents = await ownedBy(process.ppid);
    expect(await removeStaleRuns()).toEqual([]);
    expect(existsSync(mine) && existsSync(parents)).toBe(true);
  });

  it("have their orphaned server stopped before they are deleted", async () => {
    const postgres = await startPostgres({ url: undefined });
    const runDir = path.dirname(postgres.dataDir as string);
    const pidFile = await readFile(path.join(postgres.dataDir as string, "postmaster.pid"), "utf8");
    const postmaster = Number(pidFile.split("\n")[0]);
    // Its owner "crashes": the server runs on with nobody to stop it.
    await writeFile(
      path.join(runDir, "owner.json"),
      JSON.stringify({ pid: deadPid(), dataDir: postgres.dataDir }),
    );
    expect(await removeStaleRuns()).toEqual([runDir]);
    expect(isAlive(postmaster)).toBe(false);
    expect(existsSync(runDir)).toBe(false);
    await postgres.stop(); // already gone: a no-op
  });

  it("without an owner file are kept while young or while a server runs in them", async () => {
    const young = path.join(tmp(), `${RUN_PREFIX}young`);
    const old = path.join(tmp(), `${RUN_PREFIX}old`);
    const oldRunning = path.join(tmp(), `${RUN_PREFIX}oldrunning`);
    for (const dir of [young, old, oldRunning]) await mkdir(dir);
    await writeFile(path.join(oldRunning, "postmaster.pid"), `${process.pid}\n${oldRunning}\n`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const dir of [old, oldRunning]) await utimes(dir, hourAgo, hourAgo);
    expect(await removeStaleRuns()).toEqual([old]);
    expect((await readdir(tmp())).sort()).toEqual(
      [`${RUN_PREFIX}oldrunning`, `${RUN_PREFIX}young`].sort(),
    );
  });

  it("leave other folders alone", async () => {
    const other = path.join(tmp(), "boon-e2e-logs-x");
    await mkdir(other);
    await utimes(other, new Date(0), new Date(0));
    expect(await removeStaleRuns()).toEqual([]);
    expect(existsSync(other)).toBe(true);
  });
});
