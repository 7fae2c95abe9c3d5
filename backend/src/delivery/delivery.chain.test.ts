import { randomUUID } from "node:crypto";
import { api, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import { startChainApp, stopChainApp, type TestChain } from "@boon/backend/test-support/chain-app";
import {
  BOON,
  creditUser,
  drain,
  expectTreasuryNonces,
  inDeliveryBalance,
  testWorker,
  treasury,
  userBalance,
} from "@boon/backend/test-support/delivery";
import {
  addressKey,
  devAccounts,
  GiftKind,
  giftCommitment,
  giftVaultAbi,
  giftVaultDomain,
  signLinkClaim,
  socialId,
  xPostContext,
} from "@boon/contracts";
import { type ContractEventName, createWalletClient, type Hex, http, parseEventLogs } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEventsAfter, START } from "../events/events.repository.ts";
import type { DeliveryWorker } from "./worker.ts";

let chain: TestChain;
let app: TestApp;
let worker: DeliveryWorker;
/** The treasury nonce a foreign transaction used (see the nonce-taken test). */
let foreignNonce: bigint;

beforeAll(async () => {
  ({ chain, app } = await startChainApp((chain) =>
    startTestApp({ env: { CHAIN_ID: String(chain.chainId), DELIVERY_FLOAT_BOON: "1000" } }),
  ));
  worker = testWorker(app, chain);
}, 120_000);

afterAll(() => stopChainApp({ chain, app }));

const key = () => `k-${randomUUID()}`;

async function cardUser(credits: bigint, options: { paidHoursAgo?: number } = {}) {
  const wallet = privateKeyToAccount(generatePrivateKey()).address;
  const user = await signIn(app, { wallet });
  await creditUser(app.pool, user.userId, credits, options);
  return { ...user, wallet };
}

async function post(
  user: { headers: Record<string, string> },
  path: string,
  body: unknown,
  k = key(),
) {
  return api(app, "POST", path, { body, headers: { ...user.headers, "idempotency-key": k } });
}

async function deliveriesOf(user: { headers: Record<string, string> }) {
  const res = await api(app, "GET", "/v1/me/deliveries", { headers: user.headers });
  expect(res.status).toBe(200);
  return res.body.items as {
    id: string;
    status: string;
    txHash: string | null;
    giftId: string | null;
    failure: unknown;
    type: string;
  }[];
}

/** Runs the worker until the outbox is empty; the user's newest delivery must have confirmed. */
async function drainConfirmed(user: { headers: Record<string, string> }) {
  await drain(worker, app.pool);
  const [delivery] = await deliveriesOf(user);
  expect(delivery?.status).toBe("confirmed");
  return delivery;
}

async function receiptFor(hash: string) {
  return chain.client.getTransactionReceipt({ hash: hash as Hex });
}

/** The first `eventName` event GiftVault emitted in the delivery's transaction. */
async function vaultEvent<E extends ContractEventName<typeof giftVaultAbi>>(
  delivery: { txHash: string | null } | undefined,
  eventName: E,
) {
  const receipt = await receiptFor(delivery?.txHash as string);
  const [event] = parseEventLogs({ abi: giftVaultAbi, eventName, logs: receipt.logs });
  return event;
}

