import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { getAddress } from "viem";
import { ApiError } from "../api/backend.ts";
import { createWithdrawal, withdrawalBody } from "../api/deliveries.ts";
import { fetchHolds, type Holds } from "../api/holds.ts";
import { useCredits, useLimits } from "../app/data.ts";
import { useNotices } from "../app/notices.tsx";
import { useServices } from "../app/services.tsx";
import { formatBoon, parseBoon } from "../lib/amount.ts";
import { describeError } from "../lib/contract-errors.ts";
import { type KeyedRequest, keyFor, withdrawalProblem } from "../lib/delivery.ts";
import { formatTime, shortAddress } from "../lib/format.ts";

/** When held card credits become withdrawable, in the reader's local date and time. */
function HoldNotice({ holds }: { holds: Holds }) {
  if (holds.held === 0n) return null;
  const next = holds.releases[0];
  const when = (iso: string) => formatTime(Date.parse(iso) / 1000);
  if (!next) {
    return (
      <p className="field-hint" data-testid="hold-notice">
        {formatBoon(holds.held)} BOON cannot leave to a wallet while the account is restricted.
        Contact support.
      </p>
    );
  }
  return (
    <div className="field-hint" data-testid="hold-notice">
      <p>
        {holds.available === 0n ? "All your credits are on hold. " : ""}
        {formatBoon(next.amount)} BOON becomes available to withdraw on {when(next.at)}.
      </p>
      {holds.releases.length > 1 ? (
        <ul className="small">
          {holds.releases.slice(1).map((r) => (
            <li key={r.at}>
              {formatBoon(r.amount)} BOON on {when(r.at)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * "Withdraw to wallet": credits minted as BOON to a linked wallet by the backend, which decides
 * what may leave (balance, the tier's hold on card money) and says why when it refuses.
 */
export function WithdrawCard({
  wallets,
  preferred,
}: {
  /** The account's linked wallets; withdrawals go nowhere else. */
  wallets: readonly string[];
  /** The connected wallet, selected first when it is linked. */
  preferred?: string | undefined;
}) {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const { notify } = useNotices();
  const credits = useCredits();
  const limits = useLimits();
  const holds = useQuery({ queryKey: ["holds"], queryFn: () => fetchHolds(backend) });
  const id = useId();
  const choices = wallets.map((w) => getAddress(w));
  const initial = choices.find((w) => w.toLowerCase() === preferred?.toLowerCase()) ?? choices[0];
  const [to, setTo] = useState(initial ?? "");
  const [amount, setAmount] = useState("");
  const [amountError, setAmountError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastRequest = useRef<KeyedRequest | null>(null);

  if (choices.length === 0) {
    return (
      <div className="card">
        <h2>Withdraw to wallet</h2>
        <p className="muted">Link a wallet above to withdraw your credits to it as BOON.</p>
      </div>
    );
  }
  const target = choices.includes(to as (typeof choices)[number]) ? to : (choices[0] as string);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseBoon(amount);
    if (!parsed.ok) return setAmountError(parsed.message);
    setAmountError(null);
    setError(null);
    setBusy(true);
    const keyed = keyFor(
      lastRequest.current,
      JSON.stringify(withdrawalBody(target, parsed.value)),
      () => crypto.randomUUID(),
    );
    lastRequest.current = keyed;
    try {
      await createWithdrawal(backend, { to: target, amount: parsed.value }, keyed.key);
      lastRequest.current = null;
      setAmount("");
      notify({
        tone: "success",
        title: "Withdrawal queued",
        message: `${formatBoon(parsed.value)} BOON is on its way to ${shortAddress(target)}. Follow it under Deliveries.`,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["deliveries"] }),
        queryClient.invalidateQueries({ queryKey: ["credits"] }),
        queryClient.invalidateQueries({ queryKey: ["holds"] }),
      ]);
    } catch (e) {
      const hold = limits.data
        ? { tier: limits.data.tier, hours: limits.data.withdrawalHoldHours }
        : undefined;
      setError(e instanceof ApiError ? withdrawalProblem(e, hold) : describeError(e).message);
    } finally {
      setBusy(false);
    }
  }

  const available = credits.data;
  const withdrawable = holds.data?.available ?? available?.withdrawable;
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2>Withdraw to wallet</h2>
      <div className={`field${amountError ? " has-error" : ""}`}>
        <label htmlFor={`${id}-amount`}>Amount (BOON)</label>
        <input
          id={`${id}-amount`}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          inputMode="decimal"
          placeholder="10"
          autoComplete="off"
          aria-invalid={Boolean(amountError)}
          aria-describedby={`${id}-amount-note`}
        />
        <p id={`${id}-amount-note`} className={amountError ? "field-error" : "field-hint"}>
          {amountError ??
            (available
              ? `You can withdraw ${formatBoon(available.withdrawable)} of your ${formatBoon(available.balance)} BOON in credits now.`
              : "")}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To wallet</label>
        <select id={`${id}-to`} value={target} onChange={(e) => setTo(e.target.value)}>
          {choices.map((w) => (
            <option key={w} value={w}>
              {shortAddress(w)}
            </option>
          ))}
        </select>
      </div>
      {holds.data ? <HoldNotice holds={holds.data} /> : null}
      <p className="field-error" role={error ? "alert" : undefined} data-testid="withdraw-error">
        {error ?? ""}
      </p>
      <div className="row">
        <button
          type="submit"
          className="button primary"
          disabled={busy || withdrawable === 0n}
          title={withdrawable === 0n ? "Nothing can be withdrawn yet" : undefined}
        >
          {busy ? "Withdrawing…" : "Withdraw"}
        </button>
      </div>
      {limits.data ? (
        <p className="muted small">
          {limits.data.withdrawalHoldHours > 0
            ? `On the ${limits.data.tier} tier, card purchases can leave to a wallet ${limits.data.withdrawalHoldHours} hours after payment.`
            : "Card purchases can leave to a wallet at once."}{" "}
          Boon pays the gas.
        </p>
      ) : null}
    </form>
  );
}
