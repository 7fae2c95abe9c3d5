import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConfig, useConnection } from "wagmi";
import type { GiftRow } from "../api/gift-row.ts";
import type { Direction } from "../api/indexer.ts";
import { useGifts } from "../app/gifts.ts";
import { useServices } from "../app/services.tsx";
import { ConnectPrompt } from "../components/ConnectPrompt.tsx";
import { GiftList } from "../components/GiftList.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { useTransaction } from "../tx/use-transaction.ts";
import { refundGift } from "../wallet/gift-actions.ts";
import type { WagmiConfig } from "../wallet/wagmi.ts";

const directions: Array<[Direction, string]> = [
  ["all", "All"],
  ["sent", "Sent"],
  ["received", "Received"],
];

export default function ActivityPage() {
  const { address } = useConnection();
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

  if (!address) {
    return (
      <section className="page">
        <PageIntro page="activity" />
        <ConnectPrompt
          title="Connect to see your activity"
          text="Every gift you sent, received and claimed, from the chain."
        />
      </section>
    );
  }

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
    <section className="page">
      <PageIntro page="activity" />
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
          {(gifts.error as Error).message}
        </p>
      ) : null}
      <div aria-busy={gifts.isLoading} aria-live="polite">
        {gifts.isLoading ? (
          <p className="muted">Loading…</p>
        ) : (
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
    </section>
  );
}
