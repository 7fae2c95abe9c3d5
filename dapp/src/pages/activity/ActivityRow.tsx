import type { ActivityItem } from "../../api/activity.ts";
import { Link } from "../../app/router.tsx";
import { formatBoon, formatCents } from "../../lib/amount.ts";
import { formatTime, shortAddress } from "../../lib/format.ts";

const statusBadge: Record<ActivityItem["status"], [string, string]> = {
  pending: ["pending", "In progress"],
  done: ["delivered", "Done"],
  failed: ["failed", "Failed"],
};

/** An address shortened; an @handle or label as it is. */
const who = (counterparty: string) =>
  /^0x[0-9a-fA-F]{40}$/.test(counterparty) ? shortAddress(counterparty) : counterparty;

/** One line of Boon's record of the account: a purchase, a delivery, a gift received… */
export function ActivityRow({ item }: { item: ActivityItem }) {
  const [badge, label] = statusBadge[item.status];
  const purchaseId = item.ref.purchaseId;
  return (
    <li className="gift-item" data-testid="activity-item">
      <span className={`gift-dir gift-dir-${item.direction}`} aria-hidden="true">
        {item.direction === "in" ? "↓" : "↑"}
      </span>
      <div className="gift-main">
        <p className="gift-title">
          <strong>{item.title}</strong>
          <span className={`badge badge-${badge}`}>{label}</span>
        </p>
        <p className="muted small">
          {formatTime(Date.parse(item.at) / 1000)}
          {item.counterparty
            ? ` · ${item.direction === "in" ? "from" : "to"} ${who(item.counterparty)}`
            : null}
          {item.amountCents !== null ? ` · ${formatCents(item.amountCents)}` : null}
          {purchaseId ? (
            <>
              {" · "}
              <Link href={`/purchases/${encodeURIComponent(purchaseId)}`}>Receipt</Link>
            </>
          ) : null}
        </p>
      </div>
      <div className="gift-side">
        <p className={`gift-amount gift-amount-${item.direction}`}>
          {item.direction === "in" ? "+" : "−"}
          {formatBoon(item.amount)} <span className="unit">BOON</span>
        </p>
      </div>
    </li>
  );
}
