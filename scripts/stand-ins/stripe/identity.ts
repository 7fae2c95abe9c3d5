// Stripe Identity verification sessions (https://docs.stripe.com/api/identity/verification_sessions):
// create, retrieve, cancel, and the outcomes the hosted page reports — `verified`, or back to
// `requires_input` with a `last_error` — each with its `identity.verification_session.*` event.
import { invalidParam } from "./errors.ts";
import type { StripeEvent, VerificationSession } from "./objects.ts";
import { stripeId } from "./objects.ts";
import { type Form, metadata, optStr, str } from "./params.ts";
import { emit, nowSeconds, requireVerification, type StripeState } from "./state.ts";

export type VerificationOutcome = "verified" | "failed" | "canceled";

/** POST /v1/identity/verification_sessions */
export function createVerification(state: StripeState, form: Form): VerificationSession {
  const type = form.type === undefined ? "document" : str(form.type, "type");
  if (type !== "document" && type !== "id_number") throw invalidParam("type", "Invalid type");
  const id = stripeId("vs");
  const session: VerificationSession = {
    id,
    object: "identity.verification_session",
    client_reference_id: optStr(form.client_reference_id),
    created: nowSeconds(state),
    last_error: null,
    livemode: false,
    metadata: metadata(form.metadata),
    return_url: optStr(form.return_url),
    status: "requires_input",
    type,
    url: `${state.baseUrl}/identity/${id}`,
  };
  state.verifications.set(id, session);
  return session;
}

export function completeVerification(
  state: StripeState,
  id: string,
  outcome: VerificationOutcome,
): { session: VerificationSession; events: StripeEvent[] } {
  const session = requireVerification(state, id);
  if (outcome === "verified") {
    session.status = "verified";
    session.last_error = null;
    session.url = null;
  } else if (outcome === "failed") {
    session.status = "requires_input";
    session.last_error = {
      code: "document_unverified_other",
      reason: "The document could not be verified (test mode).",
    };
  } else {
    session.status = "canceled";
    session.url = null;
  }
  const type =
    outcome === "failed"
      ? "identity.verification_session.requires_input"
      : `identity.verification_session.${session.status}`;
  return { session, events: [emit(state, type, session)] };
}
