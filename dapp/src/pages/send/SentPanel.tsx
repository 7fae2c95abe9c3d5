import { useState } from "react";
import { Link } from "../../app/router.tsx";
import { QrCode } from "../../components/QrCode.tsx";
import { formatBoon } from "../../lib/amount.ts";
import type { Created } from "./types.ts";
import { XReply } from "./XReply.tsx";

type SentLink = Created["links"][number];

/** One claim link: its QR code when it is the only one, the URL to copy and its amount. */
function SentLinkItem({
  link,
  index,
  only,
  copied,
  onCopy,
}: {
  link: SentLink;
  index: number;
  only: boolean;
  copied: boolean;
  onCopy: () => void;
}) {
  return (
    <li>
      {only ? <QrCode text={link.url} label="QR code of the claim link" /> : null}
      <div className="link-row">
        <input
          readOnly
          value={link.url}
          aria-label={only ? "Claim link" : `Claim link ${index + 1}`}
          data-testid="claim-link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="button small"
          onClick={() => {
            void navigator.clipboard?.writeText(link.url);
            onCopy();
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="muted small">
        {only ? "Gift" : `Gift ${index + 1}`} · {formatBoon(link.amount)} BOON
      </p>
    </li>
  );
}

function SentLinks({ links }: { links: SentLink[] }) {
  // One "Copied" at a time: the last link copied is the one on the clipboard.
  const [copied, setCopied] = useState<string | null>(null);
  const only = links.length === 1;
  return (
    <>
      <p className="warning-box">
        Copy {only ? "this link" : "these links"} now: {only ? "it is" : "they are"} shown only
        once, and whoever holds a link can claim its gift.
      </p>
      <ul className="link-list">
        {links.map((link, index) => (
          <SentLinkItem
            key={link.url}
            link={link}
            index={index}
            only={only}
            copied={copied === link.url}
            onCopy={() => setCopied(link.url)}
          />
        ))}
      </ul>
    </>
  );
}

/** Shown once after sending: the claim links and their QR codes. */
export function SentPanel({ created, onDone }: { created: Created; onDone: () => void }) {
  return (
    <div className="card sent-panel" role="status">
      <h2>Sent</h2>
      {created.note ? <p>{created.note}</p> : null}
      {created.delivered > 0 ? (
        <p>
          {created.delivered === 1
            ? "The gift was delivered."
            : `${created.delivered} gifts were delivered.`}
        </p>
      ) : null}
      {created.links.length > 0 ? <SentLinks links={created.links} /> : null}
      {created.x ? <XReply handle={created.x.handle} intentUrl={created.x.intentUrl} /> : null}
      <div className="row">
        <button type="button" className="button primary" onClick={onDone}>
          Send another
        </button>
        <Link href="/activity" className="button">
          See activity
        </Link>
      </div>
    </div>
  );
}
