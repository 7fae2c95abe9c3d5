import type { Delivery } from "../api/deliveries.ts";
import { useDeliveries } from "../app/deliveries.ts";
import { useExplorerTx } from "../app/explorer.ts";
import { formatBoon } from "../lib/amount.ts";
import { deliveryStatusLabel, deliveryTitle } from "../lib/delivery.ts";
import { formatTime, shortGiftId } from "../lib/format.ts";
import { LoadMore } from "./LoadMore.tsx";
import { TxHash } from "./TxHash.tsx";

export function DeliveryItem({ delivery }: { delivery: Delivery }) {
  const explorerTx = useExplorerTx();
  // A refund brings credits back; everything else takes them out to the chain.
  const incoming = delivery.type === "gift_refund";
  return (
    <li className="gift-item" data-testid="delivery">
      <span className={`gift-dir gift-dir-${incoming ? "in" : "out"}`} aria-hidden="true">
        {incoming ? "↓" : "↑"}
      </span>
      <div className="gift-main">
        <p className="gift-title">
          <strong>{deliveryTitle(delivery)}</strong>
          <span className={`badge badge-${delivery.status}`}>
            {deliveryStatusLabel[delivery.status]}
          </span>
        </p>
        <p className="muted small">
          {formatTime(Date.parse(delivery.createdAt) / 1000)}
          {delivery.giftId ? ` · gift #${shortGiftId(delivery.giftId)}` : null}
          {delivery.txHash ? (
            <>
              {" · "}
              <TxHash hash={delivery.txHash} href={explorerTx(delivery.txHash)} />
            </>
          ) : null}
        </p>
        {delivery.failure ? (
          <p className="field-error">
            {(delivery.failure.reason || delivery.failure.code).replace(/\.$/, "")}.
            {/* A failed withdrawal or gift posts the exact reverse of its debit. */}
            {delivery.type === "withdrawal" || delivery.type === "gift"
              ? " The credits were returned to your balance."
              : null}
          </p>
        ) : null}
        {delivery.message ? <p className="gift-message">“{delivery.message}”</p> : null}
      </div>
      <div className="gift-side">
        <p className={`gift-amount gift-amount-${incoming ? "in" : "out"}`}>
          {incoming ? "+" : "−"}
          {formatBoon(delivery.amount)} <span className="unit">BOON</span>
        </p>
      </div>
    </li>
  );
}

/** Withdrawals and credit-paid gifts on their way to the chain, refreshed until they settle. */
export function Deliveries() {
  const deliveries = useDeliveries();
  return (
    <section aria-labelledby="deliveries-heading">
      <div className="section-head">
        <h2 id="deliveries-heading">Deliveries</h2>
      </div>
      <div aria-busy={deliveries.isLoading} aria-live="polite">
        {deliveries.isLoading ? (
          <p className="muted">Loading…</p>
        ) : deliveries.isError ? (
          <p className="field-error" role="alert">
            {deliveries.error.message}
          </p>
        ) : deliveries.deliveries.length === 0 ? (
          <div className="empty">
            Withdrawals and gifts paid with credits show here while Boon sends them on chain.
          </div>
        ) : (
          <ul className="gift-list">
            {deliveries.deliveries.map((d) => (
              <DeliveryItem key={d.id} delivery={d} />
            ))}
          </ul>
        )}
      </div>
      <LoadMore
        more={deliveries.hasNextPage}
        loading={deliveries.isFetchingNextPage}
        onLoad={() => void deliveries.fetchNextPage()}
      />
    </section>
  );
}
