// A received message as the inbox keeps and serves it: the SMTP envelope (who the server was told
// to deliver to, Bcc included) beside the parsed headers and bodies that mailparser reads from
// the raw source.
import type { AddressObject, ParsedMail } from "mailparser";

export type MailAddress = { address: string; name: string };

export type ReceivedMail = {
  /** Sequential per stand-in ("1", "2", ...): a later message has a larger id. */
  id: string;
  receivedAt: string;
  /** MAIL FROM and RCPT TO, as the client sent them (addresses lower-cased). */
  envelope: { from: string; to: string[] };
  /** The SMTP user the client authenticated as, if it did. */
  authUser: string | null;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  /** The Date header, ISO 8601; null when absent. */
  date: string | null;
  messageId: string | null;
  /** The plain-text body ("" when the message has none). */
  text: string;
  /** The HTML body (cid: images inlined as data: URLs); null when the message has none. */
  html: string | null;
  /** Every header line in order, unfolded; values as sent (encoded words not decoded). */
  headers: { key: string; value: string }[];
  attachments: { filename: string | null; contentType: string; size: number }[];
  /** Bytes of the raw message. */
  size: number;
};

/** One line of the inbox list. */
export type MailSummary = Pick<
  ReceivedMail,
  "id" | "receivedAt" | "envelope" | "from" | "subject" | "size"
> & { snippet: string; attachments: number };

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const flat: MailAddress[] = [];
  const walk = (list: AddressObject["value"]) => {
    for (const entry of list) {
      if (entry.group) walk(entry.group);
      else if (entry.address) flat.push({ address: entry.address, name: entry.name ?? "" });
    }
  };
  for (const object of objects) walk(object.value);
  return flat;
}

export function toReceivedMail(
  parsed: ParsedMail,
  meta: {
    id: string;
    receivedAt: Date;
    envelope: ReceivedMail["envelope"];
    authUser: string | null;
    size: number;
  },
): ReceivedMail {
  return {
    id: meta.id,
    receivedAt: meta.receivedAt.toISOString(),
    envelope: meta.envelope,
    authUser: meta.authUser,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    subject: parsed.subject ?? "",
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    messageId: parsed.messageId ?? null,
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    headers: parsed.headerLines.map(({ key, line }) => ({
      key,
      value: line
        .slice(line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    })),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
    size: meta.size,
  };
}

export function summarize(mail: ReceivedMail): MailSummary {
  return {
    id: mail.id,
    receivedAt: mail.receivedAt,
    envelope: mail.envelope,
    from: mail.from,
    subject: mail.subject,
    size: mail.size,
    snippet: mail.text.replace(/\s+/g, " ").trim().slice(0, 140),
    attachments: mail.attachments.length,
  };
}

/** A deep copy, so callers can never change what the inbox holds. */
export function copyMail(mail: ReceivedMail): ReceivedMail {
  return structuredClone(mail);
}
