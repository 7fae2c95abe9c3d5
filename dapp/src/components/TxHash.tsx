import { Link } from "../app/router.tsx";
import { shortHash } from "../lib/format.ts";

/**
 * A transaction hash as people read it: shortened, linked to where it can be looked at (the
 * explorer, or the app's own /tx page), with a button that copies the whole hash.
 */
export function TxHash({ hash, href }: { hash: string; href: string | null }) {
  const text = (
    <span className="mono" title={hash}>
      {shortHash(hash)}
    </span>
  );
  return (
    <span className="tx-hash">
      <span className="visually-hidden">Transaction </span>
      {href === null ? (
        text
      ) : href.startsWith("/") ? (
        <Link href={href}>{text}</Link>
      ) : (
        <a href={href} target="_blank" rel="noreferrer">
          {text}
        </a>
      )}
      <button
        type="button"
        className="copy-hash"
        aria-label="Copy transaction hash"
        onClick={() => void navigator.clipboard?.writeText(hash)}
      >
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect
            x="8"
            y="8"
            width="12"
            height="12"
            rx="2"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          />
          <path
            d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          />
        </svg>
      </button>
    </span>
  );
}
