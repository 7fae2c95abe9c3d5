import { type UseQueryResult, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback, useState } from "react";
import type { Address } from "viem";
import { fetchLinkedX, fetchOpenXGifts, type LinkedX } from "../../api/x.ts";
import { useServices } from "../../app/services.tsx";
import { useSession, useSignedInQuery } from "../../app/session.ts";
import { PageIntro } from "../../components/PageIntro.tsx";
import { ClaimXGifts } from "./ClaimXGifts.tsx";
import { OpenXGiftList } from "./OpenXGiftList.tsx";
import { ClaimedBox, type ClaimedSummary } from "./RelayClaimStatus.tsx";
import { SignInWithX, useXOutcome } from "./SignInWithX.tsx";

function Frame({ children, outcome }: { children: React.ReactNode; outcome?: string | null }) {
  return (
    <section className="page narrow">
      <PageIntro page="claim" />
      <h2>Gifts to your X account</h2>
      {outcome ? (
        <p className="field-error" role="alert">
          {outcome}
        </p>
      ) : null}
      {children}
    </section>
  );
}

function Loading({ text }: { text: string }) {
  return (
    <div className="card" aria-busy="true">
      <p>{text}</p>
    </div>
  );
}

function Failed({ text, retry }: { text: string; retry: () => void }) {
  return (
    <div className="card" role="alert">
      <p>{text}</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/** The linked account's open gifts, and the claim of them all. */
function XGifts({ account, wallets }: { account: LinkedX; wallets: Address[] }) {
  const { backend } = useServices();
  const queryClient = useQueryClient();
  const gifts = useQuery({ queryKey: ["x-gifts"], queryFn: () => fetchOpenXGifts(backend) });
  const [claimed, setClaimed] = useState<ClaimedSummary | null>(null);
  const onClaimed = useCallback(
    (claim: ClaimedSummary) => {
      setClaimed(claim);
      void queryClient.invalidateQueries({ queryKey: ["x-gifts"] });
    },
    [queryClient],
  );
  const handle = `@${account.handle}`;
  if (gifts.isPending) return <Loading text={`Looking for gifts to ${handle}…`} />;
  if (gifts.isError)
    return (
      <Failed
        text={`The gifts to ${handle} cannot be loaded: ${gifts.error.message}`}
        retry={() => void gifts.refetch()}
      />
    );
  // The indexer may list a claimed gift for a moment more: never offer it twice.
  const open = gifts.data.gifts.filter((gift) => !claimed?.giftIds.includes(gift.giftId));
  return (
    <div className="card stack">
      <p className="muted">
        Signed in as <strong>{handle}</strong> ({account.name})
      </p>
      {claimed ? <ClaimedBox claim={claimed} /> : null}
      {open.length === 0 ? (
        <div className="empty" data-testid="x-gifts-empty">
          <p>No open gifts for {handle}.</p>
          <p className="muted small">
            Gifts show here as soon as they are on chain; claimed and expired ones do not.
          </p>
        </div>
      ) : (
        <>
          <OpenXGiftList gifts={open} />
          {gifts.data.more ? (
            <p className="muted small">More gifts are waiting: claim these, then the rest.</p>
          ) : null}
        </>
      )}
      {open.length > 0 ? (
        <ClaimXGifts gifts={open} provenWallets={wallets} onClaimed={onClaimed} />
      ) : null}
    </div>
  );
}

/** A query still loading or failed, as the card that says so; null once it has its data. */
function waiting(query: UseQueryResult<unknown>, loadingText: string): ReactNode {
  if (query.isPending) return <Loading text={loadingText} />;
  if (query.isError)
    return <Failed text={query.error.message} retry={() => void query.refetch()} />;
  return null;
}

/** Where the visitor stands: signed in? X account linked? Then the gifts. */
function XClaimSteps() {
  const session = useSession();
  const linked = useSignedInQuery(["me", "x"], fetchLinkedX);
  const sessionWait = waiting(session, "Checking your sign-in…");
  if (sessionWait) return sessionWait;
  if (!session.data)
    return (
      <div className="card stack" data-testid="x-signed-out">
        <p>
          Sign in with the X account the gifts were sent to. Boon only reads who you are on X; it
          never posts.
        </p>
        <SignInWithX purpose="sign_in" />
      </div>
    );
  const linkedWait = waiting(linked, "Checking your X account…");
  if (linkedWait) return linkedWait;
  if (!linked.data)
    return (
      <div className="card stack">
        <p>Link the X account the gifts were sent to. Boon only reads who you are on X.</p>
        <SignInWithX purpose="link" />
      </div>
    );
  const wallets = session.data.wallets.map((w) => w.address as Address);
  return <XGifts account={linked.data} wallets={wallets} />;
}

/** /claim/x: sign in with X, see every open gift to the account, claim them all. */
export default function XClaimPage() {
  const outcome = useXOutcome();
  return (
    <Frame outcome={outcome}>
      <XClaimSteps />
    </Frame>
  );
}
