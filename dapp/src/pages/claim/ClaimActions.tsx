import { ApiError } from "../../api/backend.ts";
import type { RelayClaim } from "../../api/relay.ts";
import { useAttempt } from "../../app/attempt.ts";
import { RelayClaimStatus } from "./RelayClaimStatus.tsx";
import { relayErrorMessage, useRelayInfo } from "./use-relay-claim.ts";

/** Whether Boon's relayer takes claims now; one that cannot be asked counts as off. */
export function useRelayState(): "checking" | "on" | "off" {
  const info = useRelayInfo();
  if (info.isError || info.data?.enabled === false) return "off";
  return info.data?.enabled ? "on" : "checking";
}

/**
 * Runs a claim the connected wallet sends itself. Wallet and chain errors were already told by the
 * transaction notice; Boon's refusals (an attestation refused) are kept to show.
 */
export function useOwnWalletClaim() {
  return useAttempt((cause) => (cause instanceof ApiError ? relayErrorMessage(cause) : null));
}

type Props = {
  relay: { claim: RelayClaim | null; pending: boolean; error: string | null };
  state: "checking" | "on" | "off";
  /** The gas-free button's words, and whether its destination is ready. */
  label: string;
  ready: boolean;
  onGasFree: () => void;
  /** The fallback the connected wallet pays for; null when it cannot apply. */
  ownWallet: { label: string; busy: boolean; onClick: () => void } | null;
  error: string | null;
  /** What to do when gas-free claims are off. */
  offNote: string;
};

/** The claim buttons: gas-free first (followed to its end), the wallet's own claim as the fallback. */
export function ClaimActions({
  relay,
  state,
  label,
  ready,
  onGasFree,
  ownWallet,
  error,
  offNote,
}: Props) {
  const shown = relay.error ?? error;
  return (
    <>
      {relay.claim ? <RelayClaimStatus claim={relay.claim} /> : null}
      {state !== "off" ? (
        <button
          type="button"
          className="button primary large"
          disabled={!ready || state !== "on" || relay.pending}
          onClick={onGasFree}
        >
          {relay.pending ? "Claiming…" : label}
        </button>
      ) : null}
      <p className="muted small">
        {state === "off" ? offNote : "Free: Boon sends the claim and pays its network fee."}
      </p>
      <p className="field-error" role={shown ? "alert" : undefined}>
        {shown ?? ""}
      </p>
      {ownWallet ? (
        <button
          type="button"
          className={state === "off" ? "button primary large" : "button ghost"}
          disabled={ownWallet.busy || relay.pending}
          onClick={ownWallet.onClick}
        >
          {ownWallet.label}
        </button>
      ) : null}
    </>
  );
}
