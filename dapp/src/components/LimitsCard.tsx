import type { Limits } from "../api/money.ts";
import { formatCents } from "../lib/amount.ts";
import { formatTime } from "../lib/format.ts";

/** The KYC tier's rolling limit: used, remaining and when capacity frees up. */
export function LimitsCard({ limits }: { limits: Limits }) {
  const usedPercent =
    limits.limitCents > 0
      ? Math.min(100, Math.round((limits.usedCents * 100) / limits.limitCents))
      : 100;
  return (
    <div className="card limits" data-testid="limits">
      <div className="section-head">
        <h2>Card limit</h2>
        <span className="badge badge-tier">{limits.tier}</span>
      </div>
      <p>
        <strong data-testid="limit-remaining">{formatCents(limits.remainingCents)}</strong> left of{" "}
        {formatCents(limits.limitCents)} per {limits.windowHours} hours
      </p>
      <meter
        className="meter"
        min={0}
        max={100}
        value={usedPercent}
        aria-label="Share of the limit used"
      >
        {usedPercent}%
      </meter>
      <p className="muted small">
        Used {formatCents(limits.usedCents)}
        {limits.nextReleaseAt
          ? ` · more frees up ${formatTime(Date.parse(limits.nextReleaseAt) / 1000)}`
          : ""}
        {limits.restricted ? " · purchases are restricted on this account" : ""}
      </p>
    </div>
  );
}
