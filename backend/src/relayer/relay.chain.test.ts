// Gas-free claims end to end on a real chain, with the real indexer and PostgreSQL: link claims for
// a wallet holding no ETH, into Boon credits (credited exactly once), batches, social claims to a
// proven wallet and into credits; refusals that spend no gas; a front-runner copying the relayed
// calldata; the per-user, per-IP and budget limits. Prints the gas each claim shape used.

import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { startChainApp, stopChainApp, type TestChain } from "@boon/backend/test-support/chain-app";
import { waitIndexed } from "@boon/backend/test-support/chain-indexer";
import { BOON, chainEnv, drain, treasury, userBalance } from "@boon/backend/test-support/delivery";
import {
  claimedTo,
  freshIp,
  fundSender,
  type LinkGift,
  linkSignature,
  sender,
  sendLinkGifts,
  sendSocialGifts,
} from "@boon/backend/test-support/relay";
import { signSiwe } from "@boon/backend/test-support/siwe";
import {
  type SocialTestApp,
  signInWithX,
  startSocialTestApp,
} from "@boon/backend/test-support/social";
import { devAccounts, giftVaultAbi, socialId } from "@boon/contracts";
import type { Indexer } from "@boon/indexer/stack";
import { X_DEV_ACCOUNTS } from "@boon/scripts/stand-ins";
import { type Address, createWalletClient, type Hex, http, parseEventLogs } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryChainClient } from "../delivery/chain-client.ts";
import { createLogger } from "../ops/logger.ts";
import { claimCalldata, claimFunction, revertErrorName } from "./relay-call.ts";
import { findRelayClaim } from "./relay-claims.repository.ts";
import { createRelayWorker, type RelayWorker } from "./worker.ts";

const VIEWS = "onchain";
const relayer = devAccounts.relayer.address as Address;

let chain: TestChain;
let app: SocialTestApp;
let worker: RelayWorker;
let indexer: Indexer;
/** Gas used per claim shape, from the relayed transactions' receipts. */
const gas: Record<string, bigint> = {};

beforeAll(async () => {
  ({ chain, app, indexer } = await startChainApp(
    (chain) =>
      startSocialTestApp({
        env: {
          ...chainEnv(chain, VIEWS),
          TRUST_PROXY: "1",
          RELAY_PER_USER_PER_DAY: "4",
          RELAY_PER_IP_PER_HOUR: "3",
        },
      }),
    { indexerViews: VIEWS },
  ));
  worker = createRelayWorker({
    pool: app.pool,
    logger: createLogger("silent"),
    ledger: app.deps.ledger,
    config: app.config,
    client: deliveryChainClient(chain.rpcUrl),
    contracts: chain.contracts,
    metrics: app.deps.metrics,
  });
  await fundSender(chain, 10_000n * BOON);
}, 240_000);

afterAll(async () => {
  if (Object.keys(gas).length > 0) {
    const lines = Object.entries(gas).map(([shape, used]) => `  ${shape.padEnd(24)} ${used}`);
    console.log(`relayed claim gas (receipt gasUsed):\n${lines.join("\n")}`);
  }
  await stopChainApp({ chain, app, indexer });
});

const indexed = () => waitIndexed(indexer, chain);

type Headers = Record<string, string>;

function postClaim(body: unknown, headers: Headers = {}, ip = freshIp()) {
  return api(app, "POST", "/v1/relay/claims", {
    body,
    headers: { ...headers, "x-forwarded-for": ip },
  });
}

async function linkBody(gift: LinkGift, to: Address) {
  return {
    kind: "link",
    giftId: gift.giftId.toString(),
    to,
    signature: await linkSignature(chain, gift, to),
  };
}

const freshWallet = () => privateKeyToAccount(generatePrivateKey()).address;

/** The relayed transaction's receipt of a claim (after the worker drained it). */
async function receiptOf(claimId: string) {
  const claim = await findRelayClaim(app.pool, claimId);
  return chain.client.getTransactionReceipt({ hash: claim?.txHash as Hex });
}

