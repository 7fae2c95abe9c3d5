import { useQueryClient } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { type GiftRow, isReclaimable } from "../api/gift-row.ts";
import { useGifts } from "../app/gifts.ts";
import { useSavedLinks } from "../app/saved-links.ts";
import { useServices } from "../app/services.tsx";
import { useTransaction } from "../tx/use-transaction.ts";
import type { WagmiConfig } from "../wallet/wagmi.ts";
import { GiftList } from "./GiftList.tsx";
import { ShareLink } from "./ShareLink.tsx";

function useReclaim() {
  const { config } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  return (row: GiftRow) =>
    run("Reclaiming the gift", async () => {
      // Loaded on click: the vault's actions (and its ABI) are not needed to paint the list.
      const { refundGift } = await import("../wallet/gift-actions.ts");
      return refundGift(wagmi, config, row);
    })
      .then(() => queryClient.invalidateQueries({ queryKey: ["gifts"] }))
      .catch(() => undefined); // the notice explained it
}

/**
 * The claim links `sender` created that nobody claimed yet (from the indexer): share again the ones
 * made on this device, reclaim in one click the ones past their expiry.
 */
export function OpenLinks({ sender, limit = 10 }: { sender: Address; limit?: number }) {
  const open = useGifts(
    { account: sender, direction: "sent", kind: "link", status: "pending" },
    limit,
  );
  const saved = useSavedLinks();
  const reclaim = useReclaim();
  const action = (row: GiftRow) => {
    if (row.status !== "pending") return null;
    if (isReclaimable(row))
      return (
        <button type="button" className="button small" onClick={() => void reclaim(row)}>
          Reclaim
        </button>
      );
    const url = saved.data?.get(row.recipient.toLowerCase());
    return url ? <ShareLink url={url} amount={row.amount} /> : null;
  };
  return (
    <section className="open-links" aria-labelledby="open-links-title" data-testid="open-links">
      <h2 id="open-links-title">Your open claim links</h2>
      {open.isPending ? (
        <p className="muted" role="status">
          Loading your links…
        </p>
      ) : open.isError ? (
        <p className="field-error" role="alert">
          Your links cannot be loaded right now (the gift index is not answering). Try again soon.
        </p>
      ) : (
        <GiftList
          rows={open.gifts}
          optimistic={open.optimistic.filter((row) => row.kind === "link")}
          me={sender}
          empty={<p>No open links: every link you sent was claimed or taken back.</p>}
          action={action}
        />
      )}
    </section>
  );
}
