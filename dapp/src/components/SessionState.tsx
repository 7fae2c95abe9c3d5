/** Shown while the session is being read. */
export function SessionLoading() {
  return (
    <p className="muted" role="status">
      Loading your account…
    </p>
  );
}

/** The session could not be read: says what cannot be shown, with a retry. */
export function SessionError({ what, retry }: { what: string; retry: () => void }) {
  return (
    <div className="card" role="alert" data-testid="session-error">
      <p>Boon's server cannot be reached, so {what} cannot be shown. Try again shortly.</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
