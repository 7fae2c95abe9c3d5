import { useConnection } from "wagmi";
import { useExplorerTx } from "../../app/explorer.ts";
import { Link } from "../../app/router.tsx";
import { OpenLinks } from "../../components/OpenLinks.tsx";
import { QrCode } from "../../components/QrCode.tsx";
import { ShareLink } from "../../components/ShareLink.tsx";
import { TxHash } from "../../components/TxHash.tsx";
import { formatBoon } from "../../lib/amount.ts";
import type { Created } from "./types.ts";
import { XReplies, XReply } from "./XReply.tsx";

type SentLink = Created["links"][number];

/** One claim link: its QR code when it is the only one, the URL with Share and Copy, its amount. */
function SentLinkItem({ link, index, only }: { link: SentLink; index: number; only: boolean }) {
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
        <ShareLink url={link.url} amount={link.amount} />
      </div>
      <p className="muted small">
        {only ? "Gift" : `Gift ${index + 1}`} · {formatBoon(link.amount)} BOON
      </p>
    </li>
  );
}

function SentLinks({ links }: { links: SentLink[] }) {
  const only = links.length === 1;
  return (
    <>
      <p className="warning-box">
        Whoever holds {only ? "this link" : "a link"} can claim its gift: send it only to the person
        it is for. This device keeps an encrypted copy so you can share {only ? "it" : "them"}{" "}
        again.
      </p>
      <ul className="link-list">
        {links.map((link, index) => (
          <SentLinkItem key={link.url} link={link} index={index} only={only} />
        ))}
      </ul>
    </>
  );
}

/** Shown after sending: what went to whom, its transaction, the claim links and the open ones. */
export function SentPanel({ created, onDone }: { created: Created; onDone: () => void }) {
  const explorerTx = useExplorerTx();
  const { address } = useConnection();
  return (
    <>
      <div className="card sent-panel" role="status">
        <h2>Sent</h2>
        <p data-testid="sent-headline">
          <strong>{created.headline}</strong>
        </p>
        {created.txHash ? (
          <p className="small">
            <TxHash hash={created.txHash} href={explorerTx(created.txHash)} />
          </p>
        ) : null}
        {created.note ? <p>{created.note}</p> : null}
        {created.links.length > 0 ? <SentLinks links={created.links} /> : null}
        {created.x ? <XReply handle={created.x.handle} intentUrl={created.x.intentUrl} /> : null}
        {created.xReplies?.length ? <XReplies replies={created.xReplies} /> : null}
        <div className="row">
          <button type="button" className="button primary" onClick={onDone}>
            Send another
          </button>
          <Link href="/activity" className="button">
            See activity
          </Link>
        </div>
      </div>
      {address ? <OpenLinks sender={address} /> : null}
    </>
  );
}
