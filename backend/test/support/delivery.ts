// Shared helpers for the delivery tests: a real local chain with the Boon contracts, card credits
// for a user, and a way to run the worker until the outbox is empty.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { boonTokenAbi, type Deployment, devAccounts, giftVaultAbi } from "@boon/contracts";
import { deploymentPath } from "@boon/contracts/deployments";
import { rpc, startChain } from "@boon/scripts/stack";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  http,
  type PublicClient,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { expect } from "vitest";
import type { Config, DeliveryConfig } from "../../src/config.ts";
import type { Contracts } from "../../src/contracts.ts";
import type { Pool, Queryable } from "../../src/db/pool.ts";
import { deliveryChainClient } from "../../src/delivery/chain-client.ts";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/delivery/worker.ts";
import type { AppDeps } from "../../src/deps.ts";
import { SYSTEM, userAccount } from "../../src/ledger/accounts.ts";
import { insertJournal, openUserAccount, readBalance } from "../../src/ledger/ledger.repository.ts";
import { createLogger } from "../../src/ops/logger.ts";

export const BOON = 10n ** 18n;

// The real deploy script (Ignition). Imported through a variable so the backend's typecheck does not
// pull in Hardhat's plugin types, which only the contracts workspace declares.
const DEPLOY_SCRIPT: string = "@boon/contracts/deploy";
type Deploy = (options: { rpcUrl: string; outDir: string }) => Promise<Deployment>;

export type TestChain = {
  rpcUrl: string;
  chainId: number;
  /** The deployments file the deploy script wrote (for an indexer to follow). */
  deploymentFile: string;
  contracts: Contracts;
  client: PublicClient;
  admin: WalletClient;
  /** Moves chain time forward and mines a block. */
  advance(seconds: number): Promise<void>;
  balanceOf(account: Address): Promise<bigint>;
  setPaused(paused: boolean): Promise<void>;
  stop(): Promise<void>;
};

/** The app's environment for this chain: its id, RPC and contracts, and the indexer views' schema. */
export function chainEnv(chain: TestChain, viewsSchema: string): Record<string, string> {
  return {
    CHAIN_ID: String(chain.chainId),
    RPC_URL: chain.rpcUrl,
    GIFT_VAULT_ADDRESS: chain.contracts.giftVault,
    BOON_TOKEN_ADDRESS: chain.contracts.boonToken,
    INDEXER_VIEWS_SCHEMA: viewsSchema,
  };
}

