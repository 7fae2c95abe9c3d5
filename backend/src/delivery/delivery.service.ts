import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { DeliveryConfig } from "../config.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import { limitExceeded, notAllowed, unprocessable } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { withIdempotency } from "../idempotency/idempotency.ts";
import { lockUserLimit } from "../kyc/kyc.repository.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import { isWalletOf } from "../users/user.repository.ts";
import type { DeliveryKind } from "./actions.ts";
import { type DeliveryView, deliveryView } from "./delivery.view.ts";
import { appendQueued } from "./delivery-events.ts";
import { debitEntries, journalKey } from "./delivery-journals.ts";
import { type Delivery, insertDelivery } from "./outbox.repository.ts";

export type DeliveryServiceDeps = {
  pool: Pool;
  ledger: LedgerService;
  delivery: DeliveryConfig;
  chainId: number;
  /** Where claim links point (the dApp). */
  dappOrigin: string;
};

/** A validated request to move credits on chain (see delivery.schemas.ts). */
export type DeliveryRequest =
  | { kind: "withdrawal"; to: `0x${string}`; amount: bigint }
  | {
      kind: "gift_address";
      to: `0x${string}`;
      amount: bigint;
      context: `0x${string}` | undefined;
      message: string;
    }
  | {
      kind: "gift_social";
      socialId: `0x${string}`;
      label: string;
      amount: bigint;
      context: `0x${string}` | undefined;
      message: string;
      lifetimeSeconds: number;
    }
  | {
      kind: "gift_link";
      amount: bigint;
      context: `0x${string}` | undefined;
      message: string;
      lifetimeSeconds: number;
    };

/** Credits leaving to an external wallet must be past the card hold; escrowed gifts come back. */
function leavesToWallet(kind: DeliveryKind): boolean {
  return kind === "withdrawal" || kind === "gift_address";
}

/**
 * Queues an on-chain delivery once per Idempotency-Key. In one transaction, under the user's limit
 * lock: checks the balance (and the hold on card money for credits leaving to a wallet), moves the
 * credits to "in delivery", writes the outbox row and the audit row. A link gift's secret key is in
 * the first response only: the stored (replayable) answer never holds it, and no table does.
 */
export async function requestDelivery(
  deps: DeliveryServiceDeps,
  req: {
    userId: string;
    request: DeliveryRequest;
    scope: string;
    idempotencyKey: string;
    requestHash: string;
    requestId?: string;
    /** More of the answer, stored with it for replays (e.g. who an X handle resolved to). */
    annotations?: Record<string, unknown>;
  },
): Promise<{ answer: DeliveryAnswer; replayed: boolean }> {
  const { request } = req;
  // Generated outside the transaction body so a retried attempt keeps one key (retries re-run fn).
  const linkKey = request.kind === "gift_link" ? generatePrivateKey() : undefined;
  let secret: `0x${string}` | undefined;
  const ref = {
    userId: req.userId,
    scope: req.scope,
    key: req.idempotencyKey,
    requestHash: req.requestHash,
  };
  const result = await withIdempotency(deps.pool, ref, async (db) => {
    await checkFunds(deps, db, req.userId, request);
    if (request.kind === "withdrawal") await checkLinkedWallet(db, req.userId, request.to);
    const delivery = await queueDelivery(deps, db, req.userId, request, linkKey);
    await postDebit(deps, db, req.userId, delivery.id, request.amount);
    await recordAudit(db, {
      actorUserId: req.userId,
      action: `delivery.${request.kind}.requested`,
      subjectType: "delivery",
      subjectId: delivery.id,
      details: { amount: request.amount, recipient: delivery.recipient, kind: request.kind },
      ...(req.requestId ? { requestId: req.requestId } : {}),
    });
    await deliveryQueuedEvents(db, delivery);
    secret = linkKey;
    return { delivery: deliveryView(delivery), ...req.annotations };
  });
  return withLinkSecret(result, request.kind, secret, deps.dappOrigin);
}

