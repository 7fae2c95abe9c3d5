-- Double-entry ledger (DESIGN rule 4). The database itself enforces the invariants:
--   * every journal's entries sum to zero per asset (deferred constraint trigger, checked at commit);
--   * a user account's balance never goes below zero (CHECK on its balance row);
--   * entries and journals are append-only (UPDATE / DELETE / TRUNCATE raise);
--   * balance rows change only through entry inserts, so they always equal the sum of entries.
-- Sign convention: balances are credit-positive. What Boon owes (user credits, income) is positive;
-- what Boon holds or is owed (money at Stripe, receivables) is negative.

CREATE TABLE ledger_accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_:.-]{1,100}$'),
  kind text NOT NULL CHECK (kind IN ('user', 'system')),
  user_id uuid REFERENCES users (id),
  asset text NOT NULL CHECK (asset IN ('BOON', 'USD')),
  -- System accounts mirror user balances, so they may be negative; user accounts never are.
  allow_negative boolean NOT NULL,
  -- Busy system accounts spread their balance over several rows so parallel journals do not queue
  -- on one row lock; a read sums at most `shards` rows, still O(1).
  shards smallint NOT NULL DEFAULT 1 CHECK (shards BETWEEN 1 AND 64),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, asset),
  CHECK ((kind = 'user') = (user_id IS NOT NULL)),
  CHECK (kind = 'system' OR (allow_negative = false AND shards = 1))
);
CREATE UNIQUE INDEX ledger_accounts_user_asset ON ledger_accounts (user_id, asset) WHERE kind = 'user';

CREATE TABLE ledger_journals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Idempotency: posting the same key twice yields the first journal, never a second one.
  key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind ~ '^[a-z_.]{1,60}$'),
  memo text NOT NULL DEFAULT '',
  -- The user this journal concerns (for the user's ledger view); null for pure system movements.
  user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  journal_id bigint NOT NULL REFERENCES ledger_journals (id),
  account_id bigint NOT NULL,
  asset text NOT NULL,
  amount numeric(78, 0) NOT NULL CHECK (amount <> 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, asset) REFERENCES ledger_accounts (id, asset)
);
CREATE INDEX ledger_entries_journal ON ledger_entries (journal_id);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id DESC);

CREATE TABLE ledger_balances (
  account_id bigint NOT NULL REFERENCES ledger_accounts (id),
  shard smallint NOT NULL DEFAULT 0,
  balance numeric(78, 0) NOT NULL DEFAULT 0,
  allow_negative boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, shard),
  CONSTRAINT ledger_balance_not_negative CHECK (allow_negative OR balance >= 0)
);

-- Balance rows follow entries in the same transaction (and so stay consistent with them).
CREATE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acct ledger_accounts%ROWTYPE;
  s smallint;
BEGIN
  SELECT * INTO acct FROM ledger_accounts WHERE id = NEW.account_id;
  s := CASE WHEN acct.shards = 1 THEN 0 ELSE floor(random() * acct.shards)::smallint END;
  INSERT INTO ledger_balances AS b (account_id, shard, balance, allow_negative)
  VALUES (NEW.account_id, s, NEW.amount, acct.allow_negative)
  ON CONFLICT (account_id, shard)
  DO UPDATE SET balance = b.balance + EXCLUDED.balance, updated_at = now();
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();

-- Checked at commit, so a journal may be inserted entry by entry inside one transaction.
CREATE FUNCTION ledger_check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT asset, sum(amount) AS total INTO bad FROM ledger_entries
  WHERE journal_id = NEW.journal_id GROUP BY asset HAVING sum(amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal % does not balance: % entries sum to %', NEW.journal_id, bad.asset, bad.total
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_journal_balanced';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_journal_balanced();

CREATE FUNCTION ledger_check_journal_not_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_entries WHERE journal_id = NEW.id) THEN
    RAISE EXCEPTION 'journal % has no entries', NEW.id
      USING ERRCODE = '23514', CONSTRAINT = 'ledger_journal_not_empty';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_journals_not_empty AFTER INSERT ON ledger_journals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_journal_not_empty();

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed (post a correcting journal instead)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = '55000';
END $$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_journals_no_truncate BEFORE TRUNCATE ON ledger_journals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Balance rows may only change from inside ledger_apply_entry (trigger depth > 1).
CREATE FUNCTION ledger_balances_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_balances changes only through ledger entries (%)', TG_OP USING ERRCODE = '55000';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER ledger_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_balances
  FOR EACH ROW EXECUTE FUNCTION ledger_balances_guard();
CREATE TRIGGER ledger_balances_no_truncate BEFORE TRUNCATE ON ledger_balances
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Named system accounts (see backend/README.md, "Ledger").
INSERT INTO ledger_accounts (code, kind, asset, allow_negative, shards, description) VALUES
  ('system:credits_issued', 'system', 'BOON', true, 16,
   'Mirror of all BOON credits held by users (negative = credits outstanding).'),
  ('system:dispute_recovery', 'system', 'BOON', true, 1,
   'Credits clawed back by disputes/refunds that users had already spent (negative = receivable from users).'),
  ('system:transfers', 'system', 'BOON', true, 4,
   'Counterparty for credits leaving or entering the ledger through delivery (on-chain) and manual grants.'),
  ('system:stripe_clearing', 'system', 'USD', true, 16,
   'Card money collected by Stripe for Boon, not yet paid out (negative = held by Stripe for us).'),
  ('system:card_sales', 'system', 'USD', true, 16,
   'Gross card sales of BOON credits (positive = income).'),
  ('system:dispute_losses', 'system', 'USD', true, 1,
   'Card money withdrawn by disputes (negative = loss); reversed when a dispute is won.'),
  ('system:refunds_payable', 'system', 'USD', true, 1,
   'Payments received over the KYC limit, owed back to the card holder until refunded.');