async function claimedLogs(receipt: Awaited<ReturnType<typeof receiptOf>>) {
  return parseEventLogs({ abi: giftVaultAbi, eventName: "GiftClaimed", logs: receipt.logs });
}

/** What a refusal must leave untouched: the relayer's nonce, the budget and the claims. */
async function snapshot() {
  const [nonce, budget, claims] = await Promise.all([
    chain.client.getTransactionCount({ address: relayer, blockTag: "pending" }),
    app.pool.query("SELECT reserved_wei::text, spent_wei::text FROM relay_gas_budget"),
    app.pool.query("SELECT count(*)::int AS n FROM relay_claims"),
  ]);
  return { nonce, budget: budget.rows, claims: claims.rows[0] };
}

async function expectConfirmed(claimId: string, headers: Headers = {}) {
  const res = await api(app, "GET", `/v1/relay/claims/${claimId}`, { headers });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: claimId, status: "confirmed", error: null });
  return res.body as { txHash: Hex; amount: string };
}

describe("link claims, relayed", () => {
  it("GET /v1/relay says it is on, where credits go and the limits", async () => {
    const res = await api(app, "GET", "/v1/relay");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enabled: true,
      custodyAddress: treasury,
      chainId: chain.chainId,
      limits: { perUserPerDay: 4, perIpPerHour: 3 },
    });
  });

  it("relays a link claim for a wallet holding zero ETH; the relayer pays the gas", async () => {
    const [gift] = (await sendLinkGifts(chain, 1, 5n * BOON)) as [LinkGift];
    await indexed();
    const wallet = freshWallet();
    const res = await postClaim(await linkBody(gift, wallet));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({
      kind: "link",
      status: "queued",
      destination: "wallet",
      to: wallet,
      giftIds: [gift.giftId.toString()],
      amount: (5n * BOON).toString(),
      txHash: null,
    });
    await drain(worker, app.pool);
    await expectConfirmed(res.body.id);
    expect(await chain.balanceOf(wallet)).toBe(5n * BOON);
    expect(await chain.client.getBalance({ address: wallet })).toBe(0n);
    const receipt = await receiptOf(res.body.id);
    expect(receipt.from.toLowerCase()).toBe(relayer.toLowerCase());
    const [claimed] = await claimedLogs(receipt);
    expect(claimed?.args).toMatchObject({ giftId: gift.giftId, to: wallet, relayer });
    gas.claimLink = receipt.gasUsed;
    // The reservation became the real cost.
    const { rows } = await app.pool.query(
      "SELECT reserved_wei::text AS reserved, spent_wei::text AS spent FROM relay_gas_budget",
    );
    expect(rows).toEqual([
      { reserved: "0", spent: (receipt.gasUsed * receipt.effectiveGasPrice).toString() },
    ]);
  });

  it("refuses, spending no gas and queuing nothing: claimed, unknown, bad signatures, no session", async () => {
    const [gift] = (await sendLinkGifts(chain, 1, BOON)) as [LinkGift];
    const [claimedGift] = (await sendLinkGifts(chain, 1, BOON)) as [LinkGift];
    const wallet = freshWallet();
    await indexed();
    const first = await postClaim(await linkBody(claimedGift, wallet));
    expect(first.status).toBe(202);
    await drain(worker, app.pool);
    await indexed();
    const before = await snapshot();
    const refusals: [unknown, Headers, number, string][] = [
      [await linkBody(claimedGift, wallet), {}, 409, "gift_already_claimed"],
      [{ ...(await linkBody(gift, wallet)), giftId: "12345" }, {}, 404, "gift_not_found"],
      [
        {
          ...(await linkBody(gift, wallet)),
          signature: await linkSignature(chain, { ...gift, key: generatePrivateKey() }, wallet),
        },
        {},
        422,
        "invalid_signature",
      ],
      // Signed for one recipient, asked for another.
      [{ ...(await linkBody(gift, wallet)), to: freshWallet() }, {}, 422, "invalid_signature"],
      [await linkBody(gift, treasury), {}, 401, "unauthenticated"],
      [{ kind: "social", to: { credits: true } }, {}, 401, "unauthenticated"],
    ];
    for (const [body, headers, status, code] of refusals) {
      const res = await postClaim(body, headers);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a front-runner copying the relayed calldata can only pay the same recipient", async () => {
    const [gift] = (await sendLinkGifts(chain, 1, 2n * BOON)) as [LinkGift];
    await indexed();
    const wallet = freshWallet();
    const res = await postClaim(await linkBody(gift, wallet));
    expect(res.status).toBe(202);
    const claim = await findRelayClaim(app.pool, res.body.id);
    if (!claim) throw new Error("claim not stored");
    const call = { giftIds: claim.giftIds, recipient: claim.recipient, args: claim.callArgs };
    const bob = createWalletClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      account: sender,
    });
    // Rewritten to pay the copier: the link key's signature names the recipient.
    const stolen = { ...claimFunction({ ...call, recipient: sender.address }) };
    const error = await chain.client
      .simulateContract({ ...stolen, address: chain.contracts.giftVault, account: sender } as never)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(revertErrorName(error)).toBe("InvalidSignature");
    // Copied as is, before the relayer sends: it pays the same wallet.
    const hash = await bob.sendTransaction({
      to: chain.contracts.giftVault,
      data: claimCalldata(call),
    });
    expect((await chain.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    expect(await chain.balanceOf(wallet)).toBe(2n * BOON);
    // The relayer's own transaction then finds the gift claimed: the claim fails, gas booked.
    await drain(worker, app.pool);
    const after = await api(app, "GET", `/v1/relay/claims/${res.body.id}`);
    expect(after.body).toMatchObject({ status: "failed", error: { code: "reverted" } });
    expect(after.body.error.message).toContain("UnknownGift");
    expect(await claimedTo(chain, gift.giftId)).toEqual([wallet]);
    const { rows } = await app.pool.query(
      "SELECT live FROM relay_claim_gifts WHERE claim_id = $1",
      [res.body.id],
    );
    expect(rows).toEqual([{ live: false }]);
  });

  it("a link claim to the custody address becomes the signed-in user's credits, exactly once", async () => {
    const user = await signIn(app, { email: "no-wallet@example.com" });
    const [gift] = (await sendLinkGifts(chain, 1, 7n * BOON)) as [LinkGift];
    await indexed();
    const custodyBefore = await chain.balanceOf(treasury);
    const headers = { ...user.headers, "idempotency-key": "relay-credits-1" };
    const body = await linkBody(gift, treasury);
    const res = await postClaim(body, headers);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ destination: "credits", to: treasury });
    const replay = await postClaim(body, headers);
    expect(replay.status).toBe(202);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(res.body.id);
    // Another user cannot read it; its owner can.
    expect((await api(app, "GET", `/v1/relay/claims/${res.body.id}`)).status).toBe(404);
    await drain(worker, app.pool);
    await expectConfirmed(res.body.id, user.headers);
    for (let i = 0; i < 3; i++) await worker.tick();
    expect(await userBalance(app.pool, user.userId)).toBe(7n * BOON);
    expect(await chain.balanceOf(treasury)).toBe(custodyBefore + 7n * BOON);
    const journals = await app.pool.query(
      "SELECT count(*)::int AS n FROM ledger_journals WHERE key = $1",
      [`relay:${res.body.id}:credited`],
    );
    expect(journals.rows[0]).toEqual({ n: 1 });
    const events = await app.pool.query(
      "SELECT type FROM events WHERE user_id = $1 AND type LIKE 'relay.%' OR (user_id = $1 AND type = 'credits.claimed') ORDER BY seq",
      [user.userId],
    );
    expect(events.rows.map((r) => r.type)).toEqual([
      "relay.claim_queued",
      "credits.claimed",
      "relay.claim_confirmed",
    ]);
    const mine = await api(app, "GET", "/v1/me/relay/claims", { headers: user.headers });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });

  it("claims link batches of 3 and 10 in one transaction each", async () => {
    for (const size of [3, 10]) {
      const gifts = await sendLinkGifts(chain, size, BOON);
      await indexed();
      const wallet = freshWallet();
      const claims = await Promise.all(
        gifts.map(async (g) => ({
          giftId: g.giftId.toString(),
          signature: await linkSignature(chain, g, wallet),
        })),
      );
      const res = await postClaim({ kind: "link_batch", to: wallet, claims });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      await drain(worker, app.pool);
      await expectConfirmed(res.body.id);
      expect(await chain.balanceOf(wallet)).toBe(BigInt(size) * BOON);
      const receipt = await receiptOf(res.body.id);
      expect(await claimedLogs(receipt)).toHaveLength(size);
      gas[`claimLinkBatch(${size})`] = receipt.gasUsed;
    }
  });
});

