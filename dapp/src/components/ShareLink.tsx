import { formatBoon } from "../lib/amount.ts";
import { CopyButton } from "./CopyButton.tsx";

/** The Web Share sheet when the browser has one (phones), else nothing: Copy is always there. */
function canShare(): boolean {
  return typeof navigator !== "undefined" && typeof navigator.share === "function";
}

/** Share and Copy for a claim link. */
export function ShareLink({ url, amount }: { url: string; amount: bigint }) {
  return (
    <span className="share-link">
      {canShare() ? (
        <button
          type="button"
          className="button small primary"
          onClick={
            () =>
              void navigator
                .share({ title: "A Boon gift", text: `${formatBoon(amount)} BOON for you`, url })
                .catch(() => {}) // closing the share sheet is not an error
          }
        >
          Share
        </button>
      ) : null}
      <CopyButton text={url} label="Copy link" />
    </span>
  );
}
