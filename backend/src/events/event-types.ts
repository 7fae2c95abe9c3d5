import { z } from "zod";

// The registry of domain events: one zod schema per type. `appendEvent` validates every payload
// against its type's schema, and TypeScript checks the payload a caller builds against the same
// schema, so a consumer can trust `payload` to have exactly this shape.
//
// Amounts are integer strings (token base units exceed 2^53; cents are integers too).
// A new type is a new entry here; an existing type's schema only ever gains optional fields, since
// stored events are never rewritten.

const units = z.string().regex(/^-?\d+$/, "an integer string");
const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "hex");
const tier = z.enum(["BASIC", "STANDARD", "PREMIUM"]);
const role = z.enum(["user", "analyst", "admin"]);
const deliveryKind = z.enum([
  "withdrawal",
  "gift_address",
  "gift_social",
  "gift_link",
  "gift_refund",
  "float_mint",
  "vault_approve",
  "relay_claim",
]);
/** A linked X account: its immutable id and the handle and name it had then. */
const xAccount = z.object({ xUserId: z.string(), handle: z.string(), name: z.string() });
const dispute = z.object({
  disputeId: z.string(),
  cents: z.number().int(),
  creditsFromUser: units,
  creditsReceivable: units,
});
/** A fact read from the indexer: where on chain it happened. */
const onchain = { chainId: z.number().int(), blockNumber: units, txHash: hex };
const onchainGift = z.object({
  ...onchain,
  /** The vault's id of an escrowed gift; null for an address gift. */
  giftId: units.nullable(),
  kind: z.string(),
  token: hex,
  sender: hex,
  recipient: hex,
  amount: units,
});

