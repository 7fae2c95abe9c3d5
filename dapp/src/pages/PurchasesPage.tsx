import { useQuery } from "@tanstack/react-query";
import { ApiError } from "../api/backend.ts";
import {
  fetchPurchases,
  fetchReceipt,
  type PurchaseSummary,
  purchaseStatusText,
} from "../api/purchases.ts";
import { Link, usePath } from "../app/router.tsx";
import { useServices } from "../app/services.tsx";
import { useSession } from "../app/session.ts";
import { PageIntro } from "../components/PageIntro.tsx";
import { SessionLoading } from "../components/SessionState.tsx";
import { formatBoon, formatCents } from "../lib/amount.ts";
import { formatTime } from "../lib/format.ts";

const when = (iso: string) => formatTime(Date.parse(iso) / 1000);

const badgeOf: Record<PurchaseSummary["status"], string> = {
  pending: "pending",
  paid: "delivered",
  failed: "failed",
  cancelled: "expired",
  expired: "expired",
  refunded: "refunded",
  partially_refunded: "refunded",
  disputed: "failed",
};

function Failure({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="card" role="alert">
      <p>
        {error instanceof ApiError && error.status === 0
          ? error.message
          : "Your purchases cannot be loaded right now. Try again shortly."}
      </p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

function PurchaseList() {
  const { backend } = useServices();
  const purchases = useQuery({ queryKey: ["purchases"], queryFn: () => fetchPurchases(backend) });
  if (purchases.isPending) return <p className="muted">Loading your purchases…</p>;
  if (purchases.isError)
    return <Failure error={purchases.error} retry={() => void purchases.refetch()} />;
  if (purchases.data.items.length === 0)
    return (
      <div className="empty">
        <p>
          No purchases yet. <Link href="/buy">Buy BOON by card</Link>.
        </p>
      </div>
    );
  return (
    <ul className="gift-list" data-testid="purchase-list">
      {purchases.data.items.map((p) => (
        <li key={p.id} className="gift-item">
          <span className="gift-dir gift-dir-in" aria-hidden="true">
            ↓
          </span>
          <div className="gift-main">
            <p className="gift-title">
              <Link href={`/purchases/${encodeURIComponent(p.id)}`}>
                <strong>{formatCents(p.amountCents)} by card</strong>
              </Link>
              <span className={`badge badge-${badgeOf[p.status]}`}>
                {purchaseStatusText[p.status]}
              </span>
            </p>
            <p className="muted small">{when(p.createdAt)}</p>
          </div>
          <div className="gift-side">
            <p className="gift-amount gift-amount-in">
              {formatBoon(p.boon)} <span className="unit">BOON</span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function ReceiptView({ id }: { id: string }) {
  const { backend } = useServices();
  const receipt = useQuery({
    queryKey: ["purchase-receipt", id],
    queryFn: () => fetchReceipt(backend, id),
    retry: false,
  });
  if (receipt.isPending) return <p className="muted">Loading the receipt…</p>;
  if (receipt.isError) {
    if (receipt.error instanceof ApiError && receipt.error.status === 404)
      return (
        <div className="card" role="alert">
          <p>There is no purchase of yours with this number.</p>
        </div>
      );
    return <Failure error={receipt.error} retry={() => void receipt.refetch()} />;
  }
  const r = receipt.data;
  return (
    <div className="card" data-testid="receipt">
      <h2>Receipt</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{purchaseStatusText[r.status]}</dd>
        <dt>Amount paid</dt>
        <dd>{formatCents(r.amountCents)}</dd>
        <dt>Fees</dt>
        <dd>{formatCents(r.feeCents)}</dd>
        <dt>BOON credited</dt>
        <dd>{formatBoon(r.boon)} BOON</dd>
        <dt>Rate</dt>
        <dd>$1 = {formatBoon(r.rate)} BOON</dd>
        <dt>Date</dt>
        <dd>{when(r.paidAt ?? r.createdAt)}</dd>
        <dt>Receipt number</dt>
        <dd className="mono small">{r.id}</dd>
      </dl>
      {r.refunds.length > 0 ? (
        <>
          <h3>Refunds</h3>
          <ul data-testid="refunds">
            {r.refunds.map((refund) => (
              <li key={`${refund.at}-${refund.amountCents}`}>
                {when(refund.at)}: {formatCents(refund.amountCents)} back to your card,{" "}
                {formatBoon(refund.boon)} BOON taken back
                {refund.reason === "dispute" ? " (card dispute)" : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** `/purchases`: the signed-in user's card purchases; `/purchases/<id>`: one receipt. */
export default function PurchasesPage() {
  const path = usePath();
  const session = useSession();
  const id = decodeURIComponent(path.split(/[?#]/)[0]?.split("/")[2] ?? "");
  return (
    <section className="page narrow">
      <PageIntro page="purchases" />
      {session.isPending ? (
        <SessionLoading />
      ) : session.isError ? (
        <Failure error={session.error} retry={() => void session.refetch()} />
      ) : !session.data ? (
        <div className="card prompt" data-testid="signed-out">
          <h2>Sign in to see your purchases</h2>
          <p className="muted">
            <Link href="/account">Sign in on Account</Link> with the email or wallet you bought
            with.
          </p>
        </div>
      ) : id ? (
        <>
          <ReceiptView id={id} />
          <p>
            <Link href="/purchases">All purchases</Link> · <Link href="/buy">Buy more</Link>
          </p>
        </>
      ) : (
        <>
          <PurchaseList />
          <p>
            <Link href="/buy">Buy BOON</Link> · <Link href="/activity">Activity</Link>
          </p>
        </>
      )}
    </section>
  );
}
