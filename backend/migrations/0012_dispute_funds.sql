-- Disputes move money only when Stripe withdraws the funds (a chargeback), not when an issuer only
-- asks (an inquiry, `warning_*`). The money facts of a dispute are its balance transactions: the
-- largest withdrawal and reinstatement seen so far (facts only move forward, in any event order).
ALTER TABLE stripe_disputes
  ADD COLUMN withdrawn_cents bigint NOT NULL DEFAULT 0 CHECK (withdrawn_cents >= 0),
  ADD COLUMN reinstated_cents bigint NOT NULL DEFAULT 0 CHECK (reinstated_cents >= 0);

-- Disputes settled under the earlier rule were booked as withdrawn (and, when won, reinstated) at
-- their amount; record that so they are not booked again. Those that were only inquiries keep
-- their journals: a correction is a new journal, posted by an operator.
UPDATE stripe_disputes SET withdrawn_cents = amount_cents WHERE opened_posted;
UPDATE stripe_disputes SET reinstated_cents = amount_cents WHERE won_posted;
