// What Boon reads of a Stripe event, validated with zod after the signature check: a correctly
// signed event can still be malformed (a bug, a test tool, an API version change), and nothing of
// it may reach the database unless it has the shape the handlers rely on. Unknown fields are left
// out of the parsed result; the objects of event types Boon does not act on are not read.
// Shapes: https://docs.stripe.com/api/events/object and the objects each type carries.
import { z } from "zod";
import { invalid } from "../errors.ts";
import { zodIssues } from "../http/errors.ts";
import { text } from "../http/schemas.ts";

/** Stripe ids: a prefix, an underscore, then letters, digits and underscores. */
const stripeId = (prefix?: string) =>
  z
    .string()
    .max(255)
    .regex(prefix ? new RegExp(`^${prefix}_[A-Za-z0-9_]+$`) : /^[a-z]+_[A-Za-z0-9_]+$/);

/** Unix seconds: positive, and before the year 10000 (what PostgreSQL's timestamps hold). */
const unixTime = z.int().min(1).max(253_402_300_799);

const cents = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** An expandable reference: the id, or the expanded object. */
const ref = (prefix: string) =>
  z.union([stripeId(prefix), z.object({ id: stripeId(prefix) }).transform((o) => o.id)]);

const metadata = z
  .record(text().max(40), text().max(500))
  .nullish()
  .transform((m) => m ?? {});

export const checkoutSessionSchema = z.object({
  id: stripeId("cs"),
  created: unixTime,
  metadata,
  payment_intent: ref("pi").nullish(),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
});

export const chargeSchema = z.object({
  id: stripeId("ch"),
  created: unixTime,
  amount: cents,
  amount_refunded: cents,
  metadata,
  payment_intent: ref("pi").nullish(),
});

/** A dispute's money movement; a bare id (not expanded) carries no amount. */
const balanceTransaction = z.union([
  stripeId("txn").transform(() => undefined),
  z.object({ amount: z.int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER) }),
]);

export const disputeSchema = z.object({
  id: stripeId(),
  created: unixTime,
  amount: cents,
  charge: ref("ch"),
  payment_intent: ref("pi").nullish(),
  status: z.string().regex(/^[a-z_]{1,40}$/),
  balance_transactions: z.array(balanceTransaction).max(10).default([]),
});

export const verificationSessionSchema = z.object({
  id: stripeId("vs"),
  created: unixTime,
  metadata,
});

const envelope = z.object({
  id: stripeId("evt"),
  object: z.literal("event"),
  type: z
    .string()
    .max(100)
    .regex(/^[a-z_]+(\.[a-z_]+)+$/),
  created: unixTime,
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const OBJECT_SCHEMAS = {
  "checkout.session": checkoutSessionSchema,
  charge: chargeSchema,
  dispute: disputeSchema,
  "identity.verification_session": verificationSessionSchema,
} as const;

type Objects = { [K in keyof typeof OBJECT_SCHEMAS]: z.output<(typeof OBJECT_SCHEMAS)[K]> };
export type CheckoutSessionObject = Objects["checkout.session"];
export type ChargeObject = Objects["charge"];
export type DisputeObject = Objects["dispute"];
export type VerificationSessionObject = Objects["identity.verification_session"];

export type StripeEventEnvelope = z.output<typeof envelope>;

/** The event types Boon acts on, and the object each carries. Others are acknowledged unread. */
const HANDLED: Record<string, keyof typeof OBJECT_SCHEMAS> = {
  "checkout.session.completed": "checkout.session",
  "checkout.session.async_payment_succeeded": "checkout.session",
  "checkout.session.async_payment_failed": "checkout.session",
  "checkout.session.expired": "checkout.session",
  "charge.refunded": "charge",
  "charge.dispute.created": "dispute",
  "charge.dispute.updated": "dispute",
  "charge.dispute.closed": "dispute",
  "charge.dispute.funds_withdrawn": "dispute",
  "charge.dispute.funds_reinstated": "dispute",
  "identity.verification_session.verified": "identity.verification_session",
  "identity.verification_session.requires_input": "identity.verification_session",
  "identity.verification_session.processing": "identity.verification_session",
  "identity.verification_session.canceled": "identity.verification_session",
};

export type ParsedStripeEvent =
  | {
      [K in keyof Objects]: { kind: K; event: StripeEventEnvelope; object: Objects[K] };
    }[keyof Objects]
  | { kind: "other"; event: StripeEventEnvelope; object: undefined };

function refuse(error: z.ZodError, where: string): never {
  throw invalid("invalid_event", `The Stripe event's ${where} is malformed`, zodIssues(error));
}

/** The envelope and the object of a verified event; 400 `invalid_event` when either is malformed. */
export function parseStripeEvent(raw: unknown): ParsedStripeEvent {
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) refuse(parsed.error, "envelope");
  const event = parsed.data;
  const kind = HANDLED[event.type];
  if (!kind) return { kind: "other", event, object: undefined };
  const object = OBJECT_SCHEMAS[kind].safeParse(event.data.object);
  if (!object.success) refuse(object.error, "data.object");
  return { kind, event, object: object.data } as ParsedStripeEvent;
}
