-- Every notification Boon sent (src/notifications/), keyed so that each is sent once: a consumer
-- replaying its events, or restarting after a crash, finds the key and sends nothing again.
CREATE TABLE notifications_sent (
  -- `<notification>:<subject>`, e.g. `purchase_receipt:<purchase id>`.
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),
  notification text NOT NULL CHECK (notification ~ '^[a-z_]{1,60}$'),
  user_id uuid REFERENCES users (id),
  channel text NOT NULL CHECK (channel IN ('email')),
  -- Where it went and what it said (support can answer "did you send me a receipt?").
  recipient text,
  subject text,
  -- `sent`, or `skipped` when the user had no address to send to (nothing to retry).
  outcome text NOT NULL CHECK (outcome IN ('sent', 'skipped')),
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_sent_user ON notifications_sent (user_id, sent_at);
