import { GiftKind } from "@boon/contracts";
import type { QueryClient } from "@tanstack/react-query";
import type { Address, Hash, Hex, TransactionReceipt } from "viem";
import type { Backend } from "../../api/backend.ts";
import { type CreditGiftRequest, createCreditGift } from "../../api/gifts.ts";
import { addOptimisticGifts } from "../../app/optimistic.ts";
import type { AppConfig } from "../../config/config.ts";
import { formatBoon } from "../../lib/amount.ts";
import type { ParsedBatch } from "../../lib/batch.ts";
import { batchRequests } from "../../lib/batch-requests.ts";
import { claimLinkUrl, newLinkKey } from "../../lib/claim-link.ts";
import { shortAddress } from "../../lib/format.ts";
import { DAY, type GiftFormValues } from "../../lib/gift-form.ts";
import { replyIntentUrl, type XRecipient, xClaimUrl } from "../../lib/recipient.ts";
import {
  approveVault,
  type Permit,
  prepareFunding,
  sendBatch,
  sendGift,
  sentGiftRows,
} from "../../wallet/gift-actions.ts";
import type { WagmiConfig } from "../../wallet/wagmi.ts";
import type { Created } from "./types.ts";

/** What sending needs from the app: chain, backend, cache and the transaction runner. */
export type SendDeps = {
  wagmi: WagmiConfig;
  config: AppConfig;
  backend: Backend;
  queryClient: QueryClient;
  run: (label: string, send: () => Promise<Hash>) => Promise<TransactionReceipt>;
};

type BatchOk = Extract<ParsedBatch, { ok: true }>;

/** Lets the vault pull `amount` (permit, allowance or approve) and sends with `send`. */
export async function fund(
  deps: SendDeps,
  owner: Address,
  amount: bigint,
  label: string,
  send: (permit: Permit | null) => Promise<Hex>,
) {
  const { wagmi, config, run } = deps;
  const funding = await prepareFunding(wagmi, config, owner, amount);
  if (funding.kind === "approve")
    await run("Approving BOON", () => approveVault(wagmi, config, amount));
  return run(label, () => send(funding.kind === "permit" ? funding.permit : null));
}

/** The `POST /v1/gifts` request for a validated form. */
function creditRequest(values: GiftFormValues, expiryDays: number): CreditGiftRequest {
  const { amount, postId, message } = values;
  return values.kind === "address"
    ? { kind: "address", to: values.to as Address, amount, postId, message }
    : { kind: "link", amount, postId, message, expiresInSeconds: expiryDays * DAY };
}

/** One gift paid from credits: the backend sends it; a link gift's URL comes back once. */
export async function sendFromCredits(
  deps: SendDeps,
  values: GiftFormValues,
  expiryDays: number,
): Promise<Created> {
  const request = creditRequest(values, expiryDays);
  const gift = await createCreditGift(deps.backend, request, crypto.randomUUID());
  const secret = gift.link?.secret;
  const url =
    gift.link?.claimUrl ?? (secret ? `${window.location.origin}/claim#key=${secret}` : null);
  return {
    headline: headlineFor(values),
    links: url ? [{ amount: values.amount, url }] : [],
    note: "Boon is sending it from your credits; it shows in Activity once it is on chain.",
  };
}

/** One gift paid from the wallet; a link gift gets a fresh key whose address receives it. */
export async function sendFromWallet(
  deps: SendDeps,
  owner: Address,
  values: GiftFormValues & { kind: "address" | "link" },
): Promise<Created> {
  const linkKey = values.kind === "link" ? newLinkKey() : null;
  const to = (values.to ?? linkKey?.address) as Address;
  const receipt = await fund(
    deps,
    owner,
    values.amount,
    values.kind === "link" ? "Creating the claim link" : "Sending the gift",
    (permit) => sendGift(deps.wagmi, deps.config, { ...values, to }, permit),
  );
  addOptimisticGifts(deps.queryClient, sentGiftRows(receipt));
  return {
    headline: headlineFor(values),
    txHash: receipt.transactionHash,
    links: linkKey
      ? [{ amount: values.amount, url: claimLinkUrl(window.location.origin, linkKey.privateKey) }]
      : [],
  };
}

/**
 * Many gifts in one transaction (`sendGifts`); each "link" line gets its own key, each X line goes
 * to the social id `resolveBatch` found for it (`accounts`, in entry order).
 */
export async function sendBatchFromWallet(
  deps: SendDeps,
  owner: Address,
  batch: BatchOk,
  shared: Pick<GiftFormValues, "expiry" | "context" | "message">,
  accounts: (XRecipient | null)[],
): Promise<Created> {
  const keys = batch.entries.map((entry) => (entry.kind === GiftKind.Link ? newLinkKey() : null));
  const requests = batchRequests(batch.entries, keys, accounts);
  const { expiry, context, message } = shared;
  const receipt = await fund(
    deps,
    owner,
    batch.total,
    `Sending ${requests.length} gifts`,
    (permit) => sendBatch(deps.wagmi, deps.config, requests, { expiry, context, message }, permit),
  );
  addOptimisticGifts(deps.queryClient, sentGiftRows(receipt));
  const origin = window.location.origin;
  const links = batch.entries.flatMap((entry, index) => {
    const key = keys[index];
    return key ? [{ amount: entry.amount, url: claimLinkUrl(origin, key.privateKey) }] : [];
  });
  const xReplies = batch.entries.flatMap((entry, index) => {
    const account = accounts[index];
    if (!account) return [];
    const { handle, postId } = account;
    const claimUrl = xClaimUrl(origin);
    return [
      { handle, intentUrl: replyIntentUrl({ handle, amount: entry.amount, claimUrl, postId }) },
    ];
  });
  return { headline: batchHeadline(batch), txHash: receipt.transactionHash, links, xReplies };
}

/** "5 BOON sent to 0x9965…A4dc." or "Claim link made for 3 BOON." */
export function headlineFor(values: Pick<GiftFormValues, "kind" | "to" | "amount">): string {
  const amount = `${formatBoon(values.amount)} BOON`;
  return values.kind === "address" && values.to
    ? `${amount} sent to ${shortAddress(values.to)}.`
    : `Claim link made for ${amount}.`;
}

/** "4 gifts, 12 BOON in all: 2 to wallets, 1 claim link, 1 to an X account." */
export function batchHeadline(batch: Pick<BatchOk, "entries" | "total">): string {
  const count = (kind: GiftKind) => batch.entries.filter((entry) => entry.kind === kind).length;
  const direct = count(GiftKind.Address);
  const links = count(GiftKind.Link);
  const social = count(GiftKind.Social);
  const parts = [
    direct > 0 ? `${direct} to ${direct === 1 ? "a wallet" : "wallets"}` : null,
    links > 0 ? `${links} claim ${links === 1 ? "link" : "links"}` : null,
    social > 0 ? `${social} to ${social === 1 ? "an X account" : "X accounts"}` : null,
  ].filter(Boolean);
  return `${batch.entries.length} gifts, ${formatBoon(batch.total)} BOON in all: ${parts.join(", ")}.`;
}