/** The outbox row of a request: the recipient is an address, a social id or the link key's address. */
function queueDelivery(
  deps: DeliveryServiceDeps,
  db: PoolClient,
  userId: string,
  request: DeliveryRequest,
  linkKey: `0x${string}` | undefined,
): Promise<Delivery> {
  const recipient =
    request.kind === "gift_social"
      ? request.socialId
      : request.kind === "gift_link"
        ? privateKeyToAddress(linkKey as `0x${string}`)
        : request.to;
  return insertDelivery(db, {
    userId,
    kind: request.kind,
    amount: request.amount,
    recipient,
    recipientLabel: request.kind === "gift_social" ? request.label : null,
    ...(request.kind !== "withdrawal" && request.context ? { context: request.context } : {}),
    ...(request.kind !== "withdrawal" ? { message: request.message } : {}),
    ...(request.kind === "gift_social" || request.kind === "gift_link"
      ? { lifetimeSeconds: request.lifetimeSeconds }
      : {}),
    sender: privateKeyToAccount(deps.delivery.treasuryPrivateKey).address,
    chainId: deps.chainId,
  });
}

/**
 * A link gift's secret goes in the first answer only; a replay says it is not shown again. The
 * stored answer never holds it.
 */
function withLinkSecret(
  result: { answer: DeliveryAnswer; replayed: boolean },
  kind: DeliveryRequest["kind"],
  secret: `0x${string}` | undefined,
  dappOrigin: string,
): { answer: DeliveryAnswer; replayed: boolean } {
  if (result.replayed || secret === undefined) {
    return kind === "gift_link" && result.replayed
      ? {
          ...result,
          answer: {
            ...result.answer,
            link: { secret: null, note: "The link secret is shown only in the first response" },
          },
        }
      : result;
  }
  const link = { secret, claimUrl: `${dappOrigin}/claim#key=${secret}` };
  return { ...result, answer: { ...result.answer, link } };
}

/** What a delivery request answers (stored for replays without the link secret). */
export type DeliveryAnswer = {
  delivery: DeliveryView;
  link?: { secret: `0x${string}` | null; claimUrl?: string; note?: string };
  [annotation: string]: unknown;
};

/** The user's credits left their balance for an on-chain action, now in the outbox. */
async function deliveryQueuedEvents(db: PoolClient, delivery: Delivery): Promise<void> {
  const subject = { type: "delivery", id: delivery.id } as const;
  await appendEvent(db, {
    type: "credits.spent",
    subject,
    userId: delivery.userId,
    payload: { deliveryId: delivery.id, kind: delivery.kind, amount: delivery.amount.toString() },
  });
  await appendQueued(db, delivery);
}

async function checkFunds(
  deps: DeliveryServiceDeps,
  db: PoolClient,
  userId: string,
  request: DeliveryRequest,
): Promise<void> {
  // Serialises this user's money movements, so two requests cannot both spend one balance or hold.
  const limit = await lockUserLimit(db, userId);
  // A dispute restricts the account: its credits may not leave at all until support lifts it.
  if (limit.restricted) {
    throw notAllowed(
      "account_restricted",
      "Withdrawals and gifts are disabled on this account; contact support",
    );
  }
  const balance = await deps.ledger.balance(db, userId);
  if (request.amount > balance) {
    throw limitExceeded("insufficient_balance", "Your balance is lower than this amount", {
      balance: balance.toString(),
      amount: request.amount.toString(),
    });
  }
  if (leavesToWallet(request.kind)) {
    const withdrawable = await deps.ledger.withdrawableBalance(db, userId);
    if (request.amount > withdrawable) {
      throw limitExceeded(
        "funds_on_hold",
        "Part of your balance is recent card money still inside its hold period; it cannot leave to a wallet yet",
        { balance: balance.toString(), withdrawable: withdrawable.toString() },
      );
    }
  }
}

async function checkLinkedWallet(db: PoolClient, userId: string, wallet: string): Promise<void> {
  if (!(await isWalletOf(db, userId, wallet))) {
    throw unprocessable(
      "wallet_not_linked",
      "Withdrawals go only to a wallet linked to your account; sign in with that wallet first",
    );
  }
}

async function postDebit(
  deps: DeliveryServiceDeps,
  db: PoolClient,
  userId: string,
  deliveryId: string,
  amount: bigint,
): Promise<void> {
  try {
    await deps.ledger.postJournal(db, {
      key: journalKey.debit(deliveryId),
      kind: "delivery.debit",
      memo: `on-chain delivery ${deliveryId}`,
      userId,
      entries: debitEntries(userId, amount),
    });
  } catch (error) {
    // The database's own guard (balance never below zero) as a clear 4xx rather than a 500.
    if ((error as { constraint?: string }).constraint === "ledger_balance_not_negative") {
      throw limitExceeded("insufficient_balance", "Your balance is lower than this amount");
    }
    throw error;
  }
}
