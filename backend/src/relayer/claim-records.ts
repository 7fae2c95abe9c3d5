import { recordAudit } from "../audit/audit.repository.ts";
import type { PoolClient } from "../db/pool.ts";
import { appendEvent } from "../events/append-event.ts";
import type { EventPayload } from "../events/event-types.ts";
import type { PreparedClaim } from "./prepared.ts";

type ClaimStep = "relay.claim_queued" | "relay.claim_confirmed" | "relay.claim_failed";

/** What a claim's queued and confirmed records both say about it. */
export function claimFacts(
  claim: Pick<PreparedClaim, "kind" | "destination" | "recipient" | "giftIds" | "amount">,
) {
  return {
    kind: claim.kind,
    destination: claim.destination,
    recipient: claim.recipient,
    giftIds: claim.giftIds.map(String),
    amount: claim.amount.toString(),
  };
}

/**
 * One step of a relayed claim, audited and appended as its domain event (action and event type
 * are the same name; the audit row may carry more than the event, e.g. the client IP).
 */
export async function recordClaimStep<T extends ClaimStep>(
  db: PoolClient,
  step: {
    type: T;
    claimId: string;
    userId: string | null;
    actorUserId: string | null;
    payload: EventPayload<T>;
    auditExtra?: Record<string, unknown>;
    requestId?: string | undefined;
  },
): Promise<void> {
  await recordAudit(db, {
    actorUserId: step.actorUserId,
    action: step.type,
    subjectType: "relay_claim",
    subjectId: step.claimId,
    details: { ...step.payload, ...step.auditExtra },
    ...(step.requestId ? { requestId: step.requestId } : {}),
  });
  await appendEvent(db, {
    type: step.type,
    subject: { type: "relay_claim", id: step.claimId },
    userId: step.userId,
    payload: step.payload,
  });
}