/** A fresh hardhat node with BoonToken and GiftVault deployed by the real deploy script. */
export async function startTestChain(): Promise<TestChain> {
  const chain = await startChain();
  const outDir = await mkdtemp(path.join(tmpdir(), "boon-delivery-"));
  try {
    const { deploy } = (await import(DEPLOY_SCRIPT)) as { deploy: Deploy };
    const deployment = await deploy({ rpcUrl: chain.rpcUrl, outDir });
    const client = createPublicClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      cacheTime: 0,
    }) as PublicClient;
    const admin = createWalletClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      account: privateKeyToAccount(devAccounts.admin.privateKey),
    });
    const contracts = {
      boonToken: deployment.contracts.boonToken,
      giftVault: deployment.contracts.giftVault,
    };
    return {
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      deploymentFile: deploymentPath(chain.chainId, outDir),
      contracts,
      client,
      admin,
      async advance(seconds) {
        await rpc(chain.rpcUrl, "evm_increaseTime", [seconds]);
        await rpc(chain.rpcUrl, "evm_mine");
      },
      balanceOf: (account) =>
        client.readContract({
          address: contracts.boonToken,
          abi: boonTokenAbi,
          functionName: "balanceOf",
          args: [account],
        }),
      async setPaused(paused) {
        const hash = await admin.writeContract({
          address: contracts.giftVault,
          abi: giftVaultAbi,
          functionName: paused ? "pause" : "unpause",
          chain: hardhat,
          account: admin.account ?? null,
        });
        await client.waitForTransactionReceipt({ hash });
      },
      async stop() {
        await chain.stop();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

/**
 * Gives a user card-paid credits the way a settled purchase does (a paid purchase row and its
 * credit journal); `paidHoursAgo` places the payment before or inside the hold period.
 */
export async function creditUser(
  db: Queryable,
  userId: string,
  credits: bigint,
  options: { paidHoursAgo?: number } = {},
): Promise<void> {
  await openUserAccount(db, userId, userAccount(userId));
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO purchases (user_id, amount_cents, price_cents_per_boon, credits, status, paid_at, created_at)
     VALUES ($1, 100, 10, $2, 'paid', now() - make_interval(hours => $3), now() - make_interval(hours => $3))
     RETURNING id`,
    [userId, credits.toString(), options.paidHoursAgo ?? 24 * 30],
  );
  await insertJournal(db, {
    key: `test-credit:${rows[0]?.id}`,
    kind: "purchase.credited",
    userId,
    entries: [
      { account: SYSTEM.creditsIssued, amount: -credits },
      { account: userAccount(userId), amount: credits },
    ],
  });
}

export const userBalance = (db: Queryable, userId: string) => readBalance(db, userAccount(userId));
export const inDeliveryBalance = (db: Queryable) => readBalance(db, SYSTEM.inDelivery);

/** Rows not yet final. */
export async function unfinished(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM deliveries WHERE status IN ('queued', 'signed', 'sent')",
  );
  return rows[0]?.n ?? 0;
}

/** Ticks the worker until every delivery is final (tick errors, e.g. a flaky RPC, are retried). */
export async function drain(
  worker: DeliveryWorker,
  db: Queryable,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await worker.tick().catch(() => {});
    if ((await unfinished(db)) === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls the database until every delivery is final (a worker in another process does the work). */
export async function waitDrained(db: Queryable, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await unfinished(db)) > 0) {
    if (Date.now() > deadline) throw new Error(`outbox not drained after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Nonces the treasury used, from the database: they must be 0..n-1 with no gap or repeat. */
export async function signedNonces(db: Queryable): Promise<bigint[]> {
  const { rows } = await db.query<{ nonce: bigint }>(
    "SELECT nonce FROM deliveries WHERE nonce IS NOT NULL ORDER BY nonce",
  );
  return rows.map((row) => row.nonce);
}

export const treasury = devAccounts.treasury.address as Address;

/**
 * The worker's signed nonces, with any `foreign` ones another sender of the treasury key took, are
 * each used once, in order, and match the treasury's transaction count on chain.
 */
export async function expectTreasuryNonces(
  db: Queryable,
  chain: TestChain,
  foreign: bigint[] = [],
) {
  const nonces = [...(await signedNonces(db)), ...foreign].sort((a, b) => (a < b ? -1 : 1));
  expect(nonces).toEqual(nonces.map((_, i) => BigInt(i)));
  const count = await chain.client.getTransactionCount({ address: treasury });
  expect(BigInt(count)).toBe(BigInt(nonces.length));
}

/** The invariants after any worker run: every nonce used once on chain, nothing left in delivery. */
export async function expectDeliverySettled(db: Queryable, chain: TestChain): Promise<void> {
  await expectTreasuryNonces(db, chain);
  expect(await inDeliveryBalance(db)).toBe(0n);
}

/**
 * A delivery worker for a test app on a test chain, not started (tests drive it with `drain`, or
 * start it): the app's pool, ledger, delivery config (with `config` on top) and metrics.
 */
export function testWorker(
  // A TestApp's parts, named without importing app.ts (benchmarks load this file outside vitest).
  app: { pool: Pool; config: Pick<Config, "delivery">; deps: Pick<AppDeps, "ledger" | "metrics"> },
  chain: TestChain,
  options: { config?: Partial<DeliveryConfig>; rpcUrl?: string; metrics?: boolean } = {},
): DeliveryWorker {
  return createDeliveryWorker({
    pool: app.pool,
    logger: createLogger("silent"),
    ledger: app.deps.ledger,
    config: { ...app.config.delivery, ...options.config },
    chainId: chain.chainId,
    client: deliveryChainClient(options.rpcUrl ?? chain.rpcUrl),
    contracts: chain.contracts,
    ...(options.metrics === false ? {} : { metrics: app.deps.metrics }),
  });
}
