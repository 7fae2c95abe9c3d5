/** After a gift to X: the ready-made reply the sender posts themselves to tell the recipient. */
export function XReply({ handle, intentUrl }: { handle: string; intentUrl: string }) {
  return (
    <>
      <p>
        The gift waits for <strong>@{handle}</strong> to sign in with X on Boon. Tell them: Boon
        never posts for you.
      </p>
      <p>
        <a
          className="button primary"
          href={intentUrl}
          target="_blank"
          rel="noreferrer"
          data-testid="x-reply"
        >
          Reply on X
        </a>
      </p>
    </>
  );
}
