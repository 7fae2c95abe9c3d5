import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The unprivileged account PostgreSQL runs as when we are root (it refuses to run as root). */
export type Account = { name: string; uid: number; gid: number };

export const POSTGRES_ACCOUNT = "postgres";

async function lookUp(name: string): Promise<Account | undefined> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * The account to run PostgreSQL as: none (ourselves) unless we are root; then the `postgres` system
 * account, created when missing (containers often have none).
 */
export async function serverAccount(): Promise<Account | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUp(POSTGRES_ACCOUNT);
  if (existing) return existing;
  try {
    await run("useradd", ["--system", "--user-group", "--no-create-home", POSTGRES_ACCOUNT]);
  } catch (error) {
    throw new Error(
      `PostgreSQL refuses to run as root, so as root Boon runs it as the user "${POSTGRES_ACCOUNT}", which does not exist and could not be created (${(error as Error).message.trim()}). Create that user, run as a normal user, or set DATABASE_URL to a server of your own.`,
    );
  }
  const created = await lookUp(POSTGRES_ACCOUNT);
  if (!created) throw new Error(`useradd ran but user "${POSTGRES_ACCOUNT}" is still unknown`);
  return created;
}

/** Whether `account` may pass through (execute) the folder described by `info`. */
function canTraverse(info: { uid: number; gid: number; mode: number }, account: Account): boolean {
  if (info.uid === account.uid) return (info.mode & 0o100) !== 0;
  if (info.gid === account.gid) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

/**
 * The first folder on the way to `target` (inclusive, when it is a folder) that `account` cannot
 * pass through, or undefined when it can reach `target`. Supplementary groups and ACLs are not
 * consulted: the answer errs on the side of "cannot".
 */
export async function blockedFolder(target: string, account: Account): Promise<string | undefined> {
  const folders: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (!info) return undefined; // not created yet: its parents decide
    if (info.isDirectory() && !canTraverse(info, account)) return folder;
  }
  return undefined;
}
