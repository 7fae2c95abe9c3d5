import { useState } from "react";
import { useConnection } from "wagmi";
import { useCredits, useWalletBalance } from "../app/data.ts";
import { useGifts } from "../app/gifts.ts";
import { Link, navigate } from "../app/router.tsx";
import { useSession } from "../app/session.ts";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { GiftList } from "../components/GiftList.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { formatBoon } from "../lib/amount.ts";
import { parseClaimLink } from "../lib/claim-link.ts";

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

export default function HomePage() {
  const { address } = useConnection();
  const session = useSession();
  const wallet = useWalletBalance(address);
  const credits = useCredits();
  const waiting = useGifts({ account: address, direction: "received", status: "pending" }, 5);
  const recent = useGifts({ account: address }, 5);

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
      <div className="grid-2">
        <BalanceCard
          label="Wallet"
          testId="wallet-balance"
          value={address ? (wallet.data === undefined ? "…" : formatBoon(wallet.data)) : "—"}
          hint={address ? "On chain, in your connected wallet" : "Connect a wallet to see it"}
        />
        <BalanceCard
          label="Credits"
          testId="credit-balance"
          value={session.data ? (credits.data ? formatBoon(credits.data.balance) : "…") : "—"}
          hint={session.data ? "Bought by card, held by Boon" : "Sign in on Account to see them"}
        />
      </div>
      {address ? (
        <>
          <h2>Waiting for you</h2>
          <GiftList
            rows={waiting.gifts}
            me={address}
            empty={<p>No gifts waiting. Claim links you receive open here.</p>}
          />
          <ClaimLinkBox />
          <div className="section-head">
            <h2>Recent activity</h2>
            <Link href="/activity">See all</Link>
          </div>
          {recent.isError ? <p className="field-error">{(recent.error as Error).message}</p> : null}
          <GiftList
            rows={recent.gifts.slice(0, 5)}
            optimistic={recent.optimistic}
            me={address}
            empty={<p>Nothing yet. Your first gift is a click away.</p>}
          />
        </>
      ) : (
        <>
          <ConnectPrompt
            title="Connect to get started"
            text="See your balance and the gifts waiting for you."
          />
          <ClaimLinkBox />
        </>
      )}
    </section>
  );
}
