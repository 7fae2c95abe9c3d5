-- What each user sees under "Activity" (src/activity/): a projection of their domain events, one
-- row per thing that happened to their money (a purchase, a delivery, a gift received...), updated
-- in place as it moves on (a delivery pending, then done). Rebuilt from the events by a replay.
CREATE TABLE activity_items (
  -- Stable across replays: derived from the subject of the events (`purchase:<id>`, ...).
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 300),
  -- Page order: the order rows were first projected, which is the stream's order.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id),
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('purchase', 'purchase_refund', 'gift_sent', 'gift_received',
    'delivery', 'withdrawal', 'claim', 'refund')),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  -- BOON base units.
  amount numeric(78, 0) NOT NULL CHECK (amount >= 0),
  amount_cents bigint CHECK (amount_cents >= 0),
  status text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  title text NOT NULL,
  counterparty text,
  tx_hash text CHECK (tx_hash ~ '^0x[0-9a-fA-F]{64}$'),
  ref jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, id)
);
CREATE INDEX activity_items_user_page ON activity_items (user_id, seq DESC);
