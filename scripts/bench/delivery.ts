// Delivery throughput on a real local chain (hardhat node, automine) and a real PostgreSQL:
//  - deliveries/s: N withdrawals queued through the real delivery service, then timed from queued
//    to confirmed by the real worker (nonce reservation, persisted raw tx, broadcast, receipt,
//    journal per action);
//  - baseline: the same count of plain ERC-20 transfers sent directly with viem in the same run
//    (one sender, sequential sends, then waiting for every receipt).
// Alone: `node scripts/bench/delivery.ts [--count 200] [--json]`; `npm run bench:backend` calls it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createLedgerService, createLogger, createPool, loadConfig, migrate } from "@boon/backend";
import { createDeliveryWorker, deliveryChainClient, requestDelivery } from "@boon/backend/delivery";
import { creditUser, unfinished } from "@boon/backend/test-support/delivery";
import { boonTokenAbi, devAccounts } from "@boon/contracts";
import { deploy } from "@boon/contracts/deploy";
import { createPublicClient, createWalletClient, http, keccak256, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createDatabase, dropDatabase, startChain, startPostgres } from "../src/stack/index.ts";

export type DeliveryBench = { deliveriesPerSec: number; deliveryBaselinePerSec: number };

/** Runs both measurements on `pgUrl`'s server (a fresh database) and a fresh chain. */
export async function benchDelivery(options: {
  pgUrl: string;
  count?: number;
  log?: (line: string) => void;
}): Promise<DeliveryBench> {
  const count = options.count ?? 200;
  const log = options.log ?? (() => {});
  const chain = await startChain();
  const outDir = await mkdtemp(path.join(tmpdir(), "boon-bench-delivery-"));
  const dbName = `boon_bench_delivery_${Date.now()}`;
  const url = await createDatabase(options.pgUrl, dbName);
  const pool = createPool(url, { max: 20, applicationName: "boon-bench-delivery" });
  try {
    const deployment = await deploy({ rpcUrl: chain.rpcUrl, outDir });
    const contracts = {
      boonToken: deployment.contracts.boonToken,
      giftVault: deployment.contracts.giftVault,
    };
    await migrate(pool);
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", RPC_URL: chain.rpcUrl });
    const ledger = createLedgerService({ holdHours: config.money.holdHours });

    // Baseline: plain transfers from the admin account, sent directly.
    const admin = privateKeyToAccount(devAccounts.admin.privateKey);
    const publicClient = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl) });
    const wallet = createWalletClient({
      chain: hardhat,
      transport: http(chain.rpcUrl),
      account: admin,
    });
    const minted = await wallet.writeContract({
      address: contracts.boonToken,
      abi: boonTokenAbi,
      functionName: "grantRole",
      args: [keccak256(toHex("MINTER_ROLE")), admin.address],
    });
    await publicClient.waitForTransactionReceipt({ hash: minted });
    await publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: contracts.boonToken,
        abi: boonTokenAbi,
        functionName: "mint",
        args: [admin.address, parseEther("1000000")],
      }),
    });
    const recipient = privateKeyToAccount(generatePrivateKey()).address;
    const baselineStart = performance.now();
    const hashes: `0x${string}`[] = [];
    for (let i = 0; i < count; i++) {
      hashes.push(
        await wallet.writeContract({
          address: contracts.boonToken,
          abi: boonTokenAbi,
          functionName: "transfer",
          args: [recipient, 1n],
        }),
      );
    }
    for (const hash of hashes) await publicClient.waitForTransactionReceipt({ hash });
    const deliveryBaselinePerSec = count / ((performance.now() - baselineStart) / 1000);
    log(
      `baseline: ${count} ERC-20 transfers sent directly: ${deliveryBaselinePerSec.toFixed(1)} tx/s`,
    );

    // Deliveries: queue N withdrawals, then time the worker from queued to confirmed.
    const { rows } = await pool.query<{ id: string }>(
      "INSERT INTO users DEFAULT VALUES RETURNING id",
    );
    const userId = (rows[0] as { id: string }).id;
    const target = privateKeyToAccount(generatePrivateKey()).address;
    await pool.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2)", [target, userId]);
    await creditUser(pool, userId, BigInt(count) * 10n ** 18n);
    for (let i = 0; i < count; i++) {
      await requestDelivery(
        {
          pool,
          ledger,
          delivery: config.delivery,
          chainId: chain.chainId,
          dappOrigin: "http://localhost",
        },
        {
          userId,
          request: { kind: "withdrawal", to: target, amount: 10n ** 18n },
          scope: "bench",
          idempotencyKey: `bench-${i}`,
          requestHash: String(i),
        },
      );
    }
    const worker = createDeliveryWorker({
      pool,
      logger: createLogger("silent"),
      ledger,
      config: { ...config.delivery, pollMs: 10 },
      chainId: chain.chainId,
      client: deliveryChainClient(chain.rpcUrl),
      contracts,
    });
    const started = performance.now();
    worker.start();
    while ((await unfinished(pool)) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const deliveriesPerSec = count / ((performance.now() - started) / 1000);
    await worker.stop();
    const confirmed = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM deliveries WHERE status = 'confirmed' AND kind = 'withdrawal'",
    );
    if (confirmed.rows[0]?.n !== count)
      throw new Error(`only ${confirmed.rows[0]?.n} of ${count} deliveries confirmed`);
    log(
      `deliveries: ${count} withdrawals queued -> confirmed: ${deliveriesPerSec.toFixed(1)} /s, ` +
        `ratio ${(deliveriesPerSec / deliveryBaselinePerSec).toFixed(2)} (target >= 0.5)`,
    );
    return {
      deliveriesPerSec: Math.round(deliveriesPerSec * 10) / 10,
      deliveryBaselinePerSec: Math.round(deliveryBaselinePerSec * 10) / 10,
    };
  } finally {
    // pool.end() resolves before its connections have closed; DROP DATABASE ... FORCE then ends them.
    pool.on("error", () => {});
    await pool.end();
    await dropDatabase(options.pgUrl, dbName).catch(() => {});
    await chain.stop();
    await rm(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { json: { type: "boolean" }, count: { type: "string", default: "200" } },
  });
  const pg = await startPostgres();
  try {
    const result = await benchDelivery({
      pgUrl: pg.url,
      count: Number(values.count),
      log: values.json ? undefined : (line) => console.log(line),
    });
    console.log(
      values.json
        ? JSON.stringify(result)
        : `deliveries/s ${result.deliveriesPerSec}, baseline ${result.deliveryBaselinePerSec}/s`,
    );
  } finally {
    await pg.stop();
  }
}
