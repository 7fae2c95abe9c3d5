// The web inbox a developer reads sign-in codes and receipts in: the list (newest first, filter by
// recipient, refreshes itself) and one message (headers, the HTML body framed under a sandbox, the
// text body, attachments, the source). Plain HTML, no script; everything from a message escaped.
import { escapeHtml, html, type Reply } from "../http.ts";
import { type MailAddress, type ReceivedMail, summarize } from "./message.ts";

const style = `*{box-sizing:border-box}body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#16181d;background:#f6f7f9}
header{background:#16181d;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header .note{color:#c9ced6}header a{color:#fff;text-decoration:none;font-weight:700}.badge{background:#ffd400;color:#000;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:700}
main{max-width:60rem;margin:0 auto;padding:1rem}.note{color:#5b616e;font-size:13px}
form.filter{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}input[type=search]{flex:1 1 14rem;font:inherit;padding:.45rem .6rem;border:1px solid #c9ced6;border-radius:6px}
button{font:inherit;padding:.45rem .9rem;border-radius:6px;border:1px solid #c9ced6;background:#fff;cursor:pointer}
ol.mails{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #dde1e6;border-radius:8px}
ol.mails li+li{border-top:1px solid #eceef1}ol.mails a{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.1rem 1rem;padding:.65rem .9rem;color:inherit;text-decoration:none}
ol.mails a:hover,ol.mails a:focus{background:#f0f4ff}.who{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.when{color:#5b616e;font-size:13px;white-space:nowrap}.subject,.snippet{grid-column:1/-1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.snippet{color:#5b616e;font-size:13px}
.empty{padding:2rem 1rem;text-align:center;color:#5b616e}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem .9rem;margin:0 0 1rem;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.75rem .9rem}
dt{color:#5b616e}dd{margin:0;overflow-wrap:anywhere}h1{font-size:1.3rem;margin:.25rem 0 .75rem;overflow-wrap:anywhere}h2{font-size:1rem;margin:1.25rem 0 .5rem}
iframe{width:100%;height:32rem;border:1px solid #dde1e6;border-radius:8px;background:#fff}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.75rem .9rem;margin:0;font:14px/1.5 ui-monospace,monospace}`;

function page(title: string, body: string, extraHead = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>${extraHead}<style>${style}</style></head><body>
<header><a href="/">Local inbox</a><span class="badge">LOCAL SMTP</span><span class="note">Every email Boon sends here stays on this machine.</span></header>
<main>${body}</main></body></html>`;
}

const formatAddress = (a: MailAddress) => (a.name ? `${a.name} <${a.address}>` : a.address);
const formatAddresses = (list: MailAddress[]) => list.map(formatAddress).join(", ");
const when = (iso: string) => iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");

function listItem(mail: ReceivedMail): string {
  const { snippet } = summarize(mail);
  return `<li><a href="/view/${encodeURIComponent(mail.id)}">
<span class="who">To ${escapeHtml(mail.envelope.to.join(", "))}</span><span class="when">${escapeHtml(when(mail.receivedAt))}</span>
<span class="subject">${escapeHtml(mail.subject || "(no subject)")}</span><span class="snippet">${escapeHtml(snippet)}</span></a></li>`;
}

/** The inbox, newest first; refreshes every 5 s so a code shows up without a click. */
export function inboxPage(mails: ReceivedMail[], total: number, to: string | undefined): Reply {
  const filter = `<form class="filter" method="get" action="/"><input type="search" name="to" placeholder="Filter by recipient (email)" aria-label="Recipient" value="${escapeHtml(to ?? "")}"><button type="submit">Filter</button></form>`;
  const clear = `<form method="post" action="/clear"><button type="submit">Delete all messages</button></form>`;
  const list =
    mails.length === 0
      ? `<p class="empty">${to ? `No messages to ${escapeHtml(to)} yet.` : "No messages yet."} This page refreshes itself.</p>`
      : `<ol class="mails">${mails.map(listItem).join("")}</ol>`;
  const shown = mails.length < total ? `${mails.length} of ${total}` : String(total);
  return html(
    200,
    page(
      "Local inbox",
      total === 0
        ? `${filter}${list}`
        : `${filter}<p class="note">${shown} message${total === 1 ? "" : "s"}${to ? ` to ${escapeHtml(to)}` : ""}, newest first.</p>${list}${clear}`,
      '<meta http-equiv="refresh" content="5">',
    ),
  );
}

function headerRows(mail: ReceivedMail): string {
  const rows: [string, string][] = [
    ["From", formatAddresses(mail.from) || mail.envelope.from],
    ["To", formatAddresses(mail.to)],
    ["Delivered to", mail.envelope.to.join(", ")],
    ...(mail.cc.length > 0 ? ([["Cc", formatAddresses(mail.cc)]] as [string, string][]) : []),
    ...(mail.replyTo.length > 0
      ? ([["Reply-To", formatAddresses(mail.replyTo)]] as [string, string][])
      : []),
    ["Date", mail.date ? when(mail.date) : "(none)"],
    ["Received", when(mail.receivedAt)],
    ["Message-ID", mail.messageId ?? "(none)"],
  ];
  return rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join("");
}

/** One message. The HTML body is framed from /messages/:id/html, which carries its own sandbox. */
export function messagePage(mail: ReceivedMail): Reply {
  const id = encodeURIComponent(mail.id);
  const htmlBody =
    mail.html === null
      ? ""
      : `<h2>HTML</h2><iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" src="/messages/${id}/html"></iframe><p class="note">Shown without scripts or remote images.</p>`;
  const attachments =
    mail.attachments.length === 0
      ? ""
      : `<h2>Attachments</h2><ul>${mail.attachments
          .map(
            (a) =>
              `<li>${escapeHtml(a.filename ?? "(unnamed)")} <span class="note">${escapeHtml(a.contentType)}, ${a.size} bytes</span></li>`,
          )
          .join("")}</ul>`;
  const reply = html(
    200,
    page(
      mail.subject || "(no subject)",
      `<p><a href="/">← All messages</a></p><h1>${escapeHtml(mail.subject || "(no subject)")}</h1>
<dl>${headerRows(mail)}</dl>${htmlBody}<h2>Text</h2><pre>${escapeHtml(mail.text || "(no text part)")}</pre>${attachments}
<p class="note"><a href="/messages/${id}/raw">Source</a> · <a href="/messages/${id}">JSON</a></p>`,
    ),
  );
  // The page itself runs no script; it frames only this server's sandboxed HTML view.
  return {
    ...reply,
    headers: {
      ...reply.headers,
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'",
    },
  };
}

export function notFoundPage(id: string): Reply {
  return html(
    404,
    page("Not found", `<h1>No message ${escapeHtml(id)}</h1><p><a href="/">← All messages</a></p>`),
  );
}
