import { lazy, Suspense } from "react";
import { useConnection } from "wagmi";
import { useCredits, useWalletBalance } from "../app/data.ts";
import { Link } from "../app/router.tsx";
import { useSession } from "../app/session.ts";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { formatBoon } from "../lib/amount.ts";
import { creditsView, walletView } from "./home/balances.ts";
import { ClaimLinkBox } from "./home/ClaimLinkBox.tsx";

// A connected wallet's gifts load with the wallet: a visitor without one never fetches that code.
const WalletGifts = lazy(() => import("./home/WalletGifts.tsx"));

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
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading your gifts…
            </p>
          }
        >
          <WalletGifts address={address} />
        </Suspense>
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
            text="Connect a wallet to see its gifts, or sign in on Account to pay by card."
          />
          <ClaimLinkBox />
        </>
      )}
    </section>
  );
}
