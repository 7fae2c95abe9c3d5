import { useConnection } from "wagmi";
import { useAttempt } from "../app/attempt.ts";
import { useLimits } from "../app/data.ts";
import { type Profile, useSession } from "../app/session.ts";
import { Deliveries } from "../components/DeliveryList.tsx";
import { LimitsCard } from "../components/LimitsCard.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { SignIn } from "../components/SignIn.tsx";
import { WithdrawCard } from "../components/WithdrawCard.tsx";
import { ProfileCard } from "./account/ProfileCard.tsx";
import { VerificationCard } from "./account/VerificationCard.tsx";

function SignedIn({ profile }: { profile: Profile }) {
  const limits = useLimits();
  const { address } = useConnection();
  const { error, busy, attempt } = useAttempt();
  return (
    <>
      <ProfileCard profile={profile} address={address} busy={busy} attempt={attempt} />
      {limits.data ? (
        <LimitsCard limits={limits.data} />
      ) : limits.isError ? (
        <p className="field-error">Your card limit cannot be loaded right now.</p>
      ) : null}
      <WithdrawCard wallets={profile.wallets.map((w) => w.address)} preferred={address} />
      <VerificationCard tier={limits.data?.tier} busy={busy} attempt={attempt} />
      <p className="field-error" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
      <Deliveries />
    </>
  );
}

/** The session's state: loading, server unreachable, signed out (sign in), or the account. */
function AccountBody() {
  const session = useSession();
  if (session.isPending)
    return (
      <p className="muted" role="status">
        Loading your account…
      </p>
    );
  if (session.isError)
    return (
      <div className="card" role="alert">
        <h2>Your account cannot be loaded</h2>
        <p>Boon's server is not answering right now. Your sign-in is kept; try again soon.</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          Try again
        </button>
      </div>
    );
  return session.data ? <SignedIn profile={session.data} /> : <SignIn />;
}

export default function AccountPage() {
  return (
    <section className="page narrow">
      <PageIntro page="account" />
      <AccountBody />
    </section>
  );
}
