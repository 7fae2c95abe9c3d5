// The local SMTP: a real SMTP server that keeps what it is sent (smtp.ts), and on its own HTTP port
// a web inbox and a JSON API to read it (pages.ts, api.ts). Pointing SMTP_URL at it instead of a
// mail provider is the whole switch.
import { decodeOrKeep, type Reply, redirect, type StandInRequest, serve } from "../http.ts";
import type { StandInOptions, StandInServer } from "../stand-in.ts";
import * as api from "./api.ts";
import { createInbox, type Inbox, type MailFilter, type WaitOptions } from "./inbox.ts";
import type { ReceivedMail } from "./message.ts";
import { inboxPage, messagePage, notFoundPage } from "./pages.ts";
import { createRefusals, type Refusal } from "./refusals.ts";
import { type SmtpCredentials, startSmtpSide } from "./smtp.ts";

/** `port` is the SMTP port. */
export type SmtpStandInOptions = StandInOptions & {
  /** The inbox's HTTP port (web page and JSON API); 0 (the default) takes a free port. */
  inboxPort?: number;
  /** Require AUTH with exactly this pair. Without it, AUTH is optional and any pair is accepted. */
  auth?: SmtpCredentials;
  /** Messages kept, newest first (older ones are dropped). Default 1000. */
  maxMessages?: number;
  /** The SIZE limit: a larger message is refused with 552. Default 10 MiB. */
  maxMessageBytes?: number;
};

/** Its `url` is `smtp://host:port`, what a client connects to (credentials, if any, in `auth`). */
export type SmtpStandIn = StandInServer & {
  auth: SmtpCredentials | undefined;
  /** The web inbox and its JSON API (`/messages`). */
  inboxUrl: string;
  inboxPort: number;
  // Test controls
  /** Received messages, newest first, optionally only those matching `filter`. */
  messages(filter?: MailFilter): ReceivedMail[];
  message(id: string): ReceivedMail;
  /** The newest message already received that matches, else the first to arrive (5 s default). */
  waitForMessage(options?: WaitOptions): Promise<ReceivedMail>;
  clear(): void;
  /** Refuses the next `count` messages with an SMTP error (default: 451 after DATA). */
  refuseNext(count: number, refusal?: Refusal): void;
  /** Refusals asked for and not yet used. */
  pendingRefusals(): number;
};

function route(inbox: Inbox, request: StandInRequest): Reply {
  const { method } = request;
  const path = request.url.pathname;
  if (method === "GET" && path === "/") return showInbox(inbox, request.url);
  if (method === "POST" && path === "/clear") {
    inbox.clear();
    return redirect("/", 303);
  }
  let m = /^\/view\/([^/]+)$/.exec(path);
  if (method === "GET" && m) {
    const id = decodeOrKeep(m[1] as string);
    const mail = inbox.get(id);
    return mail ? messagePage(mail) : notFoundPage(id);
  }
  if (path === "/messages") {
    if (method === "GET") return api.listMessages(inbox, request);
    if (method === "DELETE") return api.deleteMessages(inbox);
  }
  m = /^\/messages\/([^/]+)(\/raw|\/html)?$/.exec(path);
  if (method === "GET" && m) {
    const id = decodeOrKeep(m[1] as string);
    if (m[2] === "/raw") return api.getRaw(inbox, id);
    if (m[2] === "/html") return api.getHtml(inbox, id);
    return api.getMessage(inbox, id);
  }
  return api.error(404, "not_found", `local SMTP: no route ${method} ${path}`);
}

/** The page's filter is forgiving (part of an address will do); the API's `to` is exact. */
function showInbox(inbox: Inbox, url: URL): Reply {
  const to = url.searchParams.get("to")?.trim().toLowerCase() || undefined;
  const all = inbox.list(
    to ? { match: (mail) => mail.envelope.to.some((address) => address.includes(to)) } : {},
  );
  return inboxPage(all.slice(0, 200), all.length, to);
}

/** Starts the local SMTP and its inbox on 127.0.0.1 (free ports unless given). */
export async function startSmtpStandIn(options: SmtpStandInOptions = {}): Promise<SmtpStandIn> {
  const host = options.host ?? "127.0.0.1";
  const inbox = createInbox(options.maxMessages ?? 1000);
  const refusals = createRefusals();
  const smtp = await startSmtpSide({
    port: options.port ?? 0,
    host,
    auth: options.auth,
    maxMessageBytes: options.maxMessageBytes ?? 10 * 1024 * 1024,
    inbox,
    refusals,
    ...(options.log ? { log: options.log } : {}),
  });
  const web = await serve(
    { port: options.inboxPort, host, name: "SMTP inbox", log: options.log },
    (request) => route(inbox, request),
  ).catch(async (error: unknown) => {
    await smtp.stop();
    throw error;
  });
  const url = `smtp://${host}:${smtp.port}`;
  options.log?.("local SMTP stand-in listening", { url, inbox: web.url });
  return {
    url,
    host,
    port: smtp.port,
    auth: options.auth && { ...options.auth },
    inboxUrl: web.url,
    inboxPort: web.port,
    async stop() {
      inbox.stop();
      await Promise.all([smtp.stop(), web.stop()]);
    },
    messages: (filter) => inbox.list(filter),
    message(id) {
      const mail = inbox.get(id);
      if (!mail) throw new Error(`local SMTP: no message ${id}`);
      return mail;
    },
    waitForMessage: (waitOptions) => inbox.wait(waitOptions),
    clear: () => void inbox.clear(),
    refuseNext: (count, refusal) => refusals.add(count, refusal),
    pendingRefusals: () => refusals.pending(),
  };
}
