import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { api, type SignedIn, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import { startChainApp, stopChainApp, type TestChain } from "@boon/backend/test-support/chain-app";
import {
  BOON,
  creditUser,
  drain,
  expectDeliverySettled,
  testWorker,
  treasury,
  userBalance,
  waitDrained,
} from "@boon/backend/test-support/delivery";
import { crashThenRestart } from "@boon/backend/test-support/worker-process";
import { addressKey, giftVaultAbi, socialId } from "@boon/contracts";
import { type Address, getAbiItem, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrashStep } from "./worker.ts";

const WORKER_MAIN = new URL("./worker-main.ts", import.meta.url).pathname;

let chain: TestChain;
let app: TestApp;

beforeAll(async () => {
  ({ chain, app } = await startChainApp((chain) =>
    startTestApp({ env: { CHAIN_ID: String(chain.chainId), DELIVERY_FLOAT_BOON: "1000" } }),
  ));
}, 120_000);

afterAll(() => stopChainApp({ chain, app }));

type User = SignedIn & { wallet: Address };

async function cardUser(credits: bigint): Promise<User> {
  const wallet = privateKeyToAccount(generatePrivateKey()).address;
  const user = await signIn(app, { wallet });
  await creditUser(app.pool, user.userId, credits);
  return { ...user, wallet };
}

async function post(user: User, path: string, body: unknown) {
  const res = await api(app, "POST", path, {
    body,
    headers: { ...user.headers, "idempotency-key": `k-${randomUUID()}` },
  });
  expect(res.status).toBe(201);
  return res.body as { delivery: { id: string; linkKeyAddress: string | null } };
}

/** Gifts the treasury sent on chain to `recipient` (a social id, or a link key as a 32-byte key). */
async function giftsSentTo(recipient: Hex): Promise<number> {
  const [social, link] = await Promise.all([
    chain.client.getLogs({
      address: chain.contracts.giftVault,
      event: getAbiItem({ abi: giftVaultAbi, name: "SocialGiftSent" }),
      args: { sender: treasury, socialId: recipient },
      fromBlock: 0n,
    }),
    chain.client.getLogs({
      address: chain.contracts.giftVault,
      event: getAbiItem({ abi: giftVaultAbi, name: "LinkGiftSent" }),
      args: { sender: treasury, linkKey: `0x${recipient.slice(26)}` },
      fromBlock: 0n,
    }),
  ]);
  return social.length + link.length;
}

describe("exactly once across worker crashes", () => {
  const steps: CrashStep[] = ["beforeSend", "afterBroadcast", "afterReceipt", "beforeRecord"];
  for (const step of steps) {
    it(`a worker killed at ${step} is restarted and every action lands once`, async () => {
      const user = await cardUser(100n * BOON);
      const accountId = String(1000 + steps.indexOf(step));
      await post(user, "/v1/withdrawals", { to: user.wallet, amount: (10n * BOON).toString() });
      await post(user, "/v1/gifts", {
        kind: "social",
        platform: "x",
        accountId,
        amount: (2n * BOON).toString(),
      });
      const link = await post(user, "/v1/gifts", { kind: "link", amount: (3n * BOON).toString() });

      expect(
        await crashThenRestart(
          { main: WORKER_MAIN, app, chain, env: { DELIVERY_FLOAT_BOON: "1000" } },
          step,
        ),
      ).toBe("SIGKILL");

      const { rows } = await app.pool.query<{ status: string }>(
        "SELECT status FROM deliveries WHERE user_id = $1",
        [user.userId],
      );
      expect(rows.map((row) => row.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
      expect(await chain.balanceOf(user.wallet)).toBe(10n * BOON);
      expect(await giftsSentTo(socialId("x", accountId))).toBe(1);
      const linkKey = link.delivery.linkKeyAddress as Address;
      expect(await giftsSentTo(addressKey(linkKey))).toBe(1);
      expect(await userBalance(app.pool, user.userId)).toBe(85n * BOON);
      await expectDeliverySettled(app.pool, chain);
    }, 90_000);
  }
});

describe("throughput and a failing RPC", () => {
  it("200 queued actions drain through two workers with no nonce gap or duplicate", async () => {
    const user = await cardUser(1_000n * BOON);
    for (let i = 0; i < 200; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() }),
        ),
      );
    }
    const workers = [0, 1].map(() =>
      testWorker(app, chain, { config: { pollMs: 10, batchSize: 25 }, metrics: false }),
    );
    for (const worker of workers) worker.start();
    try {
      await waitDrained(app.pool, 120_000);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    const { rows } = await app.pool.query<{ status: string; tx_hash: string }>(
      "SELECT status, tx_hash FROM deliveries WHERE user_id = $1",
      [user.userId],
    );
    expect(rows).toHaveLength(200);
    expect(rows.every((row) => row.status === "confirmed")).toBe(true);
    expect(new Set(rows.map((row) => row.tx_hash)).size).toBe(200);
    expect(await chain.balanceOf(user.wallet)).toBe(200n * BOON);
    expect(await userBalance(app.pool, user.userId)).toBe(800n * BOON);
    await expectDeliverySettled(app.pool, chain);
  }, 180_000);

  it("an RPC failing half its calls still ends with exactly one transaction per action", async () => {
    const proxy = await flakyProxy(chain.rpcUrl);
    try {
      const user = await cardUser(100n * BOON);
      for (let i = 0; i < 10; i++) {
        await post(user, "/v1/withdrawals", { to: user.wallet, amount: BOON.toString() });
        await post(user, "/v1/gifts", {
          kind: "social",
          platform: "x",
          accountId: String(5000 + i),
          amount: BOON.toString(),
        });
      }
      const worker = testWorker(app, chain, {
        config: { rebroadcastSeconds: 1 },
        rpcUrl: proxy.url,
        metrics: false,
      });
      await drain(worker, app.pool, 120_000);
      expect(proxy.failed()).toBeGreaterThan(10);
      const { rows } = await app.pool.query<{ status: string }>(
        "SELECT status FROM deliveries WHERE user_id = $1",
        [user.userId],
      );
      expect(rows.filter((row) => row.status === "confirmed")).toHaveLength(20);
      expect(await chain.balanceOf(user.wallet)).toBe(10n * BOON);
      for (let i = 0; i < 10; i++)
        expect(await giftsSentTo(socialId("x", String(5000 + i)))).toBe(1);
      expect(await userBalance(app.pool, user.userId)).toBe(80n * BOON);
      await expectDeliverySettled(app.pool, chain);
    } finally {
      await proxy.close();
    }
  }, 180_000);
});

/**
 * A JSON-RPC proxy that fails half its calls, at random (seeded, so a run can be replayed): half of
 * those are refused before reaching the node, half are forwarded with the answer lost (the nastiest
 * case: a broadcast that happened but looks failed). Random rather than strictly alternating: a
 * fixed pattern can line up with a worker's fixed sequence of calls and fail the same call forever,
 * which no real RPC does.
 */
async function flakyProxy(
  target: string,
): Promise<{ url: string; failed: () => number; close: () => Promise<void> }> {
  let failed = 0;
  let seed = 0x5eed;
  // mulberry32: a tiny deterministic PRNG
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const roll = random();
    if (roll < 0.25) {
      failed++;
      res.writeHead(503).end("unavailable");
      return;
    }
    const upstream = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.concat(chunks),
    });
    const body = await upstream.text();
    if (roll >= 0.75) {
      failed++;
      res.writeHead(502).end("bad gateway");
      return;
    }
    res.writeHead(upstream.status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    failed: () => failed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
