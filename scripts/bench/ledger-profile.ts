// Where a journal's time goes: each way of writing runs at N clients, alternating in 250 ms slices
// (as in bench:backend), and prints per operation the database's CPU (all server processes, from
// /proc: embedded server on Linux only), this process's main-thread CPU (the client side: pg
// protocol, JavaScript) and the rate. Round trips show as the gap between one statement and the
// same statement inside BEGIN/COMMIT. `--stats` adds pg_stat_statements (every statement, nested
// ones in triggers included) and per-function times.
// `node scripts/bench/ledger-profile.ts [--clients 8] [--seconds 3] [--stats]`
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPool, migrate, type Pool, withTransaction } from "@boon/backend";
import { createDatabase, startPostgres } from "../src/stack/index.ts";
import { appendSettled, grants, ledgerBenchSetup } from "./ledger-setup.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "3" },
    clients: { type: "string", default: "8" },
    stats: { type: "boolean" },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);

const pg = await startPostgres({
  url: "", // always an embedded server: its processes are the ones measured
  settings: values.stats
    ? {
        shared_preload_libraries: "pg_stat_statements",
        "pg_stat_statements.track": "all",
        track_functions: "pl",
      }
    : {},
});

/** CPU ms used so far by the embedded server's processes (postmaster and its children). */
function serverCpuMs(): number | undefined {
  const pidFile = path.join(pg.dataDir ?? "", "postmaster.pid");
  if (!existsSync(pidFile) || !existsSync("/proc")) return undefined;
  const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pid) !== postmaster && Number(fields[1]) !== postmaster) continue;
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ = 100
}

const dbName = `boon_profile_${randomBytes(3).toString("hex")}`;
const url = await createDatabase(pg.url, dbName);
const pool: Pool = createPool(url, { max: 40, applicationName: "boon-ledger-profile" });
try {
  await migrate(pool);
  if (values.stats) await pool.query("CREATE EXTENSION pg_stat_statements");
  const { ledger, users } = await ledgerBenchSetup(pool);
  const grant = grants(users, "profile");
  const variants: Record<string, (client: number) => Promise<unknown>> = {
    "INSERT, autocommit (1 round trip)": (c) =>
      pool.query("INSERT INTO bench_baseline (v) VALUES ($1)", [c]),
    "INSERT in BEGIN/COMMIT (3)": (c) =>
      withTransaction(pool, (db) => db.query("INSERT INTO bench_baseline (v) VALUES ($1)", [c])),
    "journal, autocommit (1)": (c) => ledger.postJournal(pool, grant(c)),
    "journal in BEGIN/COMMIT (3)": (c) =>
      withTransaction(pool, (db) => ledger.postJournal(db, grant(c))),
    "journal + event in BEGIN/COMMIT (4)": (c) =>
      withTransaction(pool, async (db) => {
        const journal = grant(c);
        await ledger.postJournal(db, journal);
        await appendSettled(db, journal);
      }),
  };
  const names = Object.keys(variants);
  for (const name of names)
    await Promise.all(Array.from({ length: clients }, (_, c) => variants[name]?.(c))); // warm-up
  if (values.stats) await pool.query("SELECT pg_stat_statements_reset(), pg_stat_reset()");
  const totals = new Map(names.map((name) => [name, { done: 0, ms: 0, server: 0, client: 0 }]));
  for (let round = 0; round < seconds * 4; round++) {
    for (const name of names) {
      const op = variants[name] as (c: number) => Promise<unknown>;
      const total = totals.get(name) as {
        done: number;
        ms: number;
        server: number;
        client: number;
      };
      const started = performance.now();
      const server0 = serverCpuMs() ?? 0;
      const client0 = process.threadCpuUsage();
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          while (performance.now() < started + 250) {
            await op(c);
            total.done++;
          }
        }),
      );
      const client = process.threadCpuUsage(client0);
      total.ms += performance.now() - started;
      total.server += (serverCpuMs() ?? Number.NaN) - server0;
      total.client += (client.user + client.system) / 1000;
    }
  }
  console.log(
    `${clients} clients, ${seconds} s each (alternating 250 ms slices); CPU per operation`,
  );
  for (const [name, t] of totals) {
    const perOp = (ms: number) => ((ms * 1000) / t.done).toFixed(0).padStart(4);
    console.log(
      `${name.padEnd(36)} ${(t.done / (t.ms / 1000)).toFixed(0).padStart(6)} /s   database ${perOp(t.server)} us   client ${perOp(t.client)} us`,
    );
  }
  if (values.stats) {
    const statements = await pool.query(
      `SELECT calls, round((total_exec_time / calls * 1000)::numeric) AS us_per_call,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query
         FROM pg_stat_statements WHERE calls > 100 ORDER BY total_exec_time DESC LIMIT 15`,
    );
    console.table(statements.rows);
    const functions = await pool.query(
      `SELECT funcname, calls, round((self_time / calls * 1000)::numeric) AS self_us
         FROM pg_stat_user_functions ORDER BY self_time DESC`,
    );
    console.table(functions.rows);
  }
} finally {
  pool.on("error", () => {}); // connections still closing when the server stops
  await pool.end();
  await pg.stop();
}
