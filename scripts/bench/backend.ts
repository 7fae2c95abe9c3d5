// Backend money-path throughput on one real PostgreSQL:
//  - ledger journals/s (two entries + balance-row update, via the real ledger service) at 1, 8 and
//    32 concurrent clients, against single-row INSERT transactions on the same database in the
//    same run (the baseline), the two alternating in 250 ms slices so outside load hits both alike;
//  - GET /v1/me/balance latency (p50/p99) and throughput at 100 connections with autocannon.
// `-- --json` prints { baselineTxPerSec, journalsPerSec (8 clients), ratio, balanceP99Ms }.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import {
  buildDeps,
  createApp,
  createLedgerService,
  createLogger,
  createPool,
  listen,
  loadConfig,
  migrate,
  type Pool,
  SYSTEM,
  startSession,
  userAccount,
  withTransaction,
} from "@boon/backend";
import autocannon from "autocannon";
import { createDatabase, dropDatabase, startPostgres } from "../src/stack/index.ts";
import { benchDelivery } from "./delivery.ts";

const { values } = parseArgs({
  options: { json: { type: "boolean" }, seconds: { type: "string", default: "4" } },
});
const seconds = Number(values.seconds);
const log = (line: string) => {
  if (!values.json) console.log(line);
};

/** Runs `op` from `clients` loops for `ms`; returns completed operations and elapsed ms. */
async function slice(
  clients: number,
  ms: number,
  op: (client: number) => Promise<void>,
): Promise<{ done: number; elapsed: number }> {
  const started = performance.now();
  const deadline = started + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        await op(client);
        done++;
      }
    }),
  );
  return { done, elapsed: performance.now() - started };
}

/**
 * Operations per second of `a` and `b`, measured in alternating 250 ms slices for `seconds` each,
 * so load from anything else on the machine hits both sides alike.
 */
async function interleaved(
  clients: number,
  a: (client: number) => Promise<void>,
  b: (client: number) => Promise<void>,
): Promise<[number, number]> {
  const totals = [
    { done: 0, elapsed: 0 },
    { done: 0, elapsed: 0 },
  ];
  for (let round = 0; round < seconds * 4; round++) {
    for (const [index, op] of [a, b].entries()) {
      const r = await slice(clients, 250, op);
      const total = totals[index] as { done: number; elapsed: number };
      total.done += r.done;
      total.elapsed += r.elapsed;
    }
  }
  const [x, y] = totals.map((t) => t.done / (t.elapsed / 1000));
  return [x as number, y as number];
}

const pg = await startPostgres();
const dbName = `boon_bench_${randomBytes(4).toString("hex")}`;
const url = await createDatabase(pg.url, dbName);
const pool: Pool = createPool(url, { max: 40, applicationName: "boon-bench" });
const results: Record<string, number> = {};
try {
  await migrate(pool);
  await pool.query(
    "CREATE TABLE bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v bigint NOT NULL)",
  );
  const ledger = createLedgerService({ holdHours: { BASIC: 72, STANDARD: 24, PREMIUM: 0 } });
  const users: string[] = [];
  for (let i = 0; i < 64; i++) {
    const { rows } = await pool.query<{ id: string }>(
      "INSERT INTO users DEFAULT VALUES RETURNING id",
    );
    const id = (rows[0] as { id: string }).id;
    await ledger.openUserAccount(pool, id);
    users.push(id);
  }
  // Warm up connections and caches.
  await slice(8, 1000, async () => {
    await pool.query("SELECT 1");
  });

  const run = `${Date.now()}`;
  let n = 0;
  for (const clients of [1, 8, 32]) {
    const [baseline, journals] = await interleaved(
      clients,
      async (client) => {
        await withTransaction(pool, (db) =>
          db.query("INSERT INTO bench_baseline (v) VALUES ($1)", [client]),
        );
      },
      async (client) => {
        const i = n++;
        const user = users[(client * 7 + i) % users.length] as string;
        await withTransaction(pool, (db) =>
          ledger.postJournal(db, {
            key: `bench:${run}:${i}`,
            kind: "bench.grant",
            userId: user,
            entries: [
              { account: SYSTEM.creditsIssued, amount: -1_000_000_000_000_000n },
              { account: userAccount(user), amount: 1_000_000_000_000_000n },
            ],
          }),
        );
      },
    );
    results[`baseline${clients}`] = baseline;
    results[`journals${clients}`] = journals;
    log(
      `${String(clients).padStart(2)} clients: baseline ${baseline.toFixed(0).padStart(6)} tx/s, ` +
        `journals ${journals.toFixed(0).padStart(6)} /s, ratio ${(journals / baseline).toFixed(2)}`,
    );
  }

  // GET /v1/me/balance through the real app (auth, rate limits, metrics, logging all on).
  const config = loadConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
    RPC_URL: "none",
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString("hex"),
    STRIPE_SECRET_KEY: "sk_test_benchunused",
    STRIPE_WEBHOOK_SECRET: "whsec_benchunused",
    RATE_LIMIT_IP_PER_MINUTE: "100000000",
    RATE_LIMIT_USER_PER_MINUTE: "100000000",
  });
  const deps = buildDeps(config, pool, createLogger("silent"), { defaultMetrics: false });
  const server = await listen(createApp(deps), 0, "127.0.0.1");
  const user = users[0] as string;
  const session = await withTransaction(pool, (db) =>
    startSession(db, config, { id: user, role: "user" }, "test"),
  );
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/v1/me/balance`,
    connections: 100,
    // The load generator runs in its own thread so it does not share the server's event loop.
    workers: 1,
    duration: seconds * 2,
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  await server.close(1_000);
  const non2xx = result.non2xx + result.errors;
  results.balanceP50Ms = result.latency.p50;
  results.balanceP99Ms = result.latency.p99;
  results.balanceReqPerSec = result.requests.average;
  log(
    `GET /v1/me/balance @100 conns: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `${result.requests.average.toFixed(0)} req/s, non-2xx/errors ${non2xx}`,
  );
  if (non2xx > 0) throw new Error(`${non2xx} balance requests failed`);

  // DELIVERY: worker throughput against plain ERC-20 transfers on a local chain (bench/delivery.ts).
  const delivery = await benchDelivery({ pgUrl: pg.url, log });
  results.deliveriesPerSec = delivery.deliveriesPerSec;
  results.deliveryBaselinePerSec = delivery.deliveryBaselinePerSec;
} finally {
  await pool.end();
  await dropDatabase(pg.url, dbName).catch(() => {});
  await pg.stop();
}

const baselineTxPerSec = Math.round(results.baseline8 ?? 0);
const journalsPerSec = Math.round(results.journals8 ?? 0);
const ratio = Math.round((journalsPerSec / baselineTxPerSec) * 100) / 100;
const balanceP99Ms = results.balanceP99Ms ?? 0;
if (values.json) {
  console.log(
    JSON.stringify({
      baselineTxPerSec,
      journalsPerSec,
      ratio,
      balanceP99Ms,
      deliveriesPerSec: results.deliveriesPerSec,
      deliveryBaselinePerSec: results.deliveryBaselinePerSec,
    }),
  );
} else {
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    `targets (8 clients): ratio ${ratio} >= 0.5 ${verdict(ratio >= 0.5)}; ${journalsPerSec} journals/s >= 2000 ${verdict(journalsPerSec >= 2000)}; balance p99 ${balanceP99Ms} ms <= 25 ${verdict(balanceP99Ms <= 25)}`,
  );
}