export const eventSchemas = {
  // ---- users and access ----
  "user.created": z.object({ via: z.enum(["siwe", "email", "cli", "x"]) }),
  "wallet.linked": z.object({ address: hex }),
  "user.role_changed": z.object({ from: role, to: role, via: z.enum(["admin", "cli"]) }),
  "kyc.verification_started": z.object({ verificationId: z.uuid(), targetTier: tier }),
  "kyc.tier_changed": z.object({ from: tier, to: tier, verificationId: z.uuid() }),
  "account.restricted": z.object({ reason: z.string() }),
  // ---- linked X accounts (src/social/) and the social verifier (src/attestations/) ----
  /** An X account was linked to the user (signing in with X for the first time links it too). */
  "x.linked": xAccount.extend({ via: z.enum(["link", "sign_in"]), socialId: hex }),
  "x.unlinked": xAccount,
  /** X reported another handle or name for the linked account (the id stays). */
  "x.handle_changed": xAccount.extend({ previousHandle: z.string(), previousName: z.string() }),
  /** X refused the link's refresh token: the user must sign in with X again. */
  "x.relink_required": xAccount,
  /** The verifier signed a SocialClaim for the user's linked account and this wallet. */
  "x.attestation_issued": z.object({
    xUserId: z.string(),
    socialId: hex,
    wallet: hex,
    destination: z.enum(["wallet", "credits"]),
    deadline: units,
    verifier: hex,
    giftIds: z.array(units),
  }),
  // ---- card purchases ----
  "purchase.created": z.object({ amountCents: z.number().int(), credits: units }),
  "purchase.processing": z.object({}),
  "purchase.settled": z.object({ amountCents: z.number().int(), credits: units }),
  "purchase.over_limit": z.object({ amountCents: z.number().int() }),
  "purchase.failed": z.object({
    status: z.enum(["failed", "expired"]),
    /** The buyer left the checkout (its cancel page), rather than it lapsing or failing. */
    cancelled: z.boolean().optional(),
  }),
  "purchase.refunded": z.object({
    cents: z.number().int(),
    creditsFromUser: units,
    creditsReceivable: units,
  }),
  "purchase.disputed": dispute,
  "purchase.dispute_won": dispute,
  // ---- credits leaving to the chain, and coming back ----
  "credits.spent": z.object({ deliveryId: z.uuid(), kind: deliveryKind, amount: units }),
  "credits.returned": z.object({ deliveryId: z.uuid(), amount: units, code: z.string() }),
  "delivery.queued": z.object({
    kind: deliveryKind,
    amount: units,
    recipient: hex,
    recipientLabel: z.string().nullable(),
  }),
  "delivery.broadcast": z.object({ kind: deliveryKind, txHash: hex, nonce: units }),
  "delivery.requeued": z.object({ kind: deliveryKind, reason: z.string() }),
  "delivery.confirmed": z.object({
    kind: deliveryKind,
    amount: units,
    txHash: hex,
    blockNumber: units,
    giftId: units.nullable(),
  }),
  "delivery.failed": z.object({
    kind: deliveryKind,
    amount: units,
    code: z.string(),
    reason: z.string(),
    moneyReturned: z.boolean(),
  }),
  "gift.refund_credited": z.object({ giftId: units, amount: units, txHash: hex }),
  // ---- gas-free claims (src/relayer/) ----
  /** A claim passed every check and waits for the relayer's transaction. */
  "relay.claim_queued": z.object({
    kind: z.enum(["link", "link_batch", "social"]),
    destination: z.enum(["wallet", "credits"]),
    recipient: hex,
    giftIds: z.array(units),
    amount: units,
    reservedWei: units,
  }),
  "relay.claim_confirmed": z.object({
    kind: z.enum(["link", "link_batch", "social"]),
    destination: z.enum(["wallet", "credits"]),
    recipient: hex,
    giftIds: z.array(units),
    amount: units,
    txHash: hex,
    blockNumber: units,
    gasUsed: units,
    costWei: units,
  }),
  "relay.claim_failed": z.object({
    kind: z.enum(["link", "link_batch", "social"]),
    destination: z.enum(["wallet", "credits"]),
    code: z.string(),
    reason: z.string(),
    txHash: hex.nullable(),
    costWei: units,
  }),
  /** Gifts claimed into Boon's custody became the user's credits (once, when the claim confirmed). */
  "credits.claimed": z.object({
    claimId: z.uuid(),
    giftIds: z.array(units),
    amount: units,
    txHash: hex,
  }),
  // ---- on-chain facts, from the indexer ----
  /** A gift to one of the user's wallets was sent (address gifts are delivered at once). */
  "onchain.gift_received": onchainGift.extend({ message: z.string() }),
  /** A gift the user sent (from a wallet, or paid by card) was claimed. */
  "onchain.gift_claimed": onchainGift.extend({ claimedBy: hex }),
  /** A gift the user sent expired unclaimed and went back to its sender. */
  "onchain.gift_refunded": onchainGift,
  "onchain.reward_claimed": z.object({
    ...onchain,
    account: hex,
    amount: units,
    cumulativeAmount: units,
  }),
  // ---- notifications (src/notifications/): system facts, the user is in the payload ----
  /** An email failed for good (or past the attempt cap); its consumer moved on without it. */
  "notification.dead_lettered": z.object({
    deadLetterId: z.uuid(),
    notification: z.string(),
    key: z.string(),
    eventSeq: units,
    userId: z.uuid().nullable(),
    reason: z.string(),
    attempts: z.number().int(),
    permanent: z.boolean(),
  }),
  /** An operator retried a dead letter: it was sent, found no one to send to, or failed again. */
  "notification.retried": z.object({
    deadLetterId: z.uuid(),
    notification: z.string(),
    key: z.string(),
    outcome: z.enum(["sent", "skipped", "already_sent", "failed"]),
    reason: z.string().optional(),
  }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventPayload<T extends EventType> = z.input<(typeof eventSchemas)[T]>;
/** What an event is about. */
export type SubjectType =
  | "user"
  | "purchase"
  | "delivery"
  | "gift"
  | "kyc_verification"
  | "reward_claim"
  | "x_account"
  | "attestation"
  | "relay_claim"
  | "notification_dead_letter";
