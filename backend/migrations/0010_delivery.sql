-- Delivery of paid credits to the chain (issue 5, DESIGN rule 7). One row per on-chain action, written
-- in the same transaction as the journal that moved the user's credits to system:in_delivery. The
-- worker reserves a nonce, signs, and persists the raw transaction before broadcasting it, so a
-- restart rebroadcasts or finds the same transaction instead of sending a second one.

INSERT INTO ledger_accounts (code, kind, asset, allow_negative, shards, description) VALUES
  ('system:in_delivery', 'system', 'BOON', true, 8,
   'Credits taken from users for an on-chain action not yet final (positive = owed on chain).');

-- Next nonce per sender key: taken FOR UPDATE while a batch is signed, so nonces never gap or repeat.
CREATE TABLE delivery_senders (
  address text NOT NULL CHECK (address ~ '^0x[0-9a-fA-F]{40}$'),
  chain_id integer NOT NULL,
  next_nonce bigint NOT NULL CHECK (next_nonce >= 0),
  -- BOON the sender holds (or will hold once its signed transactions mine) not promised to a gift.
  float_available numeric(78, 0) NOT NULL DEFAULT 0,
  -- The vault this sender has approved for the maximum allowance (null = not yet).
  approved_vault text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (address, chain_id)
);

CREATE TABLE deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Insertion order, for keyset pagination of a user's deliveries.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- Null for the treasury's own housekeeping (float mint, vault approval).
  user_id uuid REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN (
    'withdrawal', 'gift_address', 'gift_social', 'gift_link', 'gift_refund', 'float_mint', 'vault_approve')),
  amount numeric(78, 0) NOT NULL CHECK (amount >= 0),
  -- Address (withdrawal, address gift, link key) or bytes32 social id, as 0x hex.
  recipient text NOT NULL CHECK (recipient ~ '^0x[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$'),
  -- What the user typed, for display: "x:12345" for a social account; null otherwise.
  recipient_label text CHECK (length(recipient_label) <= 200),
  context text NOT NULL DEFAULT '0x0000000000000000000000000000000000000000000000000000000000000000'
    CHECK (context ~ '^0x[0-9a-f]{64}$'),
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 280),
  -- Lifetime the buyer chose for an escrowed gift; the expiry is fixed from chain time when signed,
  -- so a gift that waited in the queue still gets its full lifetime.
  lifetime_seconds integer NOT NULL DEFAULT 0 CHECK (lifetime_seconds >= 0),
  -- Unix seconds after which an escrowed gift may be refunded (0 for direct actions / until signed).
  expiry bigint NOT NULL DEFAULT 0 CHECK (expiry >= 0),
  -- When the escrowed gift was seen claimed or refunded (the refund watcher stops looking).
  escrow_closed_at timestamptz,
  -- The delivery whose escrowed gift a gift_refund action refunds.
  refund_of uuid REFERENCES deliveries (id),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'signed', 'sent', 'confirmed', 'failed')),
  sender text NOT NULL CHECK (sender ~ '^0x[0-9a-fA-F]{40}$'),
  chain_id integer NOT NULL,
  -- Target contract and token, fixed when signed (the escrowed gift's fields for a later refund).
  contract text,
  token text,
  nonce bigint,
  raw_tx text,
  tx_hash text UNIQUE,
  block_number bigint,
  block_hash text,
  -- On-chain gift id, read from the GiftSent log of the receipt.
  gift_id numeric(78, 0),
  failure_code text,
  failure_reason text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  signed_at timestamptz,
  sent_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sender, chain_id, nonce),
  UNIQUE (chain_id, contract, gift_id),
  CHECK ((status = 'queued') = (nonce IS NULL) OR status = 'failed'),
  CHECK (status IN ('queued', 'failed') OR (raw_tx IS NOT NULL AND tx_hash IS NOT NULL)),
  CHECK ((kind IN ('float_mint', 'vault_approve')) = (user_id IS NULL)),
  CHECK ((kind = 'gift_refund') = (refund_of IS NOT NULL))
);
CREATE INDEX deliveries_queued ON deliveries (chain_id, seq) WHERE status = 'queued';
CREATE INDEX deliveries_in_flight ON deliveries (sender, chain_id, nonce) WHERE status IN ('signed', 'sent');
CREATE INDEX deliveries_user ON deliveries (user_id, seq DESC);
-- Escrowed gifts still waiting for their expiry (the refund watcher's work list).
CREATE INDEX deliveries_escrow_open ON deliveries (expiry)
  WHERE status = 'confirmed' AND kind IN ('gift_social', 'gift_link') AND escrow_closed_at IS NULL;
-- At most one live refund action per gift.
CREATE UNIQUE INDEX deliveries_one_refund ON deliveries (refund_of) WHERE status <> 'failed';

-- Refunds of card-paid escrowed gifts, learnt from GiftRefunded logs: one row (and one credit
-- back to the buyer) per gift id, whoever triggered the refund and however often the log is read.
CREATE TABLE gift_refunds (
  chain_id integer NOT NULL,
  vault text NOT NULL,
  gift_id numeric(78, 0) NOT NULL,
  delivery_id uuid NOT NULL UNIQUE REFERENCES deliveries (id),
  user_id uuid NOT NULL REFERENCES users (id),
  amount numeric(78, 0) NOT NULL CHECK (amount > 0),
  tx_hash text NOT NULL,
  block_number bigint NOT NULL,
  log_index integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, vault, gift_id)
);

-- How far a log scanner has read, per chain and contract.
CREATE TABLE chain_cursors (
  name text PRIMARY KEY,
  block_number bigint NOT NULL CHECK (block_number >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
