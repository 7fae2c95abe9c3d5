// The relayer killed mid-claim (SIGKILL, no cleanup) at each step of the outbox and restarted:
// exactly one claim on chain, the user credited exactly once, the reservation settled once.
import { api, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import { startChainApp, stopChainApp, type TestChain } from "@boon/backend/test-support/chain-app";
import { BOON, chainEnv, treasury, userBalance } from "@boon/backend/test-support/delivery";
import { createIndexerViews } from "@boon/backend/test-support/indexer-views";
import {
  claimedTo,
  fundSender,
  type LinkGift,
  linkSignature,
  sender,
  sendLinkGifts,
} from "@boon/backend/test-support/relay";
import { crashThenRestart } from "@boon/backend/test-support/worker-process";
import { devAccounts } from "@boon/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrashStep } from "../delivery/worker-context.ts";

const WORKER_MAIN = new URL("./worker-main.ts", import.meta.url).pathname;
const VIEWS = "crashviews";
const relayer = devAccounts.relayer.address;

let chain: TestChain;
let app: TestApp;

beforeAll(async () => {
  ({ chain, app } = await startChainApp((chain) => startTestApp({ env: chainEnv(chain, VIEWS) })));
  await createIndexerViews(app.pool, VIEWS);
  await fundSender(chain, 1_000n * BOON);
}, 120_000);

afterAll(() => stopChainApp({ chain, app }));

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

      expect(await crashThenRestart({ main: WORKER_MAIN, app, chain }, step)).toBe("SIGKILL");

      const claim = await api(app, "GET", `/v1/relay/claims/${res.body.id}`, {
        headers: user.headers,
      });
      expect(claim.body).toMatchObject({ status: "confirmed", destination: "credits" });
      expect(await claimedTo(chain, gift.giftId)).toEqual([treasury]);
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
