import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** Every embedded server gets one temporary folder named so: its data, its owner, maybe its binaries. */
export const RUN_PREFIX = "boon-pg-";
const OWNER_FILE = "owner.json";
/** A folder without an owner file (an older layout, or one being created) is left alone this long. */
const UNOWNED_GRACE_MS = 10 * 60_000;

export type Run = { dir: string; remove: () => Promise<void> };
type Owner = { pid: number; dataDir: string };

/** Creates the temporary folder of one embedded server, recording which process owns it. */
export async function createRun(
  dataDir: (runDir: string) => string,
  base = tmpdir(),
): Promise<Run> {
  const dir = await mkdtemp(path.join(base, RUN_PREFIX));
  const owner: Owner = { pid: process.pid, dataDir: dataDir(dir) };
  await writeFile(path.join(dir, OWNER_FILE), JSON.stringify(owner));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** True while a process with this id exists (EPERM: it exists, as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The postmaster's process id from a data folder's postmaster.pid, when that process still runs. */
async function livePostmaster(dataDir: string): Promise<number | undefined> {
  const content = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number(content.split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

async function isPostgres(pid: number): Promise<boolean> {
  const { stdout } = await promisify(execFile)("ps", ["-o", "comm=", "-p", String(pid)]).catch(
    () => ({ stdout: "" }),
  );
  return stdout.trim().endsWith("postgres");
}

/** Stops an orphaned server (its owner is gone) with a fast shutdown; false if it would not stop. */
async function stopOrphan(pid: number): Promise<boolean> {
  if (!(await isPostgres(pid))) return false;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

/** Whether the run folder `dir` belongs to a crashed run and can go, stopping its orphan if any. */
async function isStale(dir: string): Promise<boolean> {
  const owner = await readFile(path.join(dir, OWNER_FILE), "utf8")
    .then((text) => JSON.parse(text) as Owner)
    .catch(() => undefined);
  if (!owner) {
    // Older layout (the folder is the data folder) or still being created: only when long idle.
    const info = await stat(dir);
    if (Date.now() - info.mtimeMs < UNOWNED_GRACE_MS) return false;
    return (await livePostmaster(dir)) === undefined;
  }
  if (owner.pid === process.pid || isAlive(owner.pid)) return false;
  const orphan = await livePostmaster(owner.dataDir);
  return orphan === undefined || (await stopOrphan(orphan));
}

/**
 * Deletes the folders that crashed runs (killed before they could clean up) left in `base`,
 * stopping a server one of them left running. Folders of live runs are never touched.
 */
export async function removeStaleRuns(base = tmpdir()): Promise<string[]> {
  const names = await readdir(base).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((entry) => entry.startsWith(RUN_PREFIX))) {
    const dir = path.join(base, name);
    if (await isStale(dir).catch(() => false)) {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}
