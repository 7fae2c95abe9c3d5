import type { RelayClaim } from "../../api/relay.ts";
import { Link } from "../../app/router.tsx";
import { formatBoon } from "../../lib/amount.ts";
import { shortAddress } from "../../lib/format.ts";

const progress: Record<RelayClaim["status"], string> = {
  queued: "Queued: Boon is about to send your claim.",
  submitted: "Sent to the network; waiting for it to confirm.",
  confirmed: "Confirmed.",
  failed: "Failed.",
};

/** What a confirmed claim paid, and where. */
export type ClaimedSummary = Pick<RelayClaim, "amount" | "destination" | "to" | "giftIds">;

export function ClaimedBox({ claim }: { claim: ClaimedSummary }) {
  return (
    <div className="success-box" role="status" data-testid="claimed">
      <strong>Claimed.</strong> {formatBoon(claim.amount)} BOON{" "}
      {claim.destination === "credits" ? (
        <>
          are in your Boon credits. <Link href="/account">See your balance</Link>
        </>
      ) : (
        <>
          are in <span className="mono">{shortAddress(claim.to)}</span>.{" "}
          <Link href="/">See your balance</Link>
        </>
      )}
    </div>
  );
}

/** Where a gas-free claim stands, and where the tokens went once it confirmed. */
export function RelayClaimStatus({ claim }: { claim: RelayClaim }) {
  if (claim.status === "confirmed") return <ClaimedBox claim={claim} />;
  if (claim.status === "failed") {
    return (
      <p className="field-error" role="alert" data-testid="relay-claim-status">
        The claim failed: {claim.error?.message ?? "the network refused it"}. Nothing was taken from
        the gift; you can try again.
      </p>
    );
  }
  return (
    <p role="status" aria-busy="true" data-testid="relay-claim-status">
      {progress[claim.status]}
    </p>
  );
}
