-- Domain events (backend/README.md, "Domain events"): one append-only stream of the things that
-- happened, written in the same transaction as the change each one reports.
--
-- Order. A consumer must never skip an event, so it cannot read `seq > cursor`: sequence numbers are
-- taken at insert, and a transaction holding seq 5 may commit after another one committed seq 6.
-- Every row records the id of the transaction that wrote it (`xid`, 64-bit, never wraps), and
-- consumers read only rows whose transaction is older than every transaction still running
-- (`xid < pg_snapshot_xmin(pg_current_snapshot())`): those transactions have all ended, so no row
-- can appear later below that line. The stream's order is (xid, seq); a consumer's cursor is that
-- pair. No lock is shared between writers.
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  type text NOT NULL CHECK (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject_type text NOT NULL CHECK (subject_type ~ '^[a-z_]{1,40}$'),
  subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
  -- The user the event belongs to (each user sees only their own); null for system facts.
  user_id uuid REFERENCES users (id),
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- Facts ingested from outside (the chain, through the indexer) carry a key so that reading them
  -- again records nothing.
  dedupe_key text UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 300)
);
CREATE INDEX events_position ON events (xid, seq);
CREATE INDEX events_user ON events (user_id, xid, seq) WHERE user_id IS NOT NULL;
CREATE INDEX events_subject ON events (subject_type, subject_id, seq);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

-- Where each named consumer has read up to, and which process holds it (a lease, so one process at
-- a time runs a consumer without holding a connection or a transaction open).
CREATE TABLE event_consumers (
  name text PRIMARY KEY CHECK (name ~ '^[a-z0-9_.:-]{1,100}$'),
  position_xid xid8 NOT NULL DEFAULT '0',
  position_seq bigint NOT NULL DEFAULT 0,
  owner text,
  lease_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- On-chain facts are matched to users by wallet; the indexer writes addresses in lower case.
CREATE INDEX wallets_address_lower ON wallets (lower(address));
