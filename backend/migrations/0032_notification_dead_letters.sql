-- Notifications that could not be sent (src/notifications/dead-letters.*). A send that fails for
-- good (SMTP 5xx, a bad address, an email that cannot be composed), or keeps failing past the
-- attempt cap, becomes an `open` dead letter and its consumer moves on: one bad address never
-- holds back everyone's emails. Operators list and retry them (GET/POST
-- /v1/admin/notifications/dead-letters); nothing retries an open one automatically.
CREATE TABLE notification_dead_letters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The notifications_sent key it would have had: one row per key (a replay finds it).
  key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 300),
  notification text NOT NULL CHECK (notification ~ '^[a-z_]{1,60}$'),
  -- The event that called for it (events.seq; no foreign key: events is append-only, and a
  -- reference would change how TRUNCATE on it is refused), and whose email it was.
  event_seq bigint NOT NULL,
  user_id uuid REFERENCES users (id),
  -- `retrying`: failed transiently, its consumer still retries (the row counts the attempts and is
  -- deleted once sent); `open`: dead-lettered, waits for an operator; `sent`/`skipped`: an
  -- operator's retry sent it, or found no one to send it to.
  status text NOT NULL CHECK (status IN ('retrying', 'open', 'sent', 'skipped')),
  -- The last failure, in words (the SMTP reply, the compose error).
  reason text NOT NULL,
  attempts integer NOT NULL CHECK (attempts >= 1),
  first_failed_at timestamptz NOT NULL DEFAULT now(),
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  retried_at timestamptz,
  retried_by uuid REFERENCES users (id)
);
CREATE INDEX notification_dead_letters_status ON notification_dead_letters (status, first_failed_at);
