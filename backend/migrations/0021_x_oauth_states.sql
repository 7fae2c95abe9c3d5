-- X OAuth 2.0 authorization requests in flight (src/social/): the `state` and PKCE verifier of each,
-- bound to the browser that started it and, for linking, to its signed-in session.
CREATE TABLE x_oauth_states (
  -- SHA-256 of the 256-bit random `state` sent to X; the state itself is never stored.
  state_hash bytea PRIMARY KEY CHECK (length(state_hash) = 32),
  purpose text NOT NULL CHECK (purpose IN ('link', 'sign_in')),
  -- Linking: the session (and its user) that started it; the callback must come from it.
  session_id uuid REFERENCES sessions (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  -- SHA-256 of the httpOnly cookie set on the browser that started the flow.
  browser_hash bytea NOT NULL CHECK (length(browser_hash) = 32),
  -- The PKCE code verifier, AES-256-GCM under `key_id`.
  code_verifier_enc bytea NOT NULL,
  key_id text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
  -- The dApp path the browser returns to.
  redirect_to text NOT NULL CHECK (redirect_to ~ '^/' AND length(redirect_to) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Single use: spent by one conditional UPDATE.
  used_at timestamptz,
  CHECK ((purpose = 'link') = (session_id IS NOT NULL AND user_id IS NOT NULL))
);
CREATE INDEX x_oauth_states_expires_idx ON x_oauth_states (expires_at);