describe("social claims, relayed", () => {
  const alice = X_DEV_ACCOUNTS.alice;
  const wallet = privateKeyToAccount(generatePrivateKey());
  let session: { cookie: string };

  it("refuses an unproven wallet and a user with no X account, before any attestation", async () => {
    session = await signInWithX(app, "alice");
    await sendSocialGifts(chain, socialId("x", alice.id), 1, BOON);
    await indexed();
    const before = await snapshot();
    const unproven = await postClaim({ kind: "social", to: { wallet: wallet.address } }, session);
    expect([unproven.status, unproven.body.error?.code]).toEqual([403, "wallet_not_proven"]);
    const noX = await signIn(app);
    const res = await postClaim({ kind: "social", to: { wallet: wallet.address } }, noX.headers);
    expect([res.status, res.body.error?.code]).toEqual([404, "x_account_not_linked"]);
    expect(await snapshot()).toEqual(before);
    const attestations = await app.pool.query("SELECT count(*)::int AS n FROM social_attestations");
    expect(attestations.rows[0]).toEqual({ n: 0 });
  });

  it("claims every open gift of the X account to the proven wallet in one claimSocialBatch", async () => {
    const { message, signature } = await signSiwe(app, wallet);
    const linked = await api(app, "POST", "/v1/me/wallets", {
      body: { message, signature },
      headers: session,
    });
    expect(linked.status).toBe(201);
    const aliceId = (await api(app, "GET", "/v1/me", { headers: session })).body.id as string;
    // One gift is open already (above); then batches of 2 and 10 more, claimed one claim each,
    // each to a wallet holding nothing yet (so every figure includes a first token balance).
    for (const [size, more] of [
      [1, 0],
      [2, 2],
      [10, 10],
    ] as const) {
      const to = size === 1 ? wallet.address : freshWallet();
      if (size > 1) {
        // Proven like the first one (the SIWE path is exercised above).
        await app.pool.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2)", [
          to,
          aliceId,
        ]);
      }
      if (more > 0) await sendSocialGifts(chain, socialId("x", alice.id), more, BOON);
      await indexed();
      const res = await postClaim({ kind: "social", to: { wallet: to } }, session);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.giftIds).toHaveLength(size);
      await drain(worker, app.pool);
      await expectConfirmed(res.body.id, session);
      expect(await chain.balanceOf(to)).toBe(BigInt(size) * BOON);
      expect(await chain.client.getBalance({ address: to })).toBe(0n);
      gas[`claimSocialBatch(${size})`] = (await receiptOf(res.body.id)).gasUsed;
    }
    await indexed();
    const none = await postClaim({ kind: "social", to: { wallet: wallet.address } }, session);
    expect([none.status, none.body.error?.code]).toEqual([404, "no_open_gifts"]);
  });

  it("claims an X account's gifts into Boon credits, credited once when confirmed", async () => {
    const carol = await signInWithX(app, "carol");
    const carolId = (await api(app, "GET", "/v1/me", { headers: carol })).body.id as string;
    await sendSocialGifts(chain, socialId("x", X_DEV_ACCOUNTS.carol.id), 2, 3n * BOON);
    await indexed();
    const res = await postClaim({ kind: "social", to: { credits: true } }, carol);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ destination: "credits", to: treasury });
    await drain(worker, app.pool);
    await expectConfirmed(res.body.id, carol);
    await worker.tick();
    expect(await userBalance(app.pool, carolId)).toBe(6n * BOON);
    const { rows } = await app.pool.query(
      "SELECT destination FROM social_attestations WHERE user_id = $1",
      [carolId],
    );
    expect(rows).toEqual([{ destination: "credits" }]);
  });
});

