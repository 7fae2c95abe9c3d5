import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { ApiError } from "../api/backend.ts";
import { fetchVerifications, startVerification } from "../api/money.ts";
import { useLimits } from "../app/data.ts";
import { useServices } from "../app/services.tsx";
import { useAuthActions, useSession } from "../app/session.ts";
import { Deliveries } from "../components/DeliveryList.tsx";
import { LimitsCard } from "../components/LimitsCard.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { SignIn } from "../components/SignIn.tsx";
import { WithdrawCard } from "../components/WithdrawCard.tsx";
import { describeError } from "../lib/contract-errors.ts";
import { shortAddress } from "../lib/format.ts";

const nextTier = { BASIC: "STANDARD", STANDARD: "PREMIUM", PREMIUM: null } as const;

export default function AccountPage() {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const session = useSession();
  const limits = useLimits();
  const { address } = useConnection();
  const { mutateAsync: signMessage } = useSignMessage();
  const { signInWithEthereum, signOut } = useAuthActions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verifications = useQuery({
    queryKey: ["verifications"],
    queryFn: () => fetchVerifications(backend),
    enabled: Boolean(session.data),
  });

  async function attempt(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : describeError(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (session.isLoading) {
    return (
      <section className="page narrow" aria-busy="true">
        <PageIntro page="account" />
      </section>
    );
  }
  const profile = session.data;
  if (!profile) {
    return (
      <section className="page narrow">
        <PageIntro page="account" />
        <SignIn />
      </section>
    );
  }
  const linked = profile.wallets.some(
    (w) => address && w.address.toLowerCase() === address.toLowerCase(),
  );
  const upgrade = limits.data ? nextTier[limits.data.tier] : null;
  const open = verifications.data?.items.find(
    (v) => v.status === "requires_input" || v.status === "processing",
  );

  return (
    <section className="page narrow">
      <PageIntro page="account" />
      <div className="card">
        <div className="section-head">
          <h2>Profile</h2>
          <button
            type="button"
            className="button ghost small"
            onClick={() => void attempt(signOut)}
          >
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
          <dt>Role</dt>
          <dd>{profile.role}</dd>
        </dl>
      </div>
      {limits.data ? <LimitsCard limits={limits.data} /> : null}
      <WithdrawCard wallets={profile.wallets.map((w) => w.address)} preferred={address} />
      <div className="card">
        <h2>Verification</h2>
        {open ? (
          <p>
            A verification for {open.targetTier} is{" "}
            {open.status === "processing" ? "being checked" : "waiting for you"}.{" "}
            {open.url ? <a href={open.url}>Continue verification</a> : null}
          </p>
        ) : upgrade ? (
          <>
            <p>Verify your identity to raise your card limit to the {upgrade} tier.</p>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() =>
                void attempt(async () => {
                  const started = await startVerification(backend, upgrade);
                  await queryClient.invalidateQueries({ queryKey: ["verifications"] });
                  if (started.url) window.location.assign(started.url);
                })
              }
            >
              Verify for {upgrade}
            </button>
          </>
        ) : (
          <p>You have the highest tier.</p>
        )}
      </div>
      <p className="field-error" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
      <Deliveries />
    </section>
  );
}
