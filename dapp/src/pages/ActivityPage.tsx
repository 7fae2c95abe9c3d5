import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Address } from "viem";
import { useConfig, useConnection } from "wagmi";
import { type ActivityItem, fetchActivity } from "../api/activity.ts";
import type { GiftRow } from "../api/gift-row.ts";
import type { Direction } from "../api/indexer.ts";
import { useGifts } from "../app/gifts.ts";
import { Link } from "../app/router.tsx";
import { useServices } from "../app/services.tsx";
import { useSession } from "../app/session.ts";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { GiftList } from "../components/GiftList.tsx";
import { OpenLinks } from "../components/OpenLinks.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { formatBoon, formatCents } from "../lib/amount.ts";
import { formatTime, shortAddress } from "../lib/format.ts";
import { useTransaction } from "../tx/use-transaction.ts";
import { refundGift } from "../wallet/gift-actions.ts";
import type { WagmiConfig } from "../wallet/wagmi.ts";

const directions: Array<[Direction, string]> = [
  ["all", "All"],
  ["sent", "Sent"],
  ["received", "Received"],
];

const statusBadge: Record<ActivityItem["status"], [string, string]> = {
  pending: ["pending", "In progress"],
  done: ["delivered", "Done"],
  failed: ["failed", "Failed"],
};

/** An address shortened; an @handle or label as it is. */
const who = (counterparty: string) =>
  /^0x[0-9a-fA-F]{40}$/.test(counterparty) ? shortAddress(counterparty) : counterparty;

function ActivityRow({ item }: { item: ActivityItem }) {
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

/** The signed-in user's activity from Boon: purchases, credits spent, deliveries, gifts received. */
function AccountActivity() {
  const { backend } = useServices();
  const activity = useInfiniteQuery({
    queryKey: ["activity"],
    queryFn: ({ pageParam }) => fetchActivity(backend, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = activity.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div data-testid="account-activity">
      <div className="row">
        <h2>Your activity</h2>
        <Link href="/purchases">Purchases and receipts</Link>
      </div>
      <div aria-busy={activity.isPending} aria-live="polite">
        {activity.isPending ? (
          <p className="muted">Loading your activity…</p>
        ) : activity.isError ? (
          <div className="card" role="alert">
            <p>Your activity cannot be loaded right now: Boon's server is not answering.</p>
            <button type="button" className="button" onClick={() => void activity.refetch()}>
              Try again
            </button>
          </div>
        ) : items.length === 0 ? (
          <div className="empty">
            <p>
              No activity yet. <Link href="/buy">Buy credits</Link> or{" "}
              <Link href="/send">send a gift</Link> and it shows up here.
            </p>
          </div>
        ) : (
          <ul className="gift-list">
            {items.map((item) => (
              <ActivityRow key={item.id} item={item} />
            ))}
          </ul>
        )}
      </div>
      {activity.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={activity.isFetchingNextPage}
          onClick={() => void activity.fetchNextPage()}
        >
          {activity.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}

/** Gifts the connected wallet sent and received, read from the chain's indexer. */
function WalletGifts({ address }: { address: Address }) {
  const { config } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  const [direction, setDirection] = useState<Direction>("all");
  const [kind, setKind] = useState<GiftRow["kind"] | "">("");
  const [status, setStatus] = useState<GiftRow["status"] | "">("");
  const gifts = useGifts(
    { account: address, direction, ...(kind ? { kind } : {}), ...(status ? { status } : {}) },
    10,
  );
  const refundable = (row: GiftRow) =>
    row.status === "pending" &&
    row.sender.toLowerCase() === address.toLowerCase() &&
    row.expiry !== null &&
    Number(row.expiry) <= Date.now() / 1000;
  const refund = (row: GiftRow) =>
    run("Refunding the gift", () => refundGift(wagmi, config, row))
      .then(() => queryClient.invalidateQueries())
      .catch(() => undefined);

  return (
    <div data-testid="wallet-gifts">
      <h2>Gifts of {shortAddress(address)}</h2>
      <div className="filters">
        <fieldset className="segmented">
          <legend className="visually-hidden">Direction</legend>
          {directions.map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={direction === value}
              className={direction === value ? "active" : ""}
              onClick={() => setDirection(value)}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <label className="select-label">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as GiftRow["kind"] | "")}>
            <option value="">Any</option>
            <option value="address">Address</option>
            <option value="link">Link</option>
            <option value="social">X account</option>
          </select>
        </label>
        <label className="select-label">
          Status
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as GiftRow["status"] | "")}
          >
            <option value="">Any</option>
            <option value="delivered">Delivered</option>
            <option value="pending">Waiting</option>
            <option value="claimed">Claimed</option>
            <option value="refunded">Refunded</option>
          </select>
        </label>
      </div>
      {gifts.isError ? (
        <p className="field-error" role="alert">
          The chain's gift list cannot be loaded right now. Try again shortly.
        </p>
      ) : null}
      <div aria-busy={gifts.isLoading} aria-live="polite">
        {gifts.isLoading ? (
          <p className="muted">Loading gifts…</p>
        ) : gifts.isError ? null : (
          <GiftList
            rows={gifts.gifts}
            optimistic={gifts.optimistic}
            me={address}
            empty={<p>No gifts match these filters.</p>}
            action={(row) =>
              refundable(row) ? (
                <button type="button" className="button small" onClick={() => void refund(row)}>
                  Refund
                </button>
              ) : null
            }
          />
        )}
      </div>
      {gifts.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={gifts.isFetchingNextPage}
          onClick={() => void gifts.fetchNextPage()}
        >
          {gifts.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Every user's activity: a signed-in user (card users too) sees Boon's record of their money; a
 * connected wallet adds its gifts from the chain. Loading, failure, empty and signed-out each say
 * so, and never pass for one another.
 */
export default function ActivityPage() {
  const { address } = useConnection();
  const session = useSession();
  return (
    <section className="page">
      <PageIntro page="activity" />
      {session.isPending ? (
        <p className="muted" role="status">
          Loading your account…
        </p>
      ) : session.isError ? (
        <div className="card" role="alert" data-testid="session-error">
          <p>Boon's server cannot be reached, so your account activity cannot be shown.</p>
          <button type="button" className="button" onClick={() => void session.refetch()}>
            Try again
          </button>
        </div>
      ) : session.data ? (
        <AccountActivity />
      ) : address ? null : (
        <div className="card prompt" data-testid="signed-out">
          <h2>Sign in to see your activity</h2>
          <p className="muted">
            Your purchases, gifts and withdrawals appear here once you{" "}
            <Link href="/account">sign in on Account</Link>. Or connect a wallet to see its gifts.
          </p>
        </div>
      )}
      {address ? (
        <>
          <OpenLinks sender={address} />
          <WalletGifts address={address} />
        </>
      ) : session.data ? null : (
        <ConnectPrompt
          title="Sent gifts from a wallet?"
          text="Connect it to see every gift it sent, received and claimed, from the chain."
        />
      )}
    </section>
  );
}
