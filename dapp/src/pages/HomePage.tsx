import { useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";
import { useCredits, useWalletBalance } from "../app/data.ts";
import { useGifts } from "../app/gifts.ts";
import { Link, navigate } from "../app/router.tsx";
import { useSession } from "../app/session.ts";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { GiftListState } from "../components/GiftList.tsx";
import { OpenLinks } from "../components/OpenLinks.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { formatBoon } from "../lib/amount.ts";
import { parseClaimLink } from "../lib/claim-link.ts";
import { creditsView, walletView } from "./home/balances.ts";

function BalanceCard({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint: string;
  testId: string;
}) {
  return (
    <div className="card stat">
      <p className="stat-label">{label}</p>
      <p className="stat-value" data-testid={testId}>
        {value} <span className="unit">BOON</span>
      </p>
      <p className="muted small">{hint}</p>
    </div>
  );
}

function ClaimLinkBox() {
  const [link, setLink] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseClaimLink(link);
        if (!parsed.ok) return setError(parsed.message);
        navigate(`/claim#${link.split("#")[1] ?? link}`);
      }}
    >
      <label htmlFor="claim-link">Got a claim link?</label>
      <div className="row">
        <input
          id="claim-link"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          placeholder="Paste it here"
          aria-describedby="claim-link-error"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Open
        </button>
      </div>
      <p id="claim-link-error" className="field-error" role={error ? "alert" : undefined}>
        {error}
      </p>
    </form>
  );
}

function Balances() {
  const { address } = useConnection();
  const session = useSession();
  const wallet = useWalletBalance(address);
  const credits = useCredits();
  const walletCard = walletView(Boolean(address), {
    ...wallet,
    data: wallet.data === undefined ? undefined : formatBoon(wallet.data),
  });
  const creditsCard = creditsView(session, {
    ...credits,
    data: credits.data ? formatBoon(credits.data.balance) : undefined,
  });
  return (
    <div className="grid-2">
      <BalanceCard label="Wallet" testId="wallet-balance" {...walletCard} />
      <BalanceCard label="Credits" testId="credit-balance" {...creditsCard} />
    </div>
  );
}

/** A connected wallet's gifts: waiting to be claimed, recent ones, and the open claim links. */
function WalletGifts({ address }: { address: Address }) {
  const waiting = useGifts({ account: address, direction: "received", status: "pending" }, 5);
  const recent = useGifts({ account: address }, 5);
  return (
    <>
      <h2>Waiting for you</h2>
      <GiftListState
        query={{ ...waiting, optimistic: [] }}
        me={address}
        empty={<p>No gifts waiting. Claim links you receive open here.</p>}
      />
      <ClaimLinkBox />
      <div className="section-head">
        <h2>Recent activity</h2>
        <Link href="/activity">See all</Link>
      </div>
      <GiftListState
        query={recent}
        limit={5}
        me={address}
        empty={<p>Nothing yet. Your first gift is a click away.</p>}
      />
      <OpenLinks sender={address} limit={5} />
    </>
  );
}

export default function HomePage() {
  const { address } = useConnection();
  const session = useSession();
  return (
    <section className="page">
      <div className="hero">
        <PageIntro page="" />
        <div className="row">
          <Link href="/send" className="button primary large">
            Send a gift
          </Link>
          <Link href="/buy" className="button large">
            Buy BOON
          </Link>
        </div>
      </div>
      <Balances />
      {address ? (
        <WalletGifts address={address} />
      ) : session.data ? (
        <>
          <p className="muted">
            Gifts you send from credits show in <Link href="/activity">Activity</Link>.
          </p>
          <ClaimLinkBox />
        </>
      ) : (
        <>
          <ConnectPrompt
            title="Connect to get started"
            text="See your balance and the gifts waiting for you. No wallet? Sign in on Account to buy and send with a card."
          />
          <ClaimLinkBox />
        </>
      )}
    </section>
  );
}
