import { type Address, getAddress } from "viem";
import { type GiftRow, giftKey } from "../api/gift-row.ts";
import { Link } from "../app/router.tsx";
import { useSettledGifts, withSettlement } from "../app/settled-gifts.ts";
import { formatBoon } from "../lib/amount.ts";
import { contextPostUrl } from "../lib/context.ts";
import { formatTime, relativeTime, shortAddress } from "../lib/format.ts";

const statusLabel: Record<GiftRow["status"], string> = {
  delivered: "Delivered",
  pending: "Waiting",
  claimed: "Claimed",
  refunded: "Refunded",
};

/** What a gift means from `me`'s side: who it went to or came from. */
export function giftHeadline(
  row: GiftRow,
  me: Address | undefined,
): { direction: "in" | "out"; text: string } {
  const mine = me?.toLowerCase();
  // The indexer stores lowercase hex; people compare checksummed addresses.
  const short = (address: string) => shortAddress(getAddress(address));
  const sent = row.sender.toLowerCase() === mine;
  if (!sent) return { direction: "in", text: `From ${short(row.sender)}` };
  if (row.kind === "link") {
    return {
      direction: "out",
      text: row.claimedBy ? `Link claimed by ${short(row.claimedBy)}` : "Claim link",
    };
  }
  if (row.kind === "social") return { direction: "out", text: "To an X account" };
  return { direction: "out", text: `To ${short(row.recipient)}` };
}

export function GiftItem({
  row,
  me,
  optimistic = false,
  action,
}: {
  row: GiftRow;
  me: Address | undefined;
  optimistic?: boolean;
  action?: React.ReactNode;
}) {
  const { direction, text } = giftHeadline(row, me);
  const post = contextPostUrl(row.context);
  const expired =
    row.status === "pending" && row.expiry !== null && Number(row.expiry) < Date.now() / 1000;
  const status = expired ? "expired" : row.status;
  return (
    <li className={`gift-item${optimistic ? " is-optimistic" : ""}`}>
      <span className={`gift-dir gift-dir-${direction}`} aria-hidden="true">
        {direction === "in" ? "↓" : "↑"}
      </span>
      <div className="gift-main">
        <p className="gift-title">
          <strong>{text}</strong>
          <span className={`badge badge-${status}`}>
            {optimistic ? "Confirming" : expired ? "Expired" : statusLabel[row.status]}
          </span>
        </p>
        <p className="muted small">
          {formatTime(row.sentTimestamp)}
          {row.status === "pending" && row.expiry && !expired
            ? ` · expires ${relativeTime(row.expiry)}`
            : null}
          {post ? (
            <>
              {" · "}
              <a href={post} target="_blank" rel="noreferrer">
                X post
              </a>
            </>
          ) : null}
          {row.kind === "social" && status === "pending" ? (
            <>
              {" · "}
              <Link href="/claim/x">
                {direction === "out" ? "Where they claim it" : "Claim with X"}
              </Link>
            </>
          ) : null}
        </p>
        {row.message ? <p className="gift-message">“{row.message}”</p> : null}
      </div>
      <div className="gift-side">
        <p className={`gift-amount gift-amount-${direction}`}>
          {direction === "in" ? "+" : "−"}
          {formatBoon(row.amount)} <span className="unit">BOON</span>
        </p>
        {action}
      </div>
    </li>
  );
}

export function GiftList({
  rows,
  optimistic = [],
  me,
  empty,
  action,
}: {
  rows: GiftRow[];
  optimistic?: GiftRow[];
  me: Address | undefined;
  empty: React.ReactNode;
  action?: (row: GiftRow) => React.ReactNode;
}) {
  const settled = useSettledGifts();
  if (rows.length === 0 && optimistic.length === 0) return <div className="empty">{empty}</div>;
  return (
    <ul className="gift-list">
      {optimistic.map((row) => (
        <GiftItem key={`o${giftKey(row)}`} row={row} me={me} optimistic />
      ))}
      {rows.map((indexed) => {
        // A claim or refund confirmed here shows at once, without its now useless action.
        const row = withSettlement(indexed, settled);
        return <GiftItem key={giftKey(row)} row={row} me={me} action={action?.(row)} />;
      })}
    </ul>
  );
}

/** What a gift query is doing, as useGifts reports it. */
export type GiftQueryState = {
  isPending: boolean;
  isError: boolean;
  gifts: GiftRow[];
  optimistic?: GiftRow[];
};

/**
 * A gift list with its four states kept apart: loading, could not load (never "nothing" then),
 * empty, and the rows.
 */
export function GiftListState({
  query,
  me,
  empty,
  limit,
  action,
}: {
  query: GiftQueryState;
  me: Address | undefined;
  empty: React.ReactNode;
  limit?: number;
  action?: (row: GiftRow) => React.ReactNode;
}) {
  if (query.isError)
    return (
      <p className="field-error" role="alert">
        Your gifts cannot be loaded right now: the gift index is not answering. Try again soon.
      </p>
    );
  if (query.isPending && (query.optimistic ?? []).length === 0)
    return (
      <p className="muted" role="status">
        Loading your gifts…
      </p>
    );
  return (
    <GiftList
      rows={limit === undefined ? query.gifts : query.gifts.slice(0, limit)}
      optimistic={query.optimistic ?? []}
      me={me}
      empty={empty}
      {...(action ? { action } : {})}
    />
  );
}
