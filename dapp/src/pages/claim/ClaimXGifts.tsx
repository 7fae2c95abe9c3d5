import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Address } from "viem";
import { useConfig, useConnection, useSignMessage } from "wagmi";
import type { RelayClaim } from "../../api/relay.ts";
import { type OpenXGift, requestAttestation } from "../../api/x.ts";
import { useServices } from "../../app/services.tsx";
import { useAuthActions } from "../../app/session.ts";
import { formatBoon } from "../../lib/amount.ts";
import { describeError } from "../../lib/contract-errors.ts";
import { shortAddress } from "../../lib/format.ts";
import { useTransaction } from "../../tx/use-transaction.ts";
import { claimSocialBatch } from "../../wallet/social-actions.ts";
import type { WagmiConfig } from "../../wallet/wagmi.ts";
import { ClaimActions, useOwnWalletClaim, useRelayState } from "./ClaimActions.tsx";
import { type Destination, DestinationPicker, NewWallet } from "./DestinationPicker.tsx";
import type { ClaimedSummary } from "./RelayClaimStatus.tsx";
import { useRelayClaim } from "./use-relay-claim.ts";

type Props = {
  gifts: OpenXGift[];
  provenWallets: Address[];
  onClaimed: (claim: ClaimedSummary) => void;
};

/** Proves the connected wallet (SIWE link) so the verifier may attest claims paying it. */
function ProveWallet({ address }: { address: Address }) {
  const { signInWithEthereum } = useAuthActions();
  const { mutateAsync: signMessage } = useSignMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prove = () => {
    setBusy(true);
    setError(null);
    signInWithEthereum(address, (message) => signMessage({ message }), true)
      .catch((e: unknown) => setError(e instanceof Error ? describeError(e).message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="stack">
      <button type="button" className="button" disabled={busy} onClick={prove}>
        Prove you own {shortAddress(address)}
      </button>
      <p className="muted small">
        Your wallet signs a message (no fee). Only wallets you proved can receive X gifts.
      </p>
      <p className="field-error" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
    </div>
  );
}

/** Where the gifts go, then one gas-free claim of them all (or the wallet pays, as a fallback). */
export function ClaimXGifts({ gifts, provenWallets, onClaimed }: Props) {
  const { config, backend } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  const { address } = useConnection();
  const state = useRelayState();
  const own = useOwnWalletClaim();
  const [chosen, setDestination] = useState<Destination | null>(null);
  const [created, setCreated] = useState<Address | null>(null);
  const isProven = (wallet: Address) =>
    provenWallets.some((w) => w.toLowerCase() === wallet.toLowerCase());
  // A wallet made here counts once it is proven (its first signature, below).
  const destination: Destination | null =
    chosen?.kind === "new-wallet" && created && isProven(created)
      ? { kind: "wallet", address: created }
      : (chosen ?? (provenWallets[0] ? { kind: "wallet", address: provenWallets[0] } : null));
  const settled = useCallback(
    (claim: RelayClaim) => {
      if (claim.status === "confirmed") onClaimed(claim);
    },
    [onClaimed],
  );
  const relay = useRelayClaim(settled);
  const total = gifts.reduce((sum, gift) => sum + gift.amount, 0n);
  const connectedUnproven = address && !isProven(address) ? address : null;

  function claimGasFree() {
    if (destination?.kind === "wallet")
      relay.submit({ kind: "social", to: { wallet: destination.address } });
    else if (destination?.kind === "credits")
      relay.submit({ kind: "social", to: { credits: true } });
  }

  const claimWithWallet = (wallet: Address) =>
    own.attempt(async () => {
      const ids = gifts.map((gift) => gift.giftId);
      const attestation = await requestAttestation(backend, wallet, ids);
      await run("Claiming your X gifts", () => claimSocialBatch(wagmi, config, gifts, attestation));
      await queryClient.invalidateQueries();
      onClaimed({ amount: total, destination: "wallet", to: wallet, giftIds: ids });
    });

  const detail = (
    <>
      {provenWallets.length === 0 && !address ? (
        <p className="muted small">Have a wallet? Connect it, then prove it is yours.</p>
      ) : null}
      {destination?.kind === "new-wallet" ? <NewWallet onCreated={setCreated} /> : null}
      {connectedUnproven && (destination?.kind !== "new-wallet" || created) ? (
        <ProveWallet address={connectedUnproven} />
      ) : null}
    </>
  );
  return (
    <div className="stack">
      <DestinationPicker
        legend="Where should the BOON go?"
        wallets={provenWallets}
        value={destination}
        onChange={setDestination}
        detail={detail}
      />
      <ClaimActions
        relay={relay}
        state={state}
        ready={destination?.kind === "wallet" || destination?.kind === "credits"}
        label={`Claim all ${formatBoon(total)} BOON gas-free`}
        onGasFree={claimGasFree}
        error={own.error}
        offNote="Gas-free claims are off right now: claim with your wallet, which pays the fee."
        ownWallet={
          destination?.kind === "wallet" && address
            ? {
                label: "Claim with my own wallet instead",
                busy: own.busy,
                onClick: () => void claimWithWallet(destination.address),
              }
            : null
        }
      />
    </div>
  );
}
