// Backend hot paths on one real PostgreSQL, each against a baseline measured in the same run:
//  - ledger journals/s (two entries + balance rows, posted by the real ledger service in one
//    statement, its own transaction) at 1, 8 and 32 clients, against single-row INSERT transactions
//    (BEGIN, INSERT, COMMIT) on the same database, the two alternating in 250 ms slices so outside
//    load hits both alike. At 8 clients, also a journal inside BEGIN/COMMIT and a journal plus its
//    domain event (what a money service writes), for the record;
//  - GET /v1/me/balance through the real app (authentication, rate limits, metrics, request logging
//    at info all on) against a bare `node:http` handler doing the same one-row read on the same
//    pool; 100 connections, autocannon in a worker thread, the two alternating in 2 s slices.
// `-- --json` prints the keys below; `-- --seconds N` sets the length of each measurement.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { parseArgs } from "node:util";
import {
  buildDeps,
  createApp,
  createLogger,
  createPool,
  listen,
  loadConfig,
  migrate,
  type Pool,
  startSession,
  withTransaction,
} from "@boon/backend";
import autocannon from "autocannon";
import { pino } from "pino";
import { createDatabase, dropDatabase, startPostgres } from "../src/stack/index.ts";
import { benchDelivery } from "./delivery.ts";
import { appendSettled, grants, ledgerBenchSetup } from "./ledger-setup.ts";

const { values } = parseArgs({
  options: { json: { type: "boolean" }, seconds: { type: "string", default: "4" } },
});
const seconds = Number(values.seconds);
const log = (line: string) => {
  if (!values.json) console.log(line);
};

type Op = (client: number) => Promise<unknown>;

