-- Card purchases of BOON credits through Stripe Checkout. Each row holds the facts learnt from
-- Stripe (paid, refunded, disputed); the ledger journals are derived from them under unique keys,
-- so events in any order or count post each journal once (DESIGN rule 5).
CREATE TABLE purchases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  price_cents_per_boon bigint NOT NULL CHECK (price_cents_per_boon > 0),
  credits numeric(78, 0) NOT NULL CHECK (credits > 0),
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'processing', 'paid', 'failed', 'expired', 'over_limit')),
  stripe_session_id text UNIQUE,
  stripe_payment_intent_id text UNIQUE,
  checkout_url text,
  -- Cumulative amount Stripe reports refunded, and how much of it the ledger has already reflected.
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents BETWEEN 0 AND amount_cents),
  refund_posted_cents bigint NOT NULL DEFAULT 0 CHECK (refund_posted_cents BETWEEN 0 AND refunded_cents),
  -- Credits taken back from the user or booked to dispute recovery (never above `credits`).
  credits_reversed numeric(78, 0) NOT NULL DEFAULT 0 CHECK (credits_reversed BETWEEN 0 AND credits),
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Rolling-window usage reads the user's recent reservations.
CREATE INDEX purchases_user_created ON purchases (user_id, created_at DESC);

CREATE TABLE stripe_disputes (
  id text PRIMARY KEY,
  purchase_id uuid NOT NULL REFERENCES purchases (id),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  status text NOT NULL,
  -- What the opening journal took: from the user's spendable balance, and booked as a receivable.
  credits_from_user numeric(78, 0) NOT NULL DEFAULT 0,
  credits_receivable numeric(78, 0) NOT NULL DEFAULT 0,
  opened_posted boolean NOT NULL DEFAULT false,
  won_posted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stripe_disputes_purchase ON stripe_disputes (purchase_id);
