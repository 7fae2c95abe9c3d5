-- Idempotency-Key store for money endpoints: same key + same body -> the stored answer;
-- same key + another body -> 409. The row is written in the same transaction as the effect.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  scope text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  response_status smallint NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, scope, key)
);