describe("delivery end to end on a local chain", () => {
  it("a withdrawal mints to the user's linked wallet and leaves the ledger balanced", async () => {
    const user = await cardUser(100n * BOON);
    const res = await post(user, "/v1/withdrawals", {
      to: user.wallet,
      amount: (40n * BOON).toString(),
    });
    expect(res.status).toBe(201);
    expect(res.body.delivery).toMatchObject({
      type: "withdrawal",
      status: "queued",
      amount: (40n * BOON).toString(),
    });
    expect(await userBalance(app.pool, user.userId)).toBe(60n * BOON);

    const delivery = await drainConfirmed(user);
    const receipt = await receiptFor(delivery?.txHash as string);
    expect(receipt.status).toBe("success");
    expect(receipt.from.toLowerCase()).toBe(treasury.toLowerCase());
    expect(await chain.balanceOf(user.wallet)).toBe(40n * BOON);
    expect(await userBalance(app.pool, user.userId)).toBe(60n * BOON);
    expect(await inDeliveryBalance(app.pool)).toBe(0n);
  });

  it("a withdrawal writes its events in order: spent, queued, broadcast, confirmed", async () => {
    const user = await cardUser(10n * BOON);
    const res = await post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() });
    expect(res.status).toBe(201);
    await drain(worker, app.pool);
    const events = await readEventsAfter(app.pool, START, { limit: 100, userId: user.userId });
    const id = res.body.delivery.id;
    expect(events.map((e) => [e.type, e.subject.id])).toEqual([
      ["credits.spent", id],
      ["delivery.queued", id],
      ["delivery.broadcast", id],
      ["delivery.confirmed", id],
    ]);
    const [delivery] = await deliveriesOf(user);
    expect(events[3]?.payload).toMatchObject({ kind: "withdrawal", txHash: delivery?.txHash });
  });

  it("an address gift pays the recipient from the treasury float", async () => {
    const user = await cardUser(50n * BOON);
    const to = privateKeyToAccount(generatePrivateKey()).address;
    const res = await post(user, "/v1/gifts", {
      kind: "address",
      to,
      amount: (5n * BOON).toString(),
      context: "https://x.com/someone/status/1850000000000000001",
      message: "thanks!",
    });
    expect(res.status).toBe(201);
    const delivery = await drainConfirmed(user);
    expect(await chain.balanceOf(to)).toBe(5n * BOON);
    const sent = await vaultEvent(delivery, "GiftDelivered");
    expect(sent?.args).toMatchObject({
      sender: treasury,
      to,
      amount: 5n * BOON,
      context: xPostContext("1850000000000000001"),
      message: "thanks!",
    });
    // a direct gift needs no id: nothing is escrowed under it
    expect(delivery?.giftId).toBeNull();
    expect(await userBalance(app.pool, user.userId)).toBe(45n * BOON);
    expect(await inDeliveryBalance(app.pool)).toBe(0n);
  });

  it("a social gift is escrowed for the X account id, committed as the vault expects", async () => {
    const user = await cardUser(50n * BOON);
    const res = await post(user, "/v1/gifts", {
      kind: "social",
      platform: "x",
      accountId: "42",
      amount: (7n * BOON).toString(),
    });
    expect(res.status).toBe(201);
    const delivery = await drainConfirmed(user);
    const sent = await vaultEvent(delivery, "SocialGiftSent");
    expect(sent?.args.socialId).toBe(socialId("x", "42"));
    expect(delivery?.giftId).toBe(sent?.args.giftId.toString());
    const commitment = await chain.client.readContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "giftCommitment",
      args: [sent?.args.giftId as bigint],
    });
    expect(commitment).toBe(
      giftCommitment({
        token: chain.contracts.boonToken,
        sender: treasury,
        kind: GiftKind.Social,
        recipient: socialId("x", "42"),
        amount: 7n * BOON,
        expiry: sent?.args.expiry as number,
      }),
    );
    expect(await userBalance(app.pool, user.userId)).toBe(43n * BOON);
  });

  it("a link gift's secret is shown once, stored nowhere, and claims the gift", async () => {
    const user = await cardUser(50n * BOON);
    const k = key();
    const body = { kind: "link", amount: (3n * BOON).toString(), message: "for you" };
    const first = await post(user, "/v1/gifts", body, k);
    expect(first.status).toBe(201);
    const secret = first.body.link.secret as Hex;
    expect(secret).toMatch(/^0x[0-9a-f]{64}$/);
    const linkKey = privateKeyToAccount(secret);
    expect(first.body.delivery.linkKeyAddress).toBe(linkKey.address);

    const replay = await post(user, "/v1/gifts", body, k);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.delivery.id).toBe(first.body.delivery.id);
    expect(replay.body.link.secret).toBeNull();
    const { rows } = await app.pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM idempotency_keys WHERE response_body::text ILIKE '%' || $1 || '%')
            + (SELECT count(*) FROM deliveries WHERE row_to_json(deliveries)::text ILIKE '%' || $1 || '%')
            + (SELECT count(*) FROM audit_log WHERE details::text ILIKE '%' || $1 || '%') AS n`,
      [secret.slice(2)],
    );
    expect(Number(rows[0]?.n)).toBe(0);

    const delivery = await drainConfirmed(user);
    const sent = await vaultEvent(delivery, "LinkGiftSent");
    const giftId = sent?.args.giftId as bigint;
    const claimer = privateKeyToAccount(devAccounts.bob.privateKey);
    const recipient = privateKeyToAccount(generatePrivateKey()).address;
    const signature = await signLinkClaim(
      linkKey,
      giftVaultDomain(chain.chainId, chain.contracts.giftVault),
      { giftId, recipient },
    );
    const wallet = createWalletClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      account: claimer,
    });
    const hash = await wallet.writeContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "claimLink",
      args: [
        giftId,
        {
          token: chain.contracts.boonToken,
          sender: treasury,
          kind: GiftKind.Link,
          recipient: addressKey(linkKey.address),
          amount: 3n * BOON,
          expiry: sent?.args.expiry as number,
        },
        recipient,
        signature,
      ],
    });
    expect((await chain.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    expect(await chain.balanceOf(recipient)).toBe(3n * BOON);
  });

  it("expired unclaimed card-paid gifts are refunded and credit the buyer exactly once", async () => {
    const user = await cardUser(20n * BOON);
    for (const body of [
      { kind: "social", platform: "x", accountId: "777", amount: (8n * BOON).toString() },
      { kind: "link", amount: (2n * BOON).toString() },
    ]) {
      expect((await post(user, "/v1/gifts", { ...body, expiresInSeconds: 3600 })).status).toBe(201);
    }
    await drain(worker, app.pool);
    expect(await userBalance(app.pool, user.userId)).toBe(10n * BOON);

    // The expiry is at least min lifetime + slack (300 s) after signing.
    await chain.advance(3600 + 301);
    await drain(worker, app.pool);
    // The refund transactions landed; their logs are read on a later pass.
    for (let i = 0; i < 3; i++) await worker.tick();
    const refunds = (await deliveriesOf(user)).filter((item) => item.type === "gift_refund");
    expect(refunds.map((item) => item.status)).toEqual(["confirmed", "confirmed"]);
    for (const refund of refunds) {
      const receipt = await receiptFor(refund.txHash as string);
      const logs = parseEventLogs({
        abi: giftVaultAbi,
        eventName: "GiftRefunded",
        logs: receipt.logs,
      });
      expect(logs).toHaveLength(1);
    }
    expect(await userBalance(app.pool, user.userId)).toBe(20n * BOON);

    // Reading every log again (a lost cursor) credits nothing twice: matched by gift id.
    await app.pool.query("UPDATE chain_cursors SET block_number = 0");
    for (let i = 0; i < 3; i++) await worker.tick();
    expect(await userBalance(app.pool, user.userId)).toBe(20n * BOON);
    const { rows } = await app.pool.query("SELECT * FROM gift_refunds WHERE user_id = $1", [
      user.userId,
    ]);
    expect(rows).toHaveLength(2);
  });

  it("a refund sent by anyone else is credited to the buyer once, from its log", async () => {
    const user = await cardUser(10n * BOON);
    expect(
      (
        await post(user, "/v1/gifts", {
          kind: "social",
          platform: "x",
          accountId: "888",
          amount: (4n * BOON).toString(),
        })
      ).status,
    ).toBe(201);
    await drain(worker, app.pool);
    const [gift] = await deliveriesOf(user);
    const sent = await vaultEvent(gift, "SocialGiftSent");
    const args = sent?.args as NonNullable<typeof sent>["args"];
    await chain.advance(8 * 24 * 3600);
    const stranger = createWalletClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      account: privateKeyToAccount(devAccounts.carol.privateKey),
    });
    const hash = await stranger.writeContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "refund",
      args: [
        args.giftId,
        {
          token: args.token,
          sender: args.sender,
          kind: GiftKind.Social,
          recipient: args.socialId,
          amount: args.amount,
          expiry: args.expiry,
        },
      ],
    });
    expect((await chain.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    for (let i = 0; i < 3; i++) await worker.tick();
    await drain(worker, app.pool);
    expect(await userBalance(app.pool, user.userId)).toBe(10n * BOON);
    const items = await deliveriesOf(user);
    // The worker saw the gift already closed on chain: no refund transaction of its own went out.
    expect(
      items.filter((item) => item.type === "gift_refund" && item.status === "confirmed"),
    ).toHaveLength(0);
  });

  it("a transaction that reverts on chain fails the delivery and returns the money", async () => {
    // Above BoonToken's supply cap (1e9 BOON): the mint reverts with ERC20ExceededCap.
    const amount = 2_000_000_000n * BOON;
    const user = await cardUser(amount);
    const res = await post(user, "/v1/withdrawals", { to: user.wallet, amount: amount.toString() });
    expect(res.status).toBe(201);
    expect(await userBalance(app.pool, user.userId)).toBe(0n);
    await drain(worker, app.pool);
    const [delivery] = await deliveriesOf(user);
    expect(delivery?.status).toBe("failed");
    expect(delivery?.failure).toMatchObject({ code: "reverted" });
    expect(JSON.stringify(delivery?.failure)).toContain("ERC20ExceededCap");
    expect((await receiptFor(delivery?.txHash as string)).status).toBe("reverted");
    expect(await userBalance(app.pool, user.userId)).toBe(amount);
    expect(await inDeliveryBalance(app.pool)).toBe(0n);
  });

  it("a paused vault fails gifts with the money returned", async () => {
    const user = await cardUser(10n * BOON);
    await chain.setPaused(true);
    try {
      const res = await post(user, "/v1/gifts", { kind: "link", amount: BOON.toString() });
      expect(res.status).toBe(201);
      await drain(worker, app.pool);
    } finally {
      await chain.setPaused(false);
    }
    const [delivery] = await deliveriesOf(user);
    expect(delivery).toMatchObject({ status: "failed", failure: { code: "vault_paused" } });
    expect(await userBalance(app.pool, user.userId)).toBe(10n * BOON);
  });

  it("rejects what cannot be delivered with a clear 4xx and writes nothing", async () => {
    const user = await cardUser(10n * BOON);
    const fresh = await cardUser(10n * BOON, { paidHoursAgo: 1 });
    const before = await app.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries");
    const cases: [typeof user, string, unknown, number, string][] = [
      [
        user,
        "/v1/withdrawals",
        { to: user.wallet, amount: (11n * BOON).toString() },
        422,
        "insufficient_balance",
      ],
      [
        fresh,
        "/v1/withdrawals",
        { to: fresh.wallet, amount: BOON.toString() },
        422,
        "funds_on_hold",
      ],
      [
        fresh,
        "/v1/gifts",
        { kind: "address", to: user.wallet, amount: BOON.toString() },
        422,
        "funds_on_hold",
      ],
      [
        user,
        "/v1/withdrawals",
        { to: fresh.wallet, amount: BOON.toString() },
        422,
        "wallet_not_linked",
      ],
      [
        user,
        "/v1/withdrawals",
        { to: user.wallet.toLowerCase().replace("0x", "0X"), amount: "1" },
        400,
        "invalid_request",
      ],
      [
        user,
        "/v1/gifts",
        { kind: "address", to: `${user.wallet.slice(0, -1)}Z`, amount: "1" },
        400,
        "invalid_request",
      ],
      [user, "/v1/gifts", { kind: "link", amount: "1.5" }, 400, "invalid_request"],
    ];
    for (const [who, path, body, status, code] of cases) {
      const res = await post(who, path, body);
      expect({ path, body, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        body,
        status,
        code,
      });
    }
    // Escrowed gifts are not subject to the hold: the money comes back if unclaimed.
    const ok = await post(fresh, "/v1/gifts", { kind: "link", amount: BOON.toString() });
    expect(ok.status).toBe(201);
    const after = await app.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries");
    expect(after.rows[0]?.n).toBe((before.rows[0]?.n ?? 0) + 1);
    expect(await userBalance(app.pool, user.userId)).toBe(10n * BOON);
    await drain(worker, app.pool);
  });

  it("fails a row that cannot become a transaction without blocking the queue behind it", async () => {
    const user = await cardUser(5n * BOON);
    const first = await post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() });
    await drain(worker, app.pool);
    // A refund pointing at something that is no escrowed gift (only a bug or a manual edit makes one).
    await app.pool.query(
      `INSERT INTO deliveries (user_id, kind, amount, recipient, refund_of, sender, chain_id)
       VALUES ($1, 'gift_refund', 1, $2, $3, $4, $5)`,
      [user.userId, user.wallet, first.body.delivery.id, treasury, chain.chainId],
    );
    await post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() });
    await drain(worker, app.pool);
    const items = await deliveriesOf(user);
    expect(
      items.map((item) => [
        item.type,
        item.status,
        (item.failure as { code?: string } | null)?.code,
      ]),
    ).toEqual([
      ["withdrawal", "confirmed", undefined],
      ["gift_refund", "failed", "invalid_action"],
      ["withdrawal", "confirmed", undefined],
    ]);
    expect(await chain.balanceOf(user.wallet)).toBe(2n * BOON);
  });

  it("waits for the configured number of confirmations before recording", async () => {
    const patient = testWorker(app, chain, { config: { confirmations: 3 }, metrics: false });
    const user = await cardUser(5n * BOON);
    expect(
      (await post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() })).status,
    ).toBe(201);
    for (let i = 0; i < 3; i++) await patient.tick();
    const [pending] = await deliveriesOf(user);
    expect(pending?.status).toBe("sent");
    expect((await receiptFor(pending?.txHash as string)).status).toBe("success");
    expect(await inDeliveryBalance(app.pool)).toBe(BOON);
    await chain.advance(1);
    await patient.tick();
    expect((await deliveriesOf(user))[0]?.status).toBe("sent");
    await chain.advance(1);
    await patient.tick();
    expect((await deliveriesOf(user))[0]?.status).toBe("confirmed");
    expect(await inDeliveryBalance(app.pool)).toBe(0n);
  });

  it("exposes outbox depth, age, latency and failures as metrics", async () => {
    const res = await api(app, "GET", "/metrics");
    expect(res.status).toBe(200);
    const text = String(res.body);
    expect(text).toMatch(/boon_delivery_outbox_depth\{status="queued"\} 0/);
    expect(text).toMatch(/boon_delivery_oldest_queued_seconds 0/);
    expect(text).toMatch(/boon_delivery_latency_seconds_count\{kind="withdrawal"\} [1-9]/);
    expect(text).toMatch(/boon_delivery_failures_total\{kind="gift_link",code="vault_paused"\} 1/);
  });

  it("re-signs an action whose nonce another sender of the treasury key took", async () => {
    const user = await cardUser(10n * BOON);
    expect(
      (await post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() })).status,
    ).toBe(201);
    // Another process spends the treasury's next nonce behind the worker's back.
    const treasuryKey = createWalletClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      account: privateKeyToAccount(devAccounts.treasury.privateKey),
    });
    foreignNonce = BigInt(await chain.client.getTransactionCount({ address: treasury }));
    const hash = await treasuryKey.sendTransaction({ to: treasury, value: 0n });
    await chain.client.waitForTransactionReceipt({ hash });

    const delivery = await drainConfirmed(user);
    expect(await chain.balanceOf(user.wallet)).toBe(BOON);
    expect(await userBalance(app.pool, user.userId)).toBe(9n * BOON);
    const { rows } = await app.pool.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id",
      [delivery?.id],
    );
    expect(rows.map((row) => row.action)).toEqual([
      "delivery.withdrawal.requested",
      "delivery.withdrawal.requeued",
      "delivery.withdrawal.confirmed",
    ]);
  });

  it("used every nonce once, in order, matching the chain", async () => {
    await expectTreasuryNonces(app.pool, chain, [foreignNonce]);
  });
});
