-- Stripe webhook events already processed: the id is inserted in the same transaction as the
-- event's effects, so a redelivered or concurrently delivered event is applied once.
CREATE TABLE stripe_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  stripe_created_at timestamptz NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);
