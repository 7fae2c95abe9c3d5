import { useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchVerifications, type Limits, startVerification } from "../../api/money.ts";
import { useServices } from "../../app/services.tsx";

const nextTier = { BASIC: "STANDARD", STANDARD: "PREMIUM", PREMIUM: null } as const;

type Attempt = (action: () => Promise<unknown>) => Promise<void>;

/** Identity verification: the one in progress, or how to reach the next tier. */
export function VerificationCard({
  tier,
  busy,
  attempt,
}: {
  tier: Limits["tier"] | undefined;
  busy: boolean;
  attempt: Attempt;
}) {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const verifications = useQuery({
    queryKey: ["verifications"],
    queryFn: () => fetchVerifications(backend),
  });
  const upgrade = tier ? nextTier[tier] : null;
  const open = verifications.data?.items.find(
    (v) => v.status === "requires_input" || v.status === "processing",
  );
  const start = (target: NonNullable<typeof upgrade>) =>
    attempt(async () => {
      const started = await startVerification(backend, target);
      await queryClient.invalidateQueries({ queryKey: ["verifications"] });
      if (started.url) window.location.assign(started.url);
    });
  return (
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
            onClick={() => void start(upgrade)}
          >
            Verify for {upgrade}
          </button>
        </>
      ) : tier === undefined ? (
        <p className="muted">Loading your tier…</p>
      ) : (
        <p>You have the highest tier.</p>
      )}
    </div>
  );
}
