-- Every SocialClaim attestation the verifier signed (src/attestations/): the audit of what was
-- signed for whom, and, for `to = 'credits'`, the intent to claim into Boon credits (the claim's
-- wallet is Boon's custody address; the user to credit is this row's).
CREATE TABLE social_attestations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  x_user_id text NOT NULL CHECK (x_user_id ~ '^[1-9][0-9]{0,19}$'),
  social_id text NOT NULL CHECK (social_id ~ '^0x[0-9a-f]{64}$'),
  -- EIP-55: a wallet the user proved by SIWE, or the custody address.
  wallet text NOT NULL CHECK (wallet ~ '^0x[0-9a-fA-F]{40}$'),
  destination text NOT NULL CHECK (destination IN ('wallet', 'credits')),
  -- The gifts the caller said it would claim (optional; the attestation itself covers every open
  -- gift of the social id until its deadline), as decimal strings: uint256 ids, and pg reads a
  -- numeric[] as floats.
  gift_ids text[] NOT NULL DEFAULT '{}'
    CHECK (array_to_string(gift_ids, ',') ~ '^([0-9]{1,78}(,|$))*$'),
  deadline bigint NOT NULL,
  chain_id integer NOT NULL,
  vault text NOT NULL CHECK (vault ~ '^0x[0-9a-fA-F]{40}$'),
  verifier text NOT NULL CHECK (verifier ~ '^0x[0-9a-fA-F]{40}$'),
  signature text NOT NULL CHECK (signature ~ '^0x[0-9a-f]{130}$'),
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX social_attestations_user_idx ON social_attestations (user_id, created_at);
CREATE INDEX social_attestations_social_idx ON social_attestations (social_id, deadline);
