import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, useSyncExternalStore } from "react";
import { type Address, getAddress, type Hex } from "viem";
import { fetchGift, fetchLinkGift, indexerClient } from "../api/indexer.ts";
import { Link } from "../app/router.tsx";
import { useServices } from "../app/services.tsx";
import { PageIntro } from "../components/PageIntro.tsx";
import { formatBoon } from "../lib/amount.ts";
import { type ClaimLink, parseClaimLink } from "../lib/claim-link.ts";
import { contextPostUrl } from "../lib/context.ts";
import { formatTime, relativeTime, shortAddress } from "../lib/format.ts";
import { LinkClaim } from "./claim/LinkClaim.tsx";
import { ClaimedBox, type ClaimedSummary } from "./claim/RelayClaimStatus.tsx";

/** How long a link whose gift the indexer does not know is looked up before giving up. */
export const LOOKUP_LIMIT_MS = 120_000;
/** Lookups back off from 1 s to 10 s: a fresh gift appears in seconds, a wrong link never does. */
const lookupDelay = (attempt: number) => Math.min(1_000 * 1.5 ** attempt, 10_000);

const subscribeHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** The URL's fragment, following changes (another link pasted into the same tab). */
function useHash(): string {
  return useSyncExternalStore(
    subscribeHash,
    () => window.location.hash,
    () => "",
  );
}

function Notice({ children, alert = false }: { children: React.ReactNode; alert?: boolean }) {
  return (
    <section className="page narrow">
      <PageIntro page="claim" />
      <div className="card" role={alert ? "alert" : undefined} aria-busy={!alert}>
        {children}
      </div>
    </section>
  );
}

/** The gift's state that rules out a claim, in words; null when it can be claimed. */
function closedReason(row: NonNullable<ReturnType<typeof useLinkGift>["data"]>, link: ClaimLink) {
  if (row.status === "claimed") return "This gift has already been claimed.";
  if (row.status === "refunded") return "This gift expired and went back to the sender.";
  if (row.kind !== "link" || row.recipient.toLowerCase() !== link.linkKey.toLowerCase())
    return "This link does not match its gift. Ask the sender for it again.";
  if (row.expiry !== null && Number(row.expiry) <= Date.now() / 1000)
    return `This gift expired ${relativeTime(row.expiry)}; only the sender can get it back now.`;
  return null;
}

function useLinkGift(link: ClaimLink, since: number) {
  const { config } = useServices();
  return useQuery({
    queryKey: ["gift", link.giftId?.toString(), link.linkKey],
    queryFn: () =>
      link.giftId != null
        ? fetchGift(indexerClient(config.indexerUrl), link.giftId)
        : fetchLinkGift(indexerClient(config.indexerUrl), link.linkKey as Address),
    // A gift sent seconds ago may not be indexed yet: ask again, for a bounded time.
    refetchInterval: (query) =>
      query.state.data || Date.now() - since > LOOKUP_LIMIT_MS
        ? false
        : lookupDelay(query.state.dataUpdateCount),
  });
}

function LinkGift({ link }: { link: ClaimLink }) {
  const [since, setSince] = useState(() => Date.now());
  const [claimed, setClaimed] = useState<ClaimedSummary | null>(null);
  const gift = useLinkGift(link, since);
  const row = gift.data;
  // Read on every render so that each lookup's end re-renders (the data stays null meanwhile).
  const fetching = gift.isFetching;
  if (!row) {
    if (gift.isError) return <Notice alert>{(gift.error as Error).message}</Notice>;
    if (Date.now() - since > LOOKUP_LIMIT_MS && !fetching)
      return (
        <Notice alert>
          <p data-testid="claim-not-found">
            No gift matches this link. If it was sent just now, look again in a minute; otherwise
            ask the sender to check the link.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setSince(Date.now());
              void gift.refetch();
            }}
          >
            Look again
          </button>
        </Notice>
      );
    return <Notice>Looking up the gift…</Notice>;
  }
  const closed = closedReason(row, link);
  const post = contextPostUrl(row.context);
  return (
    <section className="page narrow">
      <PageIntro page="claim" />
      <div className="card gift-card">
        <p className="gift-card-amount" data-testid="claim-amount">
          {formatBoon(row.amount)} <span className="unit">BOON</span>
        </p>
        <p className="muted">
          From <span className="mono">{shortAddress(getAddress(row.sender))}</span> · sent{" "}
          {formatTime(row.sentTimestamp)}
        </p>
        {row.message ? <blockquote className="gift-message">“{row.message}”</blockquote> : null}
        {post ? (
          <p>
            <a href={post} target="_blank" rel="noreferrer">
              The X post this gift answers
            </a>
          </p>
        ) : null}
        {claimed ? (
          <ClaimedBox claim={claimed} />
        ) : closed ? (
          <p role="status" data-testid="claim-closed">
            {closed} {row.status === "claimed" ? <Link href="/">Go to Boon</Link> : null}
          </p>
        ) : (
          <>
            {row.expiry ? (
              <p className="muted small">Claim it before {formatTime(row.expiry)}.</p>
            ) : null}
            <LinkClaim
              row={{ ...row, giftId: row.giftId as bigint }}
              privateKey={link.privateKey as Hex}
              onClaimed={setClaimed}
            />
          </>
        )}
      </div>
    </section>
  );
}

export default function ClaimPage() {
  const hash = useHash();
  const parsed = useMemo(() => parseClaimLink(hash), [hash]);
  if (!parsed.ok) return <Notice alert>{parsed.message}</Notice>;
  // Keyed by the link: another link pasted into this tab starts afresh.
  return <LinkGift key={parsed.link.privateKey} link={parsed.link} />;
}
