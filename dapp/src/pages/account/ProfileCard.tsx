import type { Address } from "viem";
import { useSignMessage } from "wagmi";
import { type Profile, useAuthActions } from "../../app/session.ts";
import { shortAddress } from "../../lib/format.ts";

type Attempt = (action: () => Promise<unknown>) => Promise<void>;

/** Sign-in details: email, linked wallets (and linking the connected one), sign out. */
export function ProfileCard({
  profile,
  address,
  busy,
  attempt,
}: {
  profile: Profile;
  address: Address | undefined;
  busy: boolean;
  attempt: Attempt;
}) {
  const { mutateAsync: signMessage } = useSignMessage();
  const { signInWithEthereum, signOut } = useAuthActions();
  const linked = profile.wallets.some(
    (w) => address && w.address.toLowerCase() === address.toLowerCase(),
  );
  return (
    <div className="card">
      <div className="section-head">
        <h2>Profile</h2>
        <button type="button" className="button ghost small" onClick={() => void attempt(signOut)}>
          Sign out
        </button>
      </div>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{profile.email ?? <span className="muted">None</span>}</dd>
        <dt>Wallets</dt>
        <dd>
          {profile.wallets.length === 0 ? <span className="muted">None linked</span> : null}
          <ul className="plain">
            {profile.wallets.map((w) => (
              <li key={w.address} className="mono" title={w.address}>
                {shortAddress(w.address)}
              </li>
            ))}
          </ul>
          {address && !linked ? (
            <button
              type="button"
              className="button small"
              disabled={busy}
              onClick={() =>
                void attempt(() =>
                  signInWithEthereum(address, (m) => signMessage({ message: m }), true),
                )
              }
            >
              Link {shortAddress(address)}
            </button>
          ) : null}
        </dd>
      </dl>
    </div>
  );
}
