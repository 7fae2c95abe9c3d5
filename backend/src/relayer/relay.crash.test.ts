// The relayer killed mid-claim (SIGKILL, no cleanup) at each step of the outbox and restarted:
// exactly one claim on chain, the user credited exactly once, the reservation settled once.
import { type ChildProcess, spawn } from "node:child_process";
import { api, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import {
  BOON,
  startTestChain,
  type TestChain,
  treasury,
  userBalance,
  waitDrained,
} from "@boon/backend/test-support/delivery";
import { createIndexerViews } from "@boon/backend/test-support/indexer-views";
import {
  fundSender,
  type LinkGift,
  linkSignature,
  sender,
  sendLinkGifts,
} from "@boon/backend/test-support/relay";
import { devAccounts, giftVaultAbi } from "@boon/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrashStep } from "../delivery/worker-context.ts";

const WORKER_MAIN = new URL("./worker-main.ts", import.meta.url).pathname;
const VIEWS = "crashviews";
const relayer = devAccounts.relayer.address;

let chain: TestChain;
let app: TestApp;

beforeAll(async () => {
  chain = await startTestChain();
  app = await startTestApp({
    env: {
      CHAIN_ID: String(chain.chainId),
      RPC_URL: chain.rpcUrl,
      GIFT_VAULT_ADDRESS: chain.contracts.giftVault,
      BOON_TOKEN_ADDRESS: chain.contracts.boonToken,
      INDEXER_VIEWS_SCHEMA: VIEWS,
    },
  });
  await createIndexerViews(app.pool, VIEWS);
  await fundSender(chain, 1_000n * BOON);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await chain?.stop();
});

/** The gift as the indexer's views show it (this test runs no indexer). */
async function indexGift(gift: LinkGift) {
  await app.pool.query(
    `INSERT INTO ${VIEWS}.gift (event_id, entry, gift_id, kind, token, sender, recipient, amount,
       expiry, message, status, sent_block, sent_timestamp, sent_tx)
     VALUES ($1, 0, $2, 'link', $3, $4, $5, $6, $7, '', 'pending', 1, 1, $8)`,
    [
      `ev-${gift.giftId}`,
      gift.giftId.toString(),
      chain.contracts.boonToken.toLowerCase(),
      sender.address.toLowerCase(),
      gift.linkKey.toLowerCase(),
      gift.amount.toString(),
      gift.expiry,
      `0x${"ab".repeat(32)}`,
    ],
  );
}

function workerProcess(crashAt?: CrashStep): {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
} {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: app.databaseUrl,
      RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      BOON_TOKEN_ADDRESS: chain.contracts.boonToken,
      GIFT_VAULT_ADDRESS: chain.contracts.giftVault,
      DELIVERY_POLL_MS: "20",
      ...(crashAt ? { DELIVERY_TEST_CRASH_AT: crashAt } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      if (stderr) process.stderr.write(stderr);
      resolve(signal ?? code);
    }),
  );
  return { child, exited };
}

describe("the relayer killed mid-claim", () => {
  const steps: CrashStep[] = ["beforeSend", "afterBroadcast", "afterReceipt", "beforeRecord"];
  for (const step of steps) {
    it(`killed at ${step} and restarted: one claim on chain, credits exactly once`, async () => {
      const user = await signIn(app, { email: `crash-${step}@example.com` });
      const [gift] = (await sendLinkGifts(chain, 1, 4n * BOON)) as [LinkGift];
      await indexGift(gift);
      const res = await api(app, "POST", "/v1/relay/claims", {
        body: {
          kind: "link",
          giftId: gift.giftId.toString(),
          to: treasury,
          signature: await linkSignature(chain, gift, treasury),
        },
        headers: user.headers,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);

      const crashed = workerProcess(step);
      expect(await crashed.exited).toBe("SIGKILL");
      const restarted = workerProcess();
      try {
        await waitDrained(app.pool, 60_000);
      } finally {
        restarted.child.kill("SIGTERM");
        await restarted.exited;
      }

      const claim = await api(app, "GET", `/v1/relay/claims/${res.body.id}`, {
        headers: user.headers,
      });
      expect(claim.body).toMatchObject({ status: "confirmed", destination: "credits" });
      const claimed = await chain.client.getContractEvents({
        address: chain.contracts.giftVault,
        abi: giftVaultAbi,
        eventName: "GiftClaimed",
        args: { giftId: gift.giftId },
        fromBlock: 0n,
      });
      expect(claimed.map((log) => log.args.to)).toEqual([treasury]);
      expect(await userBalance(app.pool, user.userId)).toBe(4n * BOON);
      const journals = await app.pool.query(
        "SELECT count(*)::int AS n FROM ledger_journals WHERE key = $1",
        [`relay:${res.body.id}:credited`],
      );
      expect(journals.rows[0]).toEqual({ n: 1 });
      await expectConsistent();
    }, 90_000);
  }
});

/** Every relayer nonce used once on chain; nothing left reserved on the budget. */
async function expectConsistent(): Promise<void> {
  const { rows } = await app.pool.query<{ nonce: bigint }>(
    "SELECT nonce FROM deliveries WHERE sender = $1 AND nonce IS NOT NULL ORDER BY nonce",
    [relayer],
  );
  const nonces = rows.map((row) => row.nonce);
  expect(nonces).toEqual(nonces.map((_, i) => BigInt(i)));
  expect(await chain.client.getTransactionCount({ address: relayer })).toBe(nonces.length);
  const budget = await app.pool.query(
    "SELECT reserved_wei::text AS reserved FROM relay_gas_budget",
  );
  expect(budget.rows).toEqual([{ reserved: "0" }]);
}
