import type { Address } from "viem";
import { useGifts } from "../../app/gifts.ts";
import { Link } from "../../app/router.tsx";
import { GiftListState } from "../../components/GiftList.tsx";
import { OpenLinks } from "../../components/OpenLinks.tsx";
import { ClaimLinkBox } from "./ClaimLinkBox.tsx";

/** A connected wallet's gifts: waiting to be claimed, recent ones, and the open claim links. */
export default function WalletGifts({ address }: { address: Address }) {
  const waiting = useGifts({ account: address, direction: "received", status: "pending" }, 5);
  const recent = useGifts({ account: address }, 5);
  return (
    <>
      <h2>Waiting for you</h2>
      <GiftListState
        query={{ ...waiting, optimistic: [] }}
        me={address}
        empty={<p>No gifts waiting. Claim links you receive open here.</p>}
      />
      <ClaimLinkBox />
      <div className="section-head">
        <h2>Recent activity</h2>
        <Link href="/activity">See all</Link>
      </div>
      <GiftListState
        query={recent}
        limit={5}
        me={address}
        empty={<p>Nothing yet. Your first gift is a click away.</p>}
      />
      <OpenLinks sender={address} limit={5} />
    </>
  );
}
