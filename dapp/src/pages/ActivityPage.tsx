import { useConnection } from "wagmi";
import { Link } from "../app/router.tsx";
import { useSession } from "../app/session.ts";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { OpenLinks } from "../components/OpenLinks.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { SessionError, SessionLoading } from "../components/SessionState.tsx";
import { ActivityFeed } from "./activity/ActivityFeed.tsx";

/** Neither a session nor a wallet: what would show here, and the two ways in. */
function SignedOut() {
  return (
    <div className="card prompt" data-testid="signed-out">
      <h2>Sign in to see your activity</h2>
      <p className="muted">
        Your purchases, gifts and withdrawals appear here once you{" "}
        <Link href="/account">sign in on Account</Link>. Or connect a wallet to see its gifts.
      </p>
    </div>
  );
}

/** A wallet without a session: its gifts show; the account's money shows once signed in. */
function SignInHint() {
  return (
    <p className="muted sign-in-hint" data-testid="sign-in-hint">
      Showing this wallet's gifts. <Link href="/account">Sign in</Link> to see your purchases and
      credits here too.
    </p>
  );
}

/**
 * Every user's activity in one list: a signed-in user (card users too) sees Boon's record of their
 * money, a connected wallet adds its gifts from the chain, merged. Open claim links are a to-do, so
 * they stay apart, above. Loading, failure, empty and signed-out each say so.
 */
export default function ActivityPage() {
  const { address } = useConnection();
  const session = useSession();
  const signedIn = Boolean(session.data);
  return (
    <section className="page">
      <PageIntro page="activity" />
      {session.isPending ? (
        <SessionLoading />
      ) : (
        <>
          {session.isError ? (
            <SessionError what="your account activity" retry={() => void session.refetch()} />
          ) : null}
          {address ? <OpenLinks sender={address} /> : null}
          {signedIn || address ? (
            <ActivityFeed
              signedIn={signedIn}
              address={address}
              hint={signedIn || session.isError ? null : <SignInHint />}
            />
          ) : (
            <>
              {session.isError ? null : <SignedOut />}
              <ConnectPrompt
                title="Sent gifts from a wallet?"
                text="Connect it to see every gift it sent, received and claimed, from the chain."
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
