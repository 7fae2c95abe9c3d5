// The inbox's JSON API, for tests in other processes (the dApp's e2e) and for scripts:
//   GET    /messages?to=&after=&limit=   summaries, newest first
//   GET    /messages/:id                 one message, parsed (ReceivedMail)
//   GET    /messages/:id/raw             its source as received (RFC 5322)
//   GET    /messages/:id/html            its HTML body, sandboxed (what the web inbox frames)
//   DELETE /messages                     empties the inbox (204)
// Errors are `{"error":{"code","message"}}` with a 4xx.
import { z } from "zod";
import { json, type Reply, type StandInRequest } from "../http.ts";
import type { Inbox } from "./inbox.ts";
import { summarize } from "./message.ts";

const listQuery = z.strictObject({
  to: z
    .string()
    .trim()
    .max(254)
    .regex(/^[^@\s]+@[^@\s]+$/, "must be an email address")
    .optional(),
  after: z
    .string()
    .regex(/^\d{1,15}$/, "must be a message id")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export type ListQuery = z.infer<typeof listQuery>;

export function error(status: number, code: string, message: string): Reply {
  return json(status, { error: { code, message } });
}

export function notFound(what: string): Reply {
  return error(404, "not_found", `local SMTP: ${what} not found`);
}

/** The query of a list request, or the 400 that explains what is wrong with it. */
export function parseListQuery(url: URL): { query: ListQuery } | { reply: Reply } {
  const parsed = listQuery.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return { query: parsed.data };
  const problems = parsed.error.issues.map((issue) =>
    issue.code === "unrecognized_keys"
      ? `unknown parameter ${issue.keys.join(", ")} (to, after and limit are known)`
      : `${issue.path.join(".")}: ${issue.message}`,
  );
  return { reply: error(400, "invalid_request", problems.join("; ")) };
}

export function listMessages(inbox: Inbox, request: StandInRequest): Reply {
  const parsed = parseListQuery(request.url);
  if ("reply" in parsed) return parsed.reply;
  const { to, after, limit } = parsed.query;
  const all = inbox.list({ ...(to ? { to } : {}), ...(after ? { after } : {}) });
  return json(200, { total: all.length, messages: all.slice(0, limit).map(summarize) });
}

export function getMessage(inbox: Inbox, id: string): Reply {
  const mail = inbox.get(id);
  return mail ? json(200, mail) : notFound(`message ${id}`);
}

export function getRaw(inbox: Inbox, id: string): Reply {
  const raw = inbox.raw(id);
  if (!raw) return notFound(`message ${id}`);
  return {
    status: 200,
    body: raw.toString("utf8"),
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  };
}

/**
 * The HTML body under a CSP sandbox: no scripts, no forms, no remote content (images only as
 * data: URLs, which is how mailparser inlines cid: images), links open in a new tab. Served alone
 * or framed, it can never act as the inbox's origin.
 */
export function getHtml(inbox: Inbox, id: string): Reply {
  const mail = inbox.get(id);
  if (!mail) return notFound(`message ${id}`);
  if (mail.html === null) return notFound(`an HTML body of message ${id}`);
  return {
    status: 200,
    body: `<base target="_blank">${mail.html}`,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  };
}

export function deleteMessages(inbox: Inbox): Reply {
  inbox.clear();
  return { status: 204 };
}
