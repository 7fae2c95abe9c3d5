-- KYC tier and restriction per user. The row doubles as the per-user lock taken (FOR UPDATE) when a
-- purchase reserves capacity under the rolling 24 h limit (DESIGN rule 6).
CREATE TABLE user_limits (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  tier text NOT NULL DEFAULT 'BASIC' CHECK (tier IN ('BASIC', 'STANDARD', 'PREMIUM')),
  -- Set when a dispute hits the user's card money; blocks purchases and withdrawals.
  restricted boolean NOT NULL DEFAULT false,
  restricted_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Stripe Identity verification sessions that upgrade a user's tier when verified.
CREATE TABLE kyc_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  target_tier text NOT NULL CHECK (target_tier IN ('STANDARD', 'PREMIUM')),
  stripe_session_id text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'requires_input'
    CHECK (status IN ('requires_input', 'processing', 'verified', 'canceled')),
  url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kyc_verifications_user ON kyc_verifications (user_id, created_at DESC);
