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

/** After a batch with X recipients: one reply link each (the sender posts them; Boon never does). */
export function XReplies({ replies }: { replies: { handle: string; intentUrl: string }[] }) {
  return (
    <>
      <p>
        The X gifts wait for their accounts to sign in with X on Boon. Tell them: Boon never posts
        for you.
      </p>
      <ul data-testid="x-replies">
        {replies.map((reply) => (
          <li key={reply.intentUrl}>
            <a href={reply.intentUrl} target="_blank" rel="noreferrer">
              Reply to @{reply.handle} on X
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
