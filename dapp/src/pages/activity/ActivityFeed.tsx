import { useState } from "react";
import type { Address } from "viem";
import type { Direction } from "../../api/indexer.ts";
import { Link } from "../../app/router.tsx";
import { useSettledGifts, withSettlement } from "../../app/settled-gifts.ts";
import { GiftItem } from "../../components/GiftList.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Segmented } from "../../components/Segmented.tsx";
import { ActivityRow } from "./ActivityRow.tsx";
import { type FeedEntry, mergeActivity } from "./merge-activity.ts";
import { useAccountActivity, useRefund, useWalletGifts } from "./use-activity-sources.ts";

const filters = [
  ["all", "All"],
  ["sent", "Sent"],
  ["received", "Received"],
] as const;

const emptyText: Record<Direction, string> = {
  all: "No activity yet.",
  sent: "Nothing sent yet.",
  received: "Nothing received yet.",
};

function DirectionFilter({
  value,
  onChange,
}: {
  value: Direction;
  onChange: (d: Direction) => void;
}) {
  return (
    <div className="filters">
      <Segmented legend="Direction" options={filters} value={value} onChange={onChange} />
    </div>
  );
}

/** What could not be read, and what the list shows without it: one line per failed source. */
function failureLines(
  failed: { account: boolean; wallet: boolean },
  shown: { account: boolean; wallet: boolean },
) {
  return [
    failed.account
      ? `Your activity cannot be loaded right now: Boon's server is not answering.${shown.wallet ? " Below: your wallet's gifts only." : ""}`
      : "",
    failed.wallet
      ? `Your wallet's gifts cannot be loaded right now: the gift index is not answering.${shown.account ? " Below: your account's activity only." : ""}`
      : "",
  ].filter(Boolean);
}

/** The merged lines: the account's as they are, the wallet's with their settlement and Refund. */
function FeedRows({ entries, me }: { entries: FeedEntry[]; me: Address | undefined }) {
  const settled = useSettledGifts();
  const { refundable, refund } = useRefund(me);
  return (
    <ul className="gift-list">
      {entries.map((entry) => {
        if (entry.source === "account") return <ActivityRow key={entry.key} item={entry.item} />;
        const gift = entry.optimistic ? entry.row : withSettlement(entry.row, settled);
        const action = refundable(gift) ? (
          <button type="button" className="button small" onClick={() => void refund(gift)}>
            Refund
          </button>
        ) : null;
        return (
          <GiftItem
            key={entry.key}
            row={gift}
            me={me}
            optimistic={entry.optimistic}
            action={action}
          />
        );
      })}
    </ul>
  );
}

/**
 * One list, newest first, of what the user did and received: Boon's record of the account when
 * signed in, the connected wallet's gifts (with their actions) when a wallet is connected, both
 * merged when both are there. A source that fails is named in one alert; the other still shows.
 */
export function ActivityFeed({
  signedIn,
  address,
  hint,
}: {
  signedIn: boolean;
  address?: Address;
  /** A line under the heading (e.g. asking a wallet alone to sign in). */
  hint?: React.ReactNode;
}) {
  const [direction, setDirection] = useState<Direction>("all");
  const account = useAccountActivity(signedIn);
  const wallet = useWalletGifts(address, direction);
  const walletOn = address !== undefined;
  // A signed-out user keeps no cached account lines on screen (the query is only disabled).
  const merged = mergeActivity({
    account:
      signedIn && account.data
        ? { items: account.data.pages.flatMap((page) => page.items), hasMore: account.hasNextPage }
        : null,
    wallet: walletOn && wallet.data ? { items: wallet.gifts, hasMore: wallet.hasNextPage } : null,
    optimistic: walletOn ? wallet.optimistic : [],
    direction,
  });
  const failed = { account: signedIn && account.isError, wallet: walletOn && wallet.isError };
  const failures = failureLines(failed, {
    account: signedIn && !failed.account,
    wallet: walletOn && !failed.wallet,
  });
  const loading =
    (signedIn && account.isPending) ||
    (walletOn && wallet.isPending && wallet.optimistic.length === 0);
  const retry = () => {
    if (failed.account) void account.refetch();
    if (failed.wallet) void wallet.refetch();
  };

  return (
    <section className="activity-feed" aria-labelledby="activity-title" data-testid="activity-feed">
      <div className="section-head">
        <h2 id="activity-title">Your activity</h2>
        {signedIn ? <Link href="/purchases">Purchases and receipts</Link> : null}
      </div>
      {hint}
      {/* No filter over nothing at all; a filter that leaves nothing stays, to be switched back. */}
      {merged.entries.length === 0 && direction === "all" ? null : (
        <DirectionFilter value={direction} onChange={setDirection} />
      )}
      {failures.length > 0 ? (
        <div className="card" role="alert" data-testid="activity-error">
          {failures.map((text) => (
            <p key={text}>{text}</p>
          ))}
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      ) : null}
      <div aria-busy={loading} aria-live="polite">
        {loading ? (
          <p className="muted">Loading your activity…</p>
        ) : merged.entries.length > 0 ? (
          <FeedRows entries={merged.entries} me={address} />
        ) : failures.length > 0 ? null : (
          <div className="empty">
            <p>
              {emptyText[direction]} <Link href="/buy">Buy credits</Link> or{" "}
              <Link href="/send">send a gift</Link> and it shows up here.
            </p>
          </div>
        )}
      </div>
      <LoadMore
        more={!loading && (merged.more.account || merged.more.wallet)}
        loading={account.isFetchingNextPage || wallet.isFetchingNextPage}
        onLoad={() => {
          if (merged.more.account) void account.fetchNextPage();
          if (merged.more.wallet) void wallet.fetchNextPage();
        }}
      />
    </section>
  );
}
