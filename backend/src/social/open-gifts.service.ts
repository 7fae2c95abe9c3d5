// The open gifts waiting for the user's linked X account, as the claim page shows them and as
// `claimSocialBatch` takes them back: each gift's vault id and its exact fields (`claim`), which
// the vault checks against its stored commitment.
import { GiftKind, xPostIdOf } from "@boon/contracts";
import { getAddress, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { unavailable } from "../errors.ts";
import { indexedCheckpoint } from "../events/onchain/indexer-views.repository.ts";
import { BOON_DECIMALS } from "../ledger/amounts.ts";
import { type OpenGiftRow, openSocialGifts } from "./open-gifts.repository.ts";
import type { SocialContext } from "./social-context.ts";
import { findXAccountOfUser } from "./x-accounts.repository.ts";
import { xNotLinked } from "./x-tokens.ts";

/** Gifts expiring sooner than this are left out: a claim sent now might land after the expiry. */
export const CLAIM_MARGIN_SECONDS = 120;
/** At most this many gifts per answer (one claimSocialBatch of 100 gifts fits in a block). */
export const MAX_GIFTS = 100;

export async function listOpenXGifts(ctx: SocialContext, userId: string) {
  const account = await findXAccountOfUser(ctx.pool, userId);
  if (!account) throw xNotLinked();
  const { viewsSchema } = ctx.config.events.onchain;
  const checkpoint = await indexedCheckpoint(ctx.pool, viewsSchema, ctx.config.chainId);
  // Chain time can run ahead of the clock (a test chain) or behind it (an idle chain): the later.
  const now = Math.max(Math.floor(Date.now() / 1000), checkpoint?.time ?? 0);
  const found = await openSocialGifts(
    ctx.pool,
    viewsSchema,
    account.socialId,
    now + CLAIM_MARGIN_SECONDS,
    MAX_GIFTS + 1,
  );
  if (!found)
    throw unavailable("indexer_unavailable", "On-chain gifts cannot be read right now; try again");
  if (found.skipped > 0)
    ctx.logger.warn({ skipped: found.skipped }, "open gift rows of an unexpected shape skipped");
  const contracts = await ctx.contracts().catch(() => undefined);
  const treasury = privateKeyToAddress(ctx.config.delivery.treasuryPrivateKey).toLowerCase();
  const gifts = found.rows.slice(0, MAX_GIFTS).map((row) => giftView(row, treasury));
  return {
    chainId: ctx.config.chainId,
    vault: contracts?.giftVault ?? null,
    socialId: account.socialId,
    account: { xUserId: account.xUserId, handle: account.handle, name: account.name },
    gifts,
    totals: totalsByToken(gifts),
    more: found.rows.length > MAX_GIFTS,
    indexedAt: checkpoint ? new Date(checkpoint.time * 1000).toISOString() : null,
  };
}

function giftView(row: OpenGiftRow, treasury: string) {
  const context = (row.context ?? null) as Hex | null;
  const postId = context ? xPostIdOf(context) : undefined;
  const token = getAddress(row.token);
  const sender = getAddress(row.sender);
  return {
    giftId: row.gift_id.toString(),
    token,
    sender,
    /** Sent by Boon's treasury for a card user (no wallet of theirs appears on chain). */
    paidByCard: row.sender.toLowerCase() === treasury,
    amount: row.amount.toString(),
    decimals: BOON_DECIMALS,
    message: row.message ?? "",
    context,
    postId: postId ?? null,
    postUrl: postId ? `https://x.com/i/web/status/${postId}` : null,
    expiresAt: new Date(Number(row.expiry) * 1000).toISOString(),
    sentAt: new Date(Number(row.sent_timestamp) * 1000).toISOString(),
    txHash: row.sent_tx,
    /** The vault's `Gift` struct for claimSocial / claimSocialBatch, field for field. */
    claim: {
      token,
      sender,
      kind: GiftKind.Social,
      recipient: row.recipient,
      amount: row.amount.toString(),
      expiry: Number(row.expiry),
    },
  };
}

function totalsByToken(gifts: ReturnType<typeof giftView>[]) {
  const totals = new Map<string, { token: string; amount: bigint; count: number }>();
  for (const gift of gifts) {
    const total = totals.get(gift.token) ?? { token: gift.token, amount: 0n, count: 0 };
    total.amount += BigInt(gift.amount);
    total.count += 1;
    totals.set(gift.token, total);
  }
  return [...totals.values()].map((t) => ({ ...t, amount: t.amount.toString() }));
}
