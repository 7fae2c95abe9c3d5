import { readCursor, writeCursor } from "../../db/chain-cursors.repository.ts";
import type { Pool, PoolClient } from "../../db/pool.ts";
import { withTransaction } from "../../db/transaction.ts";
import type { Logger } from "../../ops/logger.ts";
import { usersBySocialId } from "../../social/x-accounts.repository.ts";
import { appendEvent } from "../append-event.ts";
import {
  buyersOfGifts,
  giftsTouchedIn,
  indexedHead,
  rewardClaimsIn,
  usersByWallet,
} from "./indexer-views.repository.ts";
import { giftFacts, type OnchainEvent, rewardFact } from "./onchain-facts.ts";

export type OnchainIngestOptions = {
  pool: Pool;
  logger: Logger;
  /** The indexer's views schema (INDEXER_VIEWS_SCHEMA). */
  viewsSchema: string;
  chainId: number;
  /**
   * Blocks a fact must be under the indexer's head before it becomes an event: Ponder rewrites
   * rows of reorged blocks, and an event, once written, stays. 1 = the indexed head itself.
   */
  confirmations: number;
  pollMs: number;
};

/** Blocks read per transaction. */
const RANGE = 500n;

/**
 * Follows the indexer's rows in block order and turns on-chain facts that concern a Boon user into
 * domain events: a gift to their wallet or their linked X account, a gift they sent claimed or
 * refunded, a reward they claimed. The cursor (a block number in chain_cursors) and the events commit together; dedupe keys
 * make a re-read block write nothing twice. Returns true when it wrote anything.
 */
export async function ingestOnchainFacts(options: OnchainIngestOptions): Promise<boolean> {
  const head = await indexedHead(options.pool, options.viewsSchema, options.chainId);
  if (head === undefined) return false;
  const safe = head - BigInt(options.confirmations - 1);
  const name = `indexer:${options.viewsSchema}:${options.chainId}`;
  let wrote = false;
  for (;;) {
    const from = (await readCursor(options.pool, name)) ?? 0n;
    if (from >= safe) return wrote;
    const to = from + RANGE < safe ? from + RANGE : safe;
    const written = await withTransaction(options.pool, async (tx) => {
      const count = await ingestRange(tx, options, { from, to });
      await writeCursor(tx, name, to);
      return count;
    });
    wrote ||= written > 0;
  }
}

async function ingestRange(
  tx: PoolClient,
  options: OnchainIngestOptions,
  range: { from: bigint; to: bigint },
): Promise<number> {
  const { viewsSchema: schema, chainId } = options;
  const gifts = await giftsTouchedIn(tx, schema, range.from, range.to);
  const rewards = await rewardClaimsIn(tx, schema, range.from, range.to);
  if (gifts.skipped + rewards.skipped > 0) {
    options.logger.warn(
      { gifts: gifts.skipped, rewards: rewards.skipped, schema },
      "indexer rows that do not fit the expected shape were skipped",
    );
  }
  const wallets = await usersByWallet(tx, [
    ...new Set([
      ...gifts.rows.flatMap((g) => [g.sender.toLowerCase(), g.recipient.toLowerCase()]),
      ...rewards.rows.map((r) => r.account.toLowerCase()),
    ]),
  ]);
  const buyers = await buyersOfGifts(tx, chainId, gifts.rows);
  const socials = await usersBySocialId(tx, [
    ...new Set(gifts.rows.filter((g) => g.kind === "social").map((g) => g.recipient.toLowerCase())),
  ]);
  const owners = {
    wallet: (a: string) => wallets.get(a),
    buyer: (id: bigint) => buyers.get(id),
    social: (id: string) => socials.get(id),
  };
  const facts: OnchainEvent[] = [
    ...gifts.rows.flatMap((gift) => giftFacts(chainId, gift, range, owners)),
    ...rewards.rows.flatMap((claim) => rewardFact(chainId, claim, owners)),
  ].sort((a, b) => (a.block < b.block ? -1 : a.block > b.block ? 1 : 0));
  let written = 0;
  for (const fact of facts) {
    if (await appendEvent(tx, fact)) written += 1;
  }
  return written;
}

/** Runs the ingestion every `pollMs` until stopped (errors are logged and retried). */
export function startOnchainIngest(options: OnchainIngestOptions): { stop(): Promise<void> } {
  const log = options.logger.child({ component: "onchain-events" });
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const run = () => {
    current = ingestOnchainFacts({ ...options, logger: log })
      .catch((error: unknown) => log.warn({ err: error }, "reading the indexer failed; retrying"))
      .finally(() => {
        if (running) timer = setTimeout(run, options.pollMs);
      });
  };
  run();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
