// Whose is a Stripe event? A Stripe account may be shared with other integrations (a shop, another
// Boon environment), whose sessions, charges and disputes reach this endpoint too. Boon's objects
// carry Boon's ids in their metadata (`purchase_id` on Checkout Sessions and, through
// `payment_intent_data`, on charges; `user_id` on Identity sessions). A dispute carries no metadata:
// its charge, fetched from Stripe, tells.
//
// What is not Boon's is acknowledged (200) and ignored. An object that names a Boon id Boon cannot
// find is either early — its creating transaction has not committed yet, so Stripe should retry —
// or someone else's (another environment, a deleted test). The object's `created` decides:
// within EARLY_EVENT_WINDOW_SECONDS it is retried, after that it is ignored.
import type Stripe from "stripe";
import type { ParsedStripeEvent } from "./stripe-event.ts";

/** How long after its object's creation an event for an unknown Boon id is retried (503). */
export const EARLY_EVENT_WINDOW_SECONDS = 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type EventOwner =
  | { boon: true; purchaseId?: string; createdAt: number }
  | { boon: false; reason: string };

function byMetadata(
  metadata: Record<string, string>,
  key: "purchase_id" | "user_id",
  createdAt: number,
): EventOwner {
  const id = metadata[key];
  if (id === undefined) return { boon: false, reason: `no ${key} in its metadata` };
  if (!UUID.test(id)) return { boon: false, reason: `its ${key} is not a Boon id` };
  return key === "purchase_id"
    ? { boon: true, purchaseId: id, createdAt }
    : { boon: true, createdAt };
}

/** The disputed charge, as Stripe knows it; undefined when this account has no such charge. */
async function disputedCharge(stripe: Stripe, chargeId: string) {
  try {
    return await stripe.charges.retrieve(chargeId);
  } catch (error) {
    if (error instanceof Error && "statusCode" in error && error.statusCode === 404)
      return undefined;
    throw error; // Stripe unreachable: the webhook fails and Stripe retries
  }
}

/** Whether the event's object is Boon's, and when it was created (for the early-event window). */
export async function ownerOf(
  stripe: Stripe,
  parsed: ParsedStripeEvent,
): Promise<EventOwner | undefined> {
  switch (parsed.kind) {
    case "checkout.session":
    case "charge":
      return byMetadata(parsed.object.metadata, "purchase_id", parsed.object.created);
    case "identity.verification_session":
      return byMetadata(parsed.object.metadata, "user_id", parsed.object.created);
    case "dispute": {
      const charge = await disputedCharge(stripe, parsed.object.charge);
      if (!charge) return { boon: false, reason: "its charge is unknown to this Stripe account" };
      return byMetadata(charge.metadata ?? {}, "purchase_id", charge.created);
    }
    case "other":
      return undefined;
  }
}

/** An unknown Boon id is worth a retry only while its object is young. */
export function isEarly(owner: { createdAt: number }, nowSeconds = Date.now() / 1000): boolean {
  return nowSeconds - owner.createdAt <= EARLY_EVENT_WINDOW_SECONDS;
}
