import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { type Address, compactSignatureToSignature, type Hex, serializeSignature } from "viem";
import { useConfig, useConnection } from "wagmi";
import type { GiftRow } from "../../api/gift-row.ts";
import type { RelayClaim } from "../../api/relay.ts";
import { useServices } from "../../app/services.tsx";
import { useSession } from "../../app/session.ts";
import { ConnectPrompt } from "../../components/ConnectPrompt.tsx";
import { SignIn } from "../../components/SignIn.tsx";
import { shortAddress } from "../../lib/format.ts";
import { useTransaction } from "../../tx/use-transaction.ts";
import { claimLink, signLinkClaim } from "../../wallet/gift-actions.ts";
import type { WagmiConfig } from "../../wallet/wagmi.ts";
import { type Destination, DestinationPicker, NewWallet } from "./DestinationPicker.tsx";
import { ClaimedBox, type ClaimedSummary, RelayClaimStatus } from "./RelayClaimStatus.tsx";
import { useRelayClaim, useRelayInfo } from "./use-relay-claim.ts";

type Props = { row: GiftRow & { giftId: bigint }; privateKey: Hex };

/** What the destination needs before a claim can go: a wallet, a sign-in, a new wallet. */
function DestinationDetail({
  destination,
  onCreated,
}: {
  destination: Destination | null;
  onCreated: (address: Address) => void;
}) {
  const session = useSession();
  if (destination?.kind === "new-wallet") return <NewWallet onCreated={onCreated} />;
  if (destination?.kind === "credits" && !session.data) return <SignIn />;
  if (destination === null)
    return (
      <ConnectPrompt
        title="Connect a wallet"
        text="Or choose a new wallet or Boon credits above."
      />
    );
  return null;
}

/**
 * Claims an open link gift: gas-free by default (the link key signs LinkClaim(gift, to) here in the
 * browser and Boon's relayer sends it), into a wallet or the signed-in user's credits; the
 * connected wallet can still send the claim itself and pay the fee.
 */
export function LinkClaim({ row, privateKey }: Props) {
  const { config } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  const { address } = useConnection();
  const session = useSession();
  const relayInfo = useRelayInfo();
  const [chosen, setDestination] = useState<Destination | null>(null);
  const [claimed, setClaimed] = useState<ClaimedSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const destination: Destination | null = chosen ?? (address ? { kind: "wallet", address } : null);
  const settled = useCallback(
    (claim: RelayClaim) => {
      if (claim.status !== "confirmed") return;
      setClaimed(claim);
      void queryClient.invalidateQueries({ queryKey: ["gift"] });
    },
    [queryClient],
  );
  const relay = useRelayClaim(settled);
  const custody = relayInfo.data?.custodyAddress;
  const to: Address | null =
    destination?.kind === "wallet"
      ? destination.address
      : destination?.kind === "credits" && session.data && custody
        ? custody
        : null;
  const relayOn = relayInfo.data?.enabled === true;
  // A relayer that cannot be asked counts as off: the wallet claim is then the way.
  const relayOff = relayInfo.isError || relayInfo.data?.enabled === false;

  async function claimGasFree() {
    if (!to) return;
    setError(null);
    const compact = await signLinkClaim(config, privateKey, row.giftId, to);
    const signature = serializeSignature(compactSignatureToSignature(compact));
    relay.submit({ kind: "link", giftId: row.giftId, to, signature });
  }

  async function claimWithWallet() {
    if (destination?.kind !== "wallet") return;
    setPaying(true);
    try {
      const signature = await signLinkClaim(config, privateKey, row.giftId, destination.address);
      await run("Claiming the gift", () =>
        claimLink(wagmi, config, row, destination.address, signature),
      );
      setClaimed({
        amount: row.amount,
        destination: "wallet",
        to: destination.address,
        giftIds: [row.giftId.toString()],
      });
      await queryClient.invalidateQueries();
    } catch {
      // The transaction notice explains what happened.
    } finally {
      setPaying(false);
    }
  }

  if (claimed) return <ClaimedBox claim={claimed} />;
  return (
    <div className="stack">
      <DestinationPicker
        legend="Where should the BOON go?"
        wallets={address ? [address] : []}
        value={destination}
        onChange={setDestination}
        detail={
          <DestinationDetail
            destination={destination}
            onCreated={(created) => setDestination({ kind: "wallet", address: created })}
          />
        }
      />
      {relay.claim ? <RelayClaimStatus claim={relay.claim} /> : null}
      {!relayOff ? (
        <button
          type="button"
          className="button primary large"
          disabled={!to || !relayOn || relay.pending}
          onClick={() => void claimGasFree().catch((e: Error) => setError(e.message))}
        >
          {relay.pending
            ? "Claiming…"
            : destination?.kind === "credits"
              ? "Claim into my credits"
              : to
                ? `Claim to ${shortAddress(to)}`
                : "Claim"}
        </button>
      ) : null}
      <p className="muted small">
        {relayOn
          ? "Free: Boon sends the claim and pays its network fee."
          : relayOff
            ? destination?.kind === "wallet"
              ? "Gas-free claims are off right now: your wallet sends the claim and pays its fee."
              : "Gas-free claims are off right now, and claims into credits with them: connect a wallet to claim."
            : ""}
      </p>
      <p className="field-error" role={relay.error || error ? "alert" : undefined}>
        {relay.error ?? error ?? ""}
      </p>
      {destination?.kind === "wallet" && address ? (
        <button
          type="button"
          className={relayOff ? "button primary large" : "button ghost"}
          disabled={paying || relay.pending}
          onClick={() => void claimWithWallet()}
        >
          {relayOff
            ? `Claim to ${shortAddress(address)}`
            : "Claim with my own wallet (I pay the fee)"}
        </button>
      ) : null}
    </div>
  );
}
