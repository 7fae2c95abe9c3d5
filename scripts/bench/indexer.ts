// Indexer throughput and latency on a local chain and a real PostgreSQL.
// Emits N gifts (GiftVault.sendGifts, many address gifts per transaction: each gift is an entry of
// the batch's GiftsSent and a BOON Transfer from the sender to its recipient; an "event" below is
// one of those, the unit of the indexer's work), then measures, in the same run and on the same
// chain and database:
//   - backfill: events/s for the full indexer to catch up from an empty schema, and the same for a
//     baseline Ponder app that only inserts one row per BOON Transfer; their ratio (target >= 0.6);
//   - live: events/s while running, and the latency from a gift's receipt to its row in GraphQL,
//     p50 and p95 over 200 gifts (target p95 <= 500 ms).
// Usage: npm run bench:indexer [-- --events 50000 --samples 200 --json]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { devAccounts, giftVaultAbi } from "@boon/contracts";
import { deploy } from "@boon/contracts/deploy";
import {
  type PonderProcess,
  spawnPonder,
  waitForHead,
  waitUntilReady,
} from "@boon/indexer/process";
import {
  createDatabase,
  freePort,
  repoRoot,
  rpc,
  startChain,
  startPostgres,
} from "@boon/scripts/stack";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  padHex,
  toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { approveGiftVault, mintBoon } from "../src/boon-token.ts";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "50000" },
    samples: { type: "string", default: "200" },
    batch: { type: "string", default: "1000" },
    json: { type: "boolean", default: false },
  },
});
const giftCount = Number(values.events);
const samples = Number(values.samples);
const batchSize = Number(values.batch);
if (![giftCount, samples, batchSize].every((n) => Number.isSafeInteger(n) && n > 0)) {
  throw new Error("--events, --samples and --batch must be positive integers");
}
const say = (line: string) => {
  if (!values.json) console.log(line);
};

