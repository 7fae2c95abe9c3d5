-- Linked X accounts (src/social/): one row per X account linked to a Boon user, keyed by X's
-- immutable numeric user id, never the handle (handles change and pass to other people).
CREATE TABLE x_accounts (
  x_user_id text PRIMARY KEY CHECK (x_user_id ~ '^[1-9][0-9]{0,19}$'),
  -- One X account per user and one user per X account: relinking to another user is refused until
  -- the first one unlinks (the row is deleted).
  user_id uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  -- socialId("x", x_user_id) (contracts/README.md), lower-case hex: what social gifts name on chain.
  social_id text NOT NULL UNIQUE CHECK (social_id ~ '^0x[0-9a-f]{64}$'),
  handle text NOT NULL CHECK (handle ~ '^[A-Za-z0-9_]{1,15}$'),
  name text NOT NULL CHECK (length(name) <= 100),
  -- When X last told us the handle and name (sign-in, link, profile sync, a lookup by handle).
  handle_seen_at timestamptz NOT NULL DEFAULT now(),
  -- OAuth tokens, AES-256-GCM (iv || tag || ciphertext) under the key `token_key_id` names; the
  -- refresh token is single-use at X and rotates on every refresh (serialised by this row's lock).
  access_token_enc bytea,
  refresh_token_enc bytea,
  token_key_id text CHECK (token_key_id ~ '^[0-9a-f]{16}$'),
  access_expires_at timestamptz,
  scope text NOT NULL DEFAULT '',
  -- Set when X refused the refresh token: the user must sign in with X again to renew the grant.
  relink_required_at timestamptz,
  linked_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every handle (and name) an X account was seen with, for display history and support: "who was
-- @alice on that day". Kept after unlinking.
CREATE TABLE x_handle_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  x_user_id text NOT NULL CHECK (x_user_id ~ '^[1-9][0-9]{0,19}$'),
  handle text NOT NULL CHECK (handle ~ '^[A-Za-z0-9_]{1,15}$'),
  name text NOT NULL CHECK (length(name) <= 100),
  seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX x_handle_history_user_idx ON x_handle_history (x_user_id, seen_at);
CREATE INDEX x_handle_history_handle_idx ON x_handle_history (lower(handle), seen_at);

-- Sessions started by signing in with X.
ALTER TABLE sessions DROP CONSTRAINT sessions_method_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_method_check
  CHECK (method IN ('siwe', 'email', 'x', 'test'));
