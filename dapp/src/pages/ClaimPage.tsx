import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { type Address, getAddress, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { useConfig, useConnection } from "wagmi";
import { fetchGift, fetchLinkGift, indexerClient } from "../api/indexer.ts";
import { Link } from "../app/router.tsx";
import { useServices } from "../app/services.tsx";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { formatBoon } from "../lib/amount.ts";
import { parseClaimLink } from "../lib/claim-link.ts";
import { contextPostUrl } from "../lib/context.ts";
import { formatTime, relativeTime, shortAddress } from "../lib/format.ts";
import { useTransaction } from "../tx/use-transaction.ts";
import { claimLink, signLinkClaim } from "../wallet/gift-actions.ts";
import type { WagmiConfig } from "../wallet/wagmi.ts";

function NewWallet({
  onCreate,
}: {
  onCreate: (wallet: { address: Address; privateKey: Hex }) => void;
}) {
  return (
    <button
      type="button"
      className="button ghost"
      onClick={() => {
        const privateKey = generatePrivateKey();
        onCreate({ privateKey, address: privateKeyToAccount(privateKey).address });
      }}
    >
      Claim to a new wallet instead
    </button>
  );
}

export default function ClaimPage() {
  const { config } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  const { address } = useConnection();
  const parsed = useMemo(() => parseClaimLink(window.location.hash), []);
  const [created, setCreated] = useState<{ address: Address; privateKey: Hex } | null>(null);
  const [busy, setBusy] = useState(false);
  const [claimedTo, setClaimedTo] = useState<Address | null>(null);

  const link = parsed.ok ? parsed.link : null;
  const gift = useQuery({
    queryKey: ["gift", link?.giftId?.toString(), link?.linkKey],
    queryFn: () =>
      link?.giftId != null
        ? fetchGift(indexerClient(config.indexerUrl), link.giftId)
        : fetchLinkGift(indexerClient(config.indexerUrl), link?.linkKey as Address),
    enabled: link !== null,
    // A gift sent seconds ago may not be indexed yet: keep asking until it is.
    refetchInterval: (query) => (query.state.data ? false : 1_000),
  });

  if (!parsed.ok) {
    return (
      <section className="page narrow">
        <PageIntro page="claim" />
        <div className="card" role="alert">
          <p>{parsed.message}</p>
        </div>
      </section>
    );
  }
  const row = gift.data;
  const recipient = created?.address ?? address;
  const expired =
    row?.expiry !== null && row?.expiry !== undefined && Number(row.expiry) <= Date.now() / 1000;
  const wrongKey =
    row && row.kind === "link" && row.recipient.toLowerCase() !== parsed.link.linkKey.toLowerCase();

  async function claim() {
    if (!row || row.giftId === null || !recipient) return;
    setBusy(true);
    try {
      const signature = await signLinkClaim(
        config,
        parsed.ok ? parsed.link.privateKey : "0x",
        row.giftId,
        recipient,
      );
      await run("Claiming the gift", () => claimLink(wagmi, config, row, recipient, signature));
      setClaimedTo(recipient);
      await queryClient.invalidateQueries();
    } catch {
      // The notice explains what happened.
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <PageIntro page="claim" />
      {!row ? (
        <div className="card" aria-busy="true">
          <p>{gift.isError ? (gift.error as Error).message : "Looking up the gift…"}</p>
        </div>
      ) : (
        <div className="card gift-card">
          <p className="gift-card-amount" data-testid="claim-amount">
            {formatBoon(row.amount)} <span className="unit">BOON</span>
          </p>
          <p className="muted">
            From <span className="mono">{shortAddress(getAddress(row.sender))}</span> · sent{" "}
            {formatTime(row.sentTimestamp)}
          </p>
          {row.message ? <blockquote className="gift-message">“{row.message}”</blockquote> : null}
          {contextPostUrl(row.context) ? (
            <p>
              <a href={contextPostUrl(row.context) ?? undefined} target="_blank" rel="noreferrer">
                The X post this gift answers
              </a>
            </p>
          ) : null}
          {claimedTo || row.status === "claimed" ? (
            <div className="success-box" role="status">
              <strong>Claimed.</strong>{" "}
              {claimedTo ? (
                <>
                  The BOON is in <span className="mono">{shortAddress(claimedTo)}</span>.{" "}
                  <Link href="/">See your balance</Link>
                </>
              ) : (
                "This gift has already been claimed."
              )}
            </div>
          ) : row.status === "refunded" ? (
            <p role="status">This gift expired and went back to the sender.</p>
          ) : wrongKey || row.kind !== "link" ? (
            <p role="alert">This link does not match its gift. Ask the sender for it again.</p>
          ) : expired ? (
            <p role="alert">
              This gift expired {relativeTime(row.expiry ?? 0n)}; only the sender can get it back
              now.
            </p>
          ) : (
            <>
              {row.expiry ? (
                <p className="muted small">Claim it before {formatTime(row.expiry)}.</p>
              ) : null}
              {created ? (
                <div className="warning-box">
                  <p>
                    <strong>Your new wallet:</strong>{" "}
                    <span className="mono">{created.address}</span>
                  </p>
                  <p>
                    Save this private key now; it is the only way into the wallet and is not stored
                    anywhere:
                  </p>
                  <p className="mono break">{created.privateKey}</p>
                </div>
              ) : null}
              {address ? (
                <div className="stack">
                  <button
                    type="button"
                    className="button primary large"
                    disabled={busy}
                    onClick={() => void claim()}
                  >
                    {busy ? "Claiming…" : `Claim to ${shortAddress(recipient ?? address)}`}
                  </button>
                  {!created ? <NewWallet onCreate={setCreated} /> : null}
                  <p className="muted small">
                    Your connected wallet sends the claim and pays its small network fee.
                  </p>
                </div>
              ) : (
                <ConnectPrompt
                  title="Connect to claim"
                  text="Connect a wallet (or the Dev wallet on the local chain) to receive the BOON."
                />
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
