import type { EventPayload } from "../event-types.ts";
import type { GiftRow, RewardRow } from "./indexer-views.repository.ts";

// On-chain facts as domain events: the one place that knows which indexer row means what to whom.
// Pure: the users involved are looked up by the caller.

export type OnchainEvent =
  | Fact<"onchain.gift_received">
  | Fact<"onchain.gift_claimed">
  | Fact<"onchain.gift_refunded">
  | Fact<"onchain.reward_claimed">;

type Fact<T extends Parameters<typeof dedupeKey>[1]> = {
  type: T;
  userId: string;
  block: bigint;
  subject: { type: "gift" | "reward_claim"; id: string };
  payload: EventPayload<T>;
  occurredAt: Date;
  dedupeKey: string;
};

export type Owners = {
  /** The Boon user of a (lower-case) wallet address. */
  wallet(address: string): string | undefined;
  /** The buyer of a card-paid gift. */
  buyer(giftId: bigint): string | undefined;
  /** The Boon user whose linked X account has this (lower-case) social id. */
  social(socialId: string): string | undefined;
};

/** The key that makes a fact an event once; the tx hash tells a reorged-in twin apart. */
export function dedupeKey(
  chainId: number,
  type:
    | "onchain.gift_received"
    | "onchain.gift_claimed"
    | "onchain.gift_refunded"
    | "onchain.reward_claimed",
  id: string,
  txHash: string,
): string {
  return `${type}:${chainId}:${id}:${txHash.toLowerCase()}`;
}

const time = (seconds: bigint) => new Date(Number(seconds) * 1000);

/** The events a gift row calls for among blocks (from, to]: sent to a user, claimed, refunded. */
export function giftFacts(
  chainId: number,
  gift: GiftRow,
  range: { from: bigint; to: bigint },
  owners: Owners,
): OnchainEvent[] {
  const inRange = (block: bigint | null | undefined): block is bigint =>
    block != null && block > range.from && block <= range.to;
  // The subject is the indexer's gift row; giftId is the vault's id (null for address gifts).
  const id = `${gift.event_id}:${gift.entry}`;
  const base = {
    chainId,
    giftId: gift.gift_id?.toString() ?? null,
    kind: gift.kind,
    token: gift.token,
    sender: gift.sender,
    recipient: gift.recipient,
    amount: gift.amount.toString(),
  };
  const subject = { type: "gift", id } as const;
  const sentBy =
    owners.wallet(gift.sender.toLowerCase()) ??
    (gift.gift_id == null ? undefined : owners.buyer(gift.gift_id));
  const facts: OnchainEvent[] = [];
  const recipient =
    gift.kind === "address"
      ? owners.wallet(gift.recipient.toLowerCase())
      : gift.kind === "social"
        ? owners.social(gift.recipient.toLowerCase())
        : undefined;
  if (inRange(gift.sent_block) && recipient) {
    facts.push({
      type: "onchain.gift_received",
      userId: recipient,
      block: gift.sent_block,
      subject,
      occurredAt: time(gift.sent_timestamp),
      dedupeKey: dedupeKey(chainId, "onchain.gift_received", id, gift.sent_tx),
      payload: {
        ...base,
        blockNumber: gift.sent_block.toString(),
        txHash: gift.sent_tx,
        message: gift.message ?? "",
      },
    });
  }
  if (inRange(gift.claimed_block) && gift.claimed_tx && gift.claimed_by && sentBy) {
    facts.push({
      type: "onchain.gift_claimed",
      userId: sentBy,
      block: gift.claimed_block,
      subject,
      occurredAt: time(gift.claimed_timestamp ?? 0n),
      dedupeKey: dedupeKey(chainId, "onchain.gift_claimed", id, gift.claimed_tx),
      payload: {
        ...base,
        blockNumber: gift.claimed_block.toString(),
        txHash: gift.claimed_tx,
        claimedBy: gift.claimed_by,
      },
    });
  }
  if (inRange(gift.refunded_block) && gift.refunded_tx && sentBy) {
    facts.push({
      type: "onchain.gift_refunded",
      userId: sentBy,
      block: gift.refunded_block,
      subject,
      occurredAt: time(gift.refunded_timestamp ?? 0n),
      dedupeKey: dedupeKey(chainId, "onchain.gift_refunded", id, gift.refunded_tx),
      payload: { ...base, blockNumber: gift.refunded_block.toString(), txHash: gift.refunded_tx },
    });
  }
  return facts;
}

/** A reward claim, for the user owning the rewarded account. */
export function rewardFact(chainId: number, claim: RewardRow, owners: Owners): OnchainEvent[] {
  const userId = owners.wallet(claim.account.toLowerCase());
  if (!userId) return [];
  return [
    {
      type: "onchain.reward_claimed",
      userId,
      block: claim.block_number,
      subject: { type: "reward_claim", id: claim.id },
      occurredAt: time(claim.timestamp),
      dedupeKey: dedupeKey(chainId, "onchain.reward_claimed", claim.id, claim.tx_hash),
      payload: {
        chainId,
        blockNumber: claim.block_number.toString(),
        txHash: claim.tx_hash,
        account: claim.account,
        amount: claim.amount.toString(),
        cumulativeAmount: claim.cumulative_amount.toString(),
      },
    },
  ];
}