const postgres = await startPostgres();
const chain = await startChain();
const outDir = await mkdtemp(path.join(tmpdir(), "boon-bench-indexer-"));
const running: PonderProcess[] = [];
const cleanUp = async () => {
  for (const ponder of running) await ponder.stop();
  await chain.stop();
  await postgres.stop();
  await rm(outDir, { recursive: true, force: true });
};
// Ctrl-C must not leave Ponder, the chain or PostgreSQL running.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  const deployment = await deploy({ rpcUrl: chain.rpcUrl, outDir });
  const deploymentFile = path.join(outDir, `${deployment.chainId}.json`);
  const databaseUrl = await createDatabase(postgres.url, "bench_indexer");
  const { boonToken, giftVault } = deployment.contracts;
  const source = {
    contracts: Object.values(deployment.contracts),
    startBlock: deployment.startBlock,
  };
  const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl) });
  const wallet = (key: Hex) =>
    createWalletClient({
      account: privateKeyToAccount(key),
      chain: hardhat,
      transport: http(chain.rpcUrl),
    });
  const treasury = wallet(devAccounts.treasury.privateKey);
  const alice = wallet(devAccounts.alice.privateKey);
  const head = async () => Number(await client.getBlockNumber({ cacheTime: 0 }));
  const send = async (hash: Promise<Hex>) => {
    const receipt = await client.waitForTransactionReceipt({
      hash: await hash,
      pollingInterval: 20,
    });
    if (receipt.status !== "success")
      throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };

  await send(mintBoon(treasury, deployment.contracts, devAccounts.alice.address, 10n ** 26n));
  await send(approveGiftVault(alice, deployment.contracts));

  // Recipients rotate over a fixed set, like real gifting; one context per batch ("a post").
  const recipients: Hex[] = Array.from({ length: 64 }, (_, i) =>
    padHex(toHex(0x1000 + i), { size: 32 }),
  );
  let sentGifts = 0;
  const emitGifts = async (count: number) => {
    const started = performance.now();
    for (let done = 0; done < count; done += batchSize) {
      const size = Math.min(batchSize, count - done);
      const requests = Array.from({ length: size }, (_, i) => ({
        kind: 0,
        recipient: recipients[(sentGifts + i) % recipients.length] as Hex,
        amount: BigInt(1 + ((sentGifts + i) % 1000)),
      }));
      await send(
        alice.writeContract({
          address: giftVault,
          abi: giftVaultAbi,
          functionName: "sendGifts",
          args: [boonToken, requests, 0, 0n, keccak256(toHex(`post-${sentGifts}`)), "bench"],
          gas: 16_000_000n,
        }),
      );
      sentGifts += size;
    }
    return performance.now() - started;
  };

  say(`emitting ${giftCount} gifts in batches of ${batchSize}...`);
  const emitMs = await emitGifts(giftCount);
  // Ponder treats the newest blocks of the local chain as unfinalized and indexes them live:
  // bury the gifts under empty blocks so that catching up is a real backfill.
  for (let i = 0; i < 40; i++) await rpc(chain.rpcUrl, "evm_mine");
  const backfillHead = await head();
  // Per gift: one entry of its batch's GiftsSent and one Transfer (address gifts skip the vault).
  const transferEvents = giftCount;
  const fullEvents = giftCount + transferEvents;
  say(`emitted in ${(emitMs / 1000).toFixed(1)} s; head block ${backfillHead}`);

  const env = {
    DATABASE_URL: databaseUrl,
    RPC_URL: chain.rpcUrl,
    CHAIN_ID: String(deployment.chainId),
    BOON_DEPLOYMENT_FILE: deploymentFile,
    ...(process.env.POLLING_INTERVAL_MS
      ? { POLLING_INTERVAL_MS: process.env.POLLING_INTERVAL_MS }
      : {}),
  };

  /** Runs one Ponder app from an empty schema to ready; the backfill time comes from its own logs. */
  const backfill = async (name: string, cwd: string, schema: string) => {
    const logs: { msg?: string; time?: number }[] = [];
    const ponder = spawnPonder({
      cwd,
      schema,
      port: await freePort(),
      env: { ...env, DATABASE_SCHEMA: schema },
      log: (line) => {
        if (line.startsWith("{")) logs.push(JSON.parse(line));
      },
    });
    running.push(ponder);
    await waitUntilReady(ponder, 10 * 60_000);
    await waitForHead(ponder.url, chain.rpcUrl, source, 120_000);
    const started = logs.find((l) => l.msg === "Started backfill indexing")?.time;
    const completed = logs.find((l) => l.msg?.startsWith("Completed backfill indexing"))?.time;
    if (started === undefined || completed === undefined)
      throw new Error(`${name}: no backfill in the logs`);
    return { ponder, seconds: (completed - started) / 1000 };
  };

  say("baseline backfill (one insert per BOON Transfer)...");
  const baseline = await backfill(
    "baseline",
    path.join(repoRoot, "indexer/bench/baseline"),
    "bench_baseline",
  );
  await baseline.ponder.stop();
  const baselineEventsPerSec = transferEvents / baseline.seconds;
  say(
    `  ${transferEvents} events in ${baseline.seconds.toFixed(2)} s: ${baselineEventsPerSec.toFixed(0)} events/s`,
  );

  say("indexer backfill (full schema)...");
  const full = await backfill("indexer", path.join(repoRoot, "indexer"), "bench_indexer");
  const eventsPerSec = fullEvents / full.seconds;
  say(
    `  ${fullEvents} events in ${full.seconds.toFixed(2)} s: ${eventsPerSec.toFixed(0)} events/s`,
  );

  // Live throughput: a tenth of the gifts again, while the indexer runs.
  const liveGifts = Math.max(batchSize, Math.floor(giftCount / 10));
  const liveEvents = liveGifts * 2;
  const liveStarted = performance.now();
  await emitGifts(liveGifts);
  await waitForHead(full.ponder.url, chain.rpcUrl, source, 120_000);
  const liveSeconds = (performance.now() - liveStarted) / 1000;
  const liveEventsPerSec = liveEvents / liveSeconds;
  say(
    `live: ${liveEvents} events indexed ${liveSeconds.toFixed(2)} s after the first was sent: ${liveEventsPerSec.toFixed(0)} events/s (chain included)`,
  );

  // Live latency: one gift at a time, from its receipt to its row in GraphQL.
  const latencies: number[] = [];
  const bob = devAccounts.bob.address as Address;
  for (let i = 0; i < samples; i++) {
    const receipt = await send(
      alice.writeContract({
        address: giftVault,
        abi: giftVaultAbi,
        functionName: "giftToAddress",
        args: [boonToken, bob, 1n, keccak256(toHex("latency")), ""],
      }),
    );
    const received = performance.now();
    await pollGift(`${full.ponder.url}/graphql`, receipt.transactionHash);
    latencies.push(performance.now() - received);
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ??
    Number.NaN;
  const liveLatencyP50Ms = Math.round(percentile(50));
  const liveLatencyP95Ms = Math.round(percentile(95));
  await full.ponder.stop();

  const ratio = eventsPerSec / baselineEventsPerSec;
  const result = {
    baselineEventsPerSec: Math.round(baselineEventsPerSec),
    eventsPerSec: Math.round(eventsPerSec),
    ratio: Number(ratio.toFixed(3)),
    liveLatencyP50Ms,
    liveLatencyP95Ms,
    liveEventsPerSec: Math.round(liveEventsPerSec),
    gifts: giftCount,
    events: fullEvents,
    baselineEvents: transferEvents,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    say(
      `latency receipt -> GraphQL over ${samples} gifts: p50 ${liveLatencyP50Ms} ms, p95 ${liveLatencyP95Ms} ms`,
    );
    say(
      `ratio indexer/baseline: ${ratio.toFixed(3)} (target >= 0.6: ${ratio >= 0.6 ? "met" : "MISSED"})`,
    );
    say(
      `live p95: ${liveLatencyP95Ms} ms (target <= 500 ms: ${liveLatencyP95Ms <= 500 ? "met" : "MISSED"})`,
    );
  }
} finally {
  await cleanUp();
}

/** Waits until the gift sent in transaction `sentTx` is a row in GraphQL. */
async function pollGift(graphqlUrl: string, sentTx: Hex): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const response = await fetch(graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ gifts(where: { sentTx: "${sentTx}" }) { items { entry } } }`,
      }),
    });
    const body = (await response.json()) as { data?: { gifts: { items: unknown[] } } };
    if (body.data?.gifts.items.length) return;
    // Polling too often would steal the CPU the indexer needs to answer.
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`the gift of ${sentTx} did not reach GraphQL within 30 s`);
}
