import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import {
  cancelPurchase,
  createPurchase,
  fetchPurchase,
  type Limits,
  type Purchase,
  parseDollars,
} from "../api/money.ts";
import { boonFor, feeFor, fetchPricing, type Pricing } from "../api/pricing.ts";
import { purchaseProblem } from "../api/purchases.ts";
import { useCredits, useLimits } from "../app/data.ts";
import { Link, usePath } from "../app/router.tsx";
import { useServices } from "../app/services.tsx";
import { useSession } from "../app/session.ts";
import { LimitsCard } from "../components/LimitsCard.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { SessionError, SessionLoading } from "../components/SessionState.tsx";
import { SignIn } from "../components/SignIn.tsx";
import { formatBoon, formatCents } from "../lib/amount.ts";
import { formatTime } from "../lib/format.ts";
import { limitProblem } from "../lib/limit-check.ts";

const statusText: Record<Purchase["status"], string> = {
  open: "Waiting for the payment…",
  processing: "Payment received, adding your credits…",
  paid: "Paid. Your credits are ready.",
  failed: "The payment failed. You were not charged.",
  expired: "The checkout expired before payment.",
  over_limit: "This purchase went over your limit and was not completed.",
};

/**
 * After the checkout page sends the buyer back: the purchase's status until it settles. Back from
 * "Cancel", the checkout is given up at once, so the amount it held is free again.
 */
function PurchaseStatus({ id, cancelled }: { id: string; cancelled: boolean }) {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const purchase = useQuery({
    queryKey: ["purchase", id, cancelled],
    queryFn: async () => {
      const result = cancelled
        ? await cancelPurchase(backend, id)
        : await fetchPurchase(backend, id);
      if (result.status === "paid") void queryClient.invalidateQueries({ queryKey: ["credits"] });
      if (cancelled) void queryClient.invalidateQueries({ queryKey: ["limits"] });
      return result;
    },
    refetchInterval: (query) =>
      query.state.data && ["open", "processing"].includes(query.state.data.status) && !cancelled
        ? 1_000
        : false,
  });
  const data = purchase.data;
  return (
    <div className="card" role="status" aria-live="polite" data-testid="purchase-status">
      <h2>{cancelled ? "Checkout cancelled" : "Your purchase"}</h2>
      {data ? (
        <>
          <p>
            {formatCents(data.amountCents)} for {formatBoon(data.credits)} BOON
          </p>
          <p className={`status status-${data.status}`}>
            <strong>
              {cancelled && data.status === "expired"
                ? "You cancelled the payment. Nothing was charged and your limit is free again."
                : statusText[data.status]}
            </strong>
          </p>
        </>
      ) : (
        <p>{purchase.isError ? (purchase.error as Error).message : "Checking…"}</p>
      )}
      <div className="row">
        <Link href="/buy" className="button">
          Buy more
        </Link>
        <Link href={`/purchases/${encodeURIComponent(id)}`} className="button">
          Receipt
        </Link>
      </div>
    </div>
  );
}

/** The price before checkout: BOON per dollar, fees, the smallest and largest amount. */
function PriceCard({ pricing, cents }: { pricing: Pricing; cents: number | null }) {
  const fee = cents === null ? 0 : feeFor(pricing, cents);
  const noFee = pricing.feeCents.fixed === 0 && pricing.feeCents.bps === 0;
  return (
    <div className="card" data-testid="price">
      <h2>Price</h2>
      <p>
        <strong>$1 = {formatBoon(pricing.boonPerUsd)} BOON</strong>
      </p>
      <p>
        Fees:{" "}
        {noFee
          ? "none, the whole amount buys credits"
          : `${formatCents(pricing.feeCents.fixed)} + ${pricing.feeCents.bps / 100}%`}
      </p>
      <p>
        From {formatCents(pricing.minCents)} to {formatCents(pricing.maxCents)} per purchase.
      </p>
      {cents !== null && cents >= pricing.minCents && cents <= pricing.maxCents ? (
        <p data-testid="quote">
          You pay {formatCents(cents + fee)} and get {formatBoon(boonFor(pricing, cents))} BOON.
        </p>
      ) : null}
    </div>
  );
}

/** Why `cents` cannot be bought at all under `pricing`, or null. */
function amountProblem(cents: number, pricing: Pricing | undefined): string | null {
  if (!pricing || (cents >= pricing.minCents && cents <= pricing.maxCents)) return null;
  return `Enter an amount from ${formatCents(pricing.minCents)} to ${formatCents(pricing.maxCents)}.`;
}

