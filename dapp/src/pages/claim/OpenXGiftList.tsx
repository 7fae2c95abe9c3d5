import { getAddress } from "viem";
import type { OpenXGift } from "../../api/x.ts";
import { formatBoon } from "../../lib/amount.ts";
import { relativeTime, shortAddress } from "../../lib/format.ts";

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Every open gift to the account: amount, sender, message, the post it answers, expiry. */
export function OpenXGiftList({ gifts }: { gifts: OpenXGift[] }) {
  return (
    <ul className="gift-list" data-testid="x-gifts">
      {gifts.map((gift) => (
        <li key={gift.giftId} className="gift-item">
          <span className="gift-dir gift-dir-in" aria-hidden="true">
            ↓
          </span>
          <div className="gift-main">
            <p className="gift-title">
              <strong>
                From{" "}
                {gift.paidByCard ? (
                  "a Boon user"
                ) : (
                  <span className="mono">{shortAddress(getAddress(gift.sender))}</span>
                )}
              </strong>
            </p>
            <p className="muted small">
              Sent {relativeTime(seconds(gift.sentAt))} · expires{" "}
              {relativeTime(seconds(gift.expiresAt))}
              {gift.postUrl ? (
                <>
                  {" · "}
                  <a href={gift.postUrl} target="_blank" rel="noreferrer">
                    X post
                  </a>
                </>
              ) : null}
            </p>
            {gift.message ? <p className="gift-message">“{gift.message}”</p> : null}
          </div>
          <div className="gift-side">
            <p className="gift-amount gift-amount-in">
              +{formatBoon(gift.amount)} <span className="unit">BOON</span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
