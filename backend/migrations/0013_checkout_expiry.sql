-- When a purchase's Checkout Session expires at Stripe. An open purchase holds KYC capacity only
-- until then, even if Stripe's `checkout.session.expired` webhook is late or lost; the API shows
-- it so the buyer knows until when. Null for purchases created before this column.
ALTER TABLE purchases ADD COLUMN checkout_expires_at timestamptz;