/** Checkouts started but not paid: what each holds of the limit, until when, and a way out. */
function OpenCheckouts({ reservations }: { reservations: Limits["reservations"] }) {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const [releasing, setReleasing] = useState<string | null>(null);
  if (reservations.length === 0) return null;
  async function release(purchaseId: string) {
    setReleasing(purchaseId);
    try {
      await cancelPurchase(backend, purchaseId);
    } finally {
      setReleasing(null);
      await queryClient.invalidateQueries({ queryKey: ["limits"] });
    }
  }
  return (
    <div className="card" data-testid="open-checkouts">
      <h2>Unfinished checkouts</h2>
      {reservations.map((r) => (
        <p key={r.purchaseId}>
          {formatCents(r.amountCents)} of your limit is held for a checkout you have not paid, until{" "}
          {formatTime(Date.parse(r.reservedUntil) / 1000)}.{" "}
          <button
            type="button"
            className="button"
            disabled={releasing === r.purchaseId}
            onClick={() => void release(r.purchaseId)}
          >
            {releasing === r.purchaseId ? "Releasing…" : "Release it"}
          </button>
        </p>
      ))}
    </div>
  );
}

export default function BuyPage() {
  const id = useId();
  const path = usePath();
  const { backend } = useServices();
  const session = useSession();
  const limits = useLimits();
  const credits = useCredits();
  const pricing = useQuery({
    queryKey: ["pricing"],
    queryFn: () => fetchPricing(backend),
    staleTime: 5 * 60_000,
  });
  const [amount, setAmount] = useState("25");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const params = new URLSearchParams(path.split("?")[1] ?? "");
  const returned = params.get("purchase");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const cents = parseDollars(amount);
    if (cents === null) return setError("Enter an amount in dollars, like 25 or 25.50.");
    const outside = amountProblem(cents, pricing.data);
    if (outside) return setError(outside);
    if (limits.data) {
      const problem = limitProblem(cents, limits.data);
      if (problem) return setError(problem);
    }
    setBusy(true);
    setError(null);
    try {
      const purchase = await createPurchase(backend, cents, crypto.randomUUID());
      if (purchase.checkoutUrl) window.location.assign(purchase.checkoutUrl);
      else setError("The checkout could not be opened. Try again.");
    } catch (e) {
      setError(purchaseProblem(e, pricing.data));
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <PageIntro page="buy" />
      {returned ? (
        <PurchaseStatus id={returned} cancelled={path.startsWith("/buy/cancelled")} />
      ) : null}
      {pricing.data ? (
        <PriceCard pricing={pricing.data} cents={parseDollars(amount)} />
      ) : pricing.isError ? (
        <p className="field-error" role="alert">
          Prices cannot be loaded right now. Try again in a moment.
        </p>
      ) : null}
      {session.isPending ? (
        <SessionLoading />
      ) : session.isError ? (
        <SessionError what="your account" retry={() => void session.refetch()} />
      ) : !session.data ? (
        <SignIn />
      ) : (
        <>
          <div className="card stat">
            <p className="stat-label">Credits</p>
            <p className="stat-value" data-testid="credit-balance">
              {credits.data ? formatBoon(credits.data.balance) : "…"}{" "}
              <span className="unit">BOON</span>
            </p>
          </div>
          {limits.data ? <LimitsCard limits={limits.data} /> : null}
          {limits.data ? <OpenCheckouts reservations={limits.data.reservations} /> : null}
          <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
            <div className="field">
              <label htmlFor={`${id}-amount`}>Amount (USD)</label>
              <input
                id={`${id}-amount`}
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                aria-describedby={`${id}-error`}
                aria-invalid={Boolean(error)}
              />
            </div>
            <p
              id={`${id}-error`}
              className="field-error"
              role={error ? "alert" : undefined}
              data-testid="buy-error"
            >
              {error ?? ""}
            </p>
            <button type="submit" className="button primary large" disabled={busy}>
              {busy ? "Opening checkout…" : "Continue to payment"}
            </button>
            <p className="muted small">You pay on a secure checkout page and come back here.</p>
          </form>
          <p>
            <Link href="/purchases">Your purchases and receipts</Link>
          </p>
        </>
      )}
    </section>
  );
}