/** Runs `op` from `clients` loops for `ms`; returns completed operations and elapsed ms. */
async function slice(
  clients: number,
  ms: number,
  op: Op,
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
 * Operations per second of each op, measured in alternating 250 ms slices for `seconds` each, so
 * load from anything else on the machine hits all of them alike.
 */
async function interleaved(clients: number, ops: Op[]): Promise<number[]> {
  const totals = ops.map(() => ({ done: 0, elapsed: 0 }));
  for (let round = 0; round < seconds * 4; round++) {
    for (const [index, op] of ops.entries()) {
      const r = await slice(clients, 250, op);
      const total = totals[index] as { done: number; elapsed: number };
      total.done += r.done;
      total.elapsed += r.elapsed;
    }
  }
  return totals.map((t) => t.done / (t.elapsed / 1000));
}

type HttpResult = { reqPerSec: number; p50Ms: number; p99Ms: number; failed: number };

/**
 * GET `path` on each server with 100 connections (autocannon in a worker thread), alternating
 * servers in 2 s slices for `seconds * 2` each: requests/s over all slices, median p50/p99 of them.
 */
async function alternatingLoad(
  servers: Server[],
  path: string,
  headers: Record<string, string>,
): Promise<HttpResult[]> {
  const port = (server: Server) => (server.address() as { port: number }).port;
  const runs = servers.map(() => ({
    requests: 0,
    ms: 0,
    p50: [] as number[],
    p99: [] as number[],
    failed: 0,
  }));
  const load = (server: Server, duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port(server)}${path}`,
      connections: 100,
      workers: 1,
      duration,
      headers,
    });
  for (const server of servers) await load(server, 1); // warm-up: JIT, pool connections
  for (let round = 0; round < seconds; round++) {
    for (const [index, server] of servers.entries()) {
      const r = await load(server, 2);
      const run = runs[index] as (typeof runs)[number];
      run.requests += r.requests.total;
      run.ms += r.duration * 1000;
      run.p50.push(r.latency.p50);
      run.p99.push(r.latency.p99);
      run.failed += r.non2xx + r.errors;
    }
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  return runs.map((run) => ({
    reqPerSec: run.requests / (run.ms / 1000),
    p50Ms: median(run.p50),
    p99Ms: median(run.p99),
    failed: run.failed,
  }));
}

async function listenBare(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const pg = await startPostgres();
const dbName = `boon_bench_${randomBytes(4).toString("hex")}`;
const url = await createDatabase(pg.url, dbName);
const pool: Pool = createPool(url, { max: 40, applicationName: "boon-bench" });
const results: Record<string, number> = {};
try {
  await migrate(pool);
  const { ledger, users } = await ledgerBenchSetup(pool);
  // Warm up connections and caches.
  await slice(8, 1000, async () => {
    await pool.query("SELECT 1");
  });

  // LEDGER
  const grant = grants(users, "bench");
  const insertTx: Op = (client) =>
    withTransaction(pool, (db) => db.query("INSERT INTO bench_baseline (v) VALUES ($1)", [client]));
  // One round trip: the journal's single statement is its own transaction.
  const journal: Op = (client) => ledger.postJournal(pool, grant(client));
  const journalInTx: Op = (client) =>
    withTransaction(pool, (db) => ledger.postJournal(db, grant(client)));
  const journalWithEvent: Op = (client) =>
    withTransaction(pool, async (db) => {
      const posted = grant(client);
      await ledger.postJournal(db, posted);
      await appendSettled(db, posted);
    });
  for (const clients of [1, 8, 32]) {
    const ops =
      clients === 8 ? [insertTx, journal, journalInTx, journalWithEvent] : [insertTx, journal];
    const [baseline, journals, inTx, withEvent] = await interleaved(clients, ops);
    results[`baseline${clients}`] = baseline as number;
    results[`journals${clients}`] = journals as number;
    const perSec = (x: number | undefined) => (x ?? 0).toFixed(0).padStart(6);
    log(
      `${String(clients).padStart(2)} clients: baseline ${perSec(baseline)} tx/s, journals ${perSec(journals)} /s, ratio ${((journals as number) / (baseline as number)).toFixed(2)}`,
    );
    if (inTx !== undefined && withEvent !== undefined) {
      results.journalsInTx = inTx;
      results.journalsWithEvent = withEvent;
      log(
        `            journal in BEGIN/COMMIT ${perSec(inTx)} /s (ratio ${(inTx / (baseline as number)).toFixed(2)}), journal + domain event in BEGIN/COMMIT ${perSec(withEvent)} /s (ratio ${(withEvent / (baseline as number)).toFixed(2)})`,
      );
    }
  }

  // READ PATH: GET /v1/me/balance through the real app (auth, rate limits, metrics, logging all on).
  const config = loadConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    RPC_URL: "none",
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString("hex"),
    STRIPE_SECRET_KEY: "sk_test_benchunused",
    STRIPE_WEBHOOK_SECRET: "whsec_benchunused",
    // Consulted on every request, never reached.
    RATE_LIMIT_IP_PER_MINUTE: "100000000",
    RATE_LIMIT_USER_PER_MINUTE: "100000000",
  });
  // Request logs at info, written as in production (pino's synchronous destination), to /dev/null.
  const logger = createLogger("info", { destination: pino.destination({ dest: "/dev/null" }) });
  const deps = buildDeps(config, pool, logger, { defaultMetrics: false });
  const app = await listen(createApp(deps), 0, "127.0.0.1");
  const user = users[0] as string;
  const session = await withTransaction(pool, (db) =>
    startSession(db, config, { id: user, role: "user" }, "test"),
  );
  // Baseline: the same read on the same pool, with no framework, auth, limits, metrics or logs.
  const bare = await listenBare((_req, res) => {
    deps.ledger.balances(pool, user).then(
      ({ balance, withdrawable }) => {
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(
          JSON.stringify({
            asset: "BOON",
            decimals: 18,
            balance: balance.toString(),
            withdrawable: withdrawable.toString(),
          }),
        );
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
  const [baselineRead, realRead] = (await alternatingLoad([bare, app.server], "/v1/me/balance", {
    authorization: `Bearer ${session.accessToken}`,
  })) as [HttpResult, HttpResult];
  await app.close(1_000);
  await new Promise((resolve) => bare.close(resolve));
  results.balanceBaselineReqPerSec = baselineRead.reqPerSec;
  results.balanceBaselineP99Ms = baselineRead.p99Ms;
  results.balanceReqPerSec = realRead.reqPerSec;
  results.balanceP50Ms = realRead.p50Ms;
  results.balanceP99Ms = realRead.p99Ms;
  log(
    `GET /v1/me/balance @100 conns: bare node:http ${baselineRead.reqPerSec.toFixed(0)} req/s, p50 ${baselineRead.p50Ms} ms, p99 ${baselineRead.p99Ms} ms; ` +
      `real app ${realRead.reqPerSec.toFixed(0)} req/s, p50 ${realRead.p50Ms} ms, p99 ${realRead.p99Ms} ms`,
  );
  const failed = baselineRead.failed + realRead.failed;
  if (failed > 0) throw new Error(`${failed} balance requests failed`);

  // DELIVERY: worker throughput against plain ERC-20 transfers on a local chain (bench/delivery.ts).
  const delivery = await benchDelivery({ pgUrl: pg.url, log });
  results.deliveriesPerSec = delivery.deliveriesPerSec;
  results.deliveryBaselinePerSec = delivery.deliveryBaselinePerSec;
} finally {
  // pool.end() resolves before its connections have closed; DROP DATABASE ... FORCE then ends them.
  pool.on("error", () => {});
  await pool.end();
  await dropDatabase(pg.url, dbName).catch(() => {});
  await pg.stop();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const baselineTxPerSec = Math.round(results.baseline8 ?? 0);
const journalsPerSec = Math.round(results.journals8 ?? 0);
const ratio = round2(journalsPerSec / baselineTxPerSec);
const balanceReqPerSec = Math.round(results.balanceReqPerSec ?? 0);
const balanceBaselineReqPerSec = Math.round(results.balanceBaselineReqPerSec ?? 0);
const balanceP99Ms = results.balanceP99Ms ?? 0;
const balanceBaselineP99Ms = results.balanceBaselineP99Ms ?? 0;
const balanceThroughputRatio = round2(balanceReqPerSec / balanceBaselineReqPerSec);
const balanceP99Ratio = round2(balanceP99Ms / balanceBaselineP99Ms);
if (values.json) {
  console.log(
    JSON.stringify({
      baselineTxPerSec,
      journalsPerSec,
      ratio,
      journalsInTxPerSec: Math.round(results.journalsInTx ?? 0),
      journalsWithEventPerSec: Math.round(results.journalsWithEvent ?? 0),
      balanceBaselineReqPerSec,
      balanceBaselineP99Ms,
      balanceReqPerSec,
      balanceP50Ms: results.balanceP50Ms,
      balanceP99Ms,
      balanceThroughputRatio,
      balanceP99Ratio,
      deliveriesPerSec: results.deliveriesPerSec,
      deliveryBaselinePerSec: results.deliveryBaselinePerSec,
    }),
  );
} else {
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    `targets (8 clients): journals/baseline ${ratio} >= 0.5 ${verdict(ratio >= 0.5)}; ${journalsPerSec} journals/s >= 2000 ${verdict(journalsPerSec >= 2000)}`,
  );
  console.log(
    `targets (balance read vs bare handler): throughput ${balanceThroughputRatio} >= 0.5 ${verdict(balanceThroughputRatio >= 0.5)}; p99 ${balanceP99Ratio}x <= 2 ${verdict(balanceP99Ratio <= 2)}`,
  );
}
