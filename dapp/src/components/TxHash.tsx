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
        <span aria-hidden="true">⧉</span>
      </button>
    </span>
  );
}
