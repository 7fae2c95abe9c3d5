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
import { ClaimActions, useOwnWalletClaim, useRelayState } from "./ClaimActions.tsx";
import { type Destination, DestinationPicker, NewWallet } from "./DestinationPicker.tsx";
import type { ClaimedSummary } from "./RelayClaimStatus.tsx";
import { useRelayClaim, useRelayInfo } from "./use-relay-claim.ts";

type Props = {
  row: GiftRow & { giftId: bigint };
  privateKey: Hex;
  /** Told once the claim confirmed (the page keeps saying so when the gift then shows claimed). */
  onClaimed: (claim: ClaimedSummary) => void;
};

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

const OFF_WALLET =
  "Gas-free claims are off right now: your wallet sends the claim and pays its fee.";
const OFF_CREDITS =
  "Gas-free claims are off right now, and claims into credits with them: connect a wallet to claim.";

function gasFreeLabel(destination: Destination | null, to: Address | null): string {
  if (destination?.kind === "credits") return "Claim into my credits";
  return to ? `Claim to ${shortAddress(to)}` : "Claim";
}

/**
 * Claims an open link gift: gas-free by default (the link key signs LinkClaim(gift, to) here in the
 * browser and Boon's relayer sends it), into a wallet or the signed-in user's credits; the
 * connected wallet can still send the claim itself and pay the fee.
 */
export function LinkClaim({ row, privateKey, onClaimed }: Props) {
  const { config } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  const { address } = useConnection();
  const session = useSession();
  const custody = useRelayInfo().data?.custodyAddress;
  const state = useRelayState();
  const own = useOwnWalletClaim();
  const [chosen, setDestination] = useState<Destination | null>(null);
  const [error, setError] = useState<string | null>(null);
  const destination: Destination | null = chosen ?? (address ? { kind: "wallet", address } : null);
  const settled = useCallback(
    (claim: RelayClaim) => {
      if (claim.status !== "confirmed") return;
      onClaimed(claim);
      void queryClient.invalidateQueries({ queryKey: ["gift"] });
    },
    [queryClient, onClaimed],
  );
  const relay = useRelayClaim(settled);
  const to: Address | null =
    destination?.kind === "wallet"
      ? destination.address
      : destination?.kind === "credits" && session.data && custody
        ? custody
        : null;

  async function claimGasFree(recipient: Address) {
    const compact = await signLinkClaim(config, privateKey, row.giftId, recipient);
    const signature = serializeSignature(compactSignatureToSignature(compact));
    relay.submit({ kind: "link", giftId: row.giftId, to: recipient, signature });
  }

  const claimWithWallet = (wallet: Address) =>
    own.attempt(async () => {
      const signature = await signLinkClaim(config, privateKey, row.giftId, wallet);
      await run("Claiming the gift", () => claimLink(wagmi, config, row, wallet, signature));
      onClaimed({
        amount: row.amount,
        destination: "wallet",
        to: wallet,
        giftIds: [row.giftId.toString()],
      });
      await queryClient.invalidateQueries();
    });

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
      <ClaimActions
        relay={relay}
        state={state}
        ready={to !== null}
        label={gasFreeLabel(destination, to)}
        onGasFree={() => to && void claimGasFree(to).catch((e: Error) => setError(e.message))}
        error={own.error ?? error}
        offNote={destination?.kind === "wallet" ? OFF_WALLET : OFF_CREDITS}
        ownWallet={
          destination?.kind === "wallet" && address
            ? {
                label:
                  state === "off"
                    ? `Claim to ${shortAddress(address)}`
                    : "Claim with my own wallet (I pay the fee)",
                busy: own.busy,
                onClick: () => void claimWithWallet(destination.address),
              }
            : null
        }
      />
    </div>
  );
}
