-- The gas-free claim relayer (src/relayer/, issue 12). A relayed claim is one on-chain transaction
-- from the relayer's own key, sent through the delivery outbox (a `deliveries` row of kind
-- `relay_claim`: nonce reserved under the sender's lock, raw transaction stored before broadcast,
-- confirmed at DELIVERY_CONFIRMATIONS); `relay_claims` holds what the claim is and whom it serves.

ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check CHECK (kind IN (
  'withdrawal', 'gift_address', 'gift_social', 'gift_link', 'gift_refund', 'float_mint', 'vault_approve',
  'relay_claim'));

-- A relay claim's outbox row belongs to no user's deliveries (its user, if any, is on relay_claims).
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO STRICT c FROM pg_constraint
   WHERE conrelid = 'deliveries'::regclass AND contype = 'c'
     AND pg_get_constraintdef(oid) LIKE '%user_id IS NULL%';
  EXECUTE format('ALTER TABLE deliveries DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_user_owned CHECK (
  (kind IN ('float_mint', 'vault_approve', 'relay_claim')) = (user_id IS NULL));

-- The relayer's gas budget per UTC day, in wei. A claim reserves gas limit x max fee per gas under
-- this row's lock before it is queued (its transaction's fee is capped at the reservation); the
-- final receipt turns the reservation into what it really cost (a claim never mined costs nothing).
CREATE TABLE relay_gas_budget (
  day date PRIMARY KEY,
  budget_wei numeric(78, 0) NOT NULL CHECK (budget_wei >= 0),
  reserved_wei numeric(78, 0) NOT NULL DEFAULT 0 CHECK (reserved_wei >= 0),
  spent_wei numeric(78, 0) NOT NULL DEFAULT 0 CHECK (spent_wei >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE relay_claims (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- The outbox row that carries the transaction.
  delivery_id uuid NOT NULL UNIQUE REFERENCES deliveries (id),
  kind text NOT NULL CHECK (kind IN ('link', 'link_batch', 'social')),
  destination text NOT NULL CHECK (destination IN ('wallet', 'credits')),
  -- Who asked (null: an anonymous link claim to a wallet); the user credited for `credits`.
  user_id uuid REFERENCES users (id),
  client_ip text NOT NULL,
  chain_id integer NOT NULL,
  vault text NOT NULL CHECK (vault ~ '^0x[0-9a-fA-F]{40}$'),
  -- The claim's `to` / `wallet` (the custody address for credits).
  recipient text NOT NULL CHECK (recipient ~ '^0x[0-9a-fA-F]{40}$'),
  -- Decimal uint256 ids, in call order (pg reads numeric[] as floats, hence text).
  gift_ids text[] NOT NULL CHECK (cardinality(gift_ids) BETWEEN 1 AND 100),
  -- The call's arguments besides ids and recipient: the gift structs and the compact signatures
  -- (link) or the attestation and its deadline (social), as JSON with decimal strings.
  call_args jsonb NOT NULL,
  attestation_id uuid REFERENCES social_attestations (id),
  amount numeric(78, 0) NOT NULL CHECK (amount > 0),
  gas_limit bigint NOT NULL CHECK (gas_limit > 0),
  -- Wei reserved on budget_day's row; the transaction's max fee never exceeds it.
  budget_day date NOT NULL REFERENCES relay_gas_budget (day),
  reserved_wei numeric(78, 0) NOT NULL CHECK (reserved_wei > 0),
  -- What the mined transaction cost (gas used x effective price); null until final.
  spent_wei numeric(78, 0),
  -- Only the final outcomes; queued/submitted are read from the outbox row.
  outcome text CHECK (outcome IN ('confirmed', 'failed')),
  failure_code text,
  failure_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK (destination = 'wallet' OR user_id IS NOT NULL),
  CHECK ((outcome IS NULL) = (spent_wei IS NULL))
);
CREATE INDEX relay_claims_user ON relay_claims (user_id, seq DESC) WHERE user_id IS NOT NULL;
CREATE INDEX relay_claims_ip ON relay_claims (client_ip, created_at);

-- One live relayed claim per gift: a second one would only revert (and burn gas).
CREATE TABLE relay_claim_gifts (
  claim_id uuid NOT NULL REFERENCES relay_claims (id),
  chain_id integer NOT NULL,
  vault text NOT NULL,
  gift_id numeric(78, 0) NOT NULL,
  live boolean NOT NULL DEFAULT true,
  PRIMARY KEY (claim_id, gift_id)
);
CREATE UNIQUE INDEX relay_claim_gifts_one_live ON relay_claim_gifts (chain_id, vault, gift_id) WHERE live;