describe("limits and the daily gas budget", () => {
  let user: SignedIn;
  let gifts: LinkGift[];

  beforeAll(async () => {
    user = await signIn(app, { email: "limits@example.com" });
    gifts = await sendLinkGifts(chain, 10, BOON);
    await indexed();
  });

  it("refuses a fifth claim of one user in a day, and a fourth from one IP in an hour", async () => {
    for (const gift of gifts.slice(0, 4)) {
      expect((await postClaim(await linkBody(gift, freshWallet()), user.headers)).status).toBe(202);
    }
    const overUser = await postClaim(
      await linkBody(gifts[4] as LinkGift, freshWallet()),
      user.headers,
    );
    expect([overUser.status, overUser.body.error?.code]).toEqual([429, "relay_limit_reached"]);
    expect(Number(overUser.headers.get("retry-after"))).toBeGreaterThan(86_000);
    const ip = freshIp();
    for (const gift of gifts.slice(4, 7)) {
      expect((await postClaim(await linkBody(gift, freshWallet()), {}, ip)).status).toBe(202);
    }
    const overIp = await postClaim(await linkBody(gifts[7] as LinkGift, freshWallet()), {}, ip);
    expect([overIp.status, overIp.body.error?.code]).toEqual([429, "relay_limit_reached"]);
    expect(Number(overIp.headers.get("retry-after"))).toBeGreaterThan(3_500);
    await drain(worker, app.pool);
  });

  it("refuses a claim the day's budget cannot cover (503 until the next UTC day), spending nothing", async () => {
    const { rows } = await app.pool.query<{ spent: string }>(
      "SELECT spent_wei::text AS spent FROM relay_gas_budget",
    );
    await app.pool.query("UPDATE relay_gas_budget SET spent_wei = budget_wei - 1000");
    const before = await snapshot();
    const res = await postClaim(await linkBody(gifts[8] as LinkGift, freshWallet()));
    expect([res.status, res.body.error?.code]).toEqual([503, "relay_budget_exhausted"]);
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(Math.abs(retryAfter - (midnight - now.getTime()) / 1000)).toBeLessThan(60);
    expect(await snapshot()).toEqual(before);
    await app.pool.query("UPDATE relay_gas_budget SET spent_wei = $1", [rows[0]?.spent]);
    expect((await postClaim(await linkBody(gifts[8] as LinkGift, freshWallet()))).status).toBe(202);
    await drain(worker, app.pool);
  });

  it("counts claims by outcome and the day's gas in /metrics", async () => {
    const res = await fetch(`${app.baseUrl}/metrics`);
    const text = await res.text();
    expect(text).toMatch(/boon_relay_claims_total\{kind="link",outcome="confirmed",code=""\} \d+/);
    expect(text).toMatch(
      /boon_relay_claims_total\{kind="link",outcome="refused",code="relay_limit_reached"\} 2/,
    );
    expect(text).toMatch(/boon_relay_gas_spent_today_wei [1-9]/);
    expect(text).toMatch(/boon_relay_budget_remaining_wei [1-9]/);
    expect(text).toContain("boon_relay_budget_low 0");
  });

  it("refuses an expired gift (410) without spending gas", async () => {
    const [gift] = (await sendLinkGifts(chain, 1, BOON, 3_700)) as [LinkGift];
    await chain.advance(4_000);
    await indexed();
    const before = await snapshot();
    const res = await postClaim(await linkBody(gift, freshWallet()));
    expect([res.status, res.body.error?.code]).toEqual([410, "gift_expired"]);
    expect(await snapshot()).toEqual(before);
  });
});
