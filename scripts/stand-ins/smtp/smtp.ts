// The SMTP side: a real ESMTP server (`smtp-server`, nodemailer's own) that accepts what a mail
// provider's submission port accepts (RFC 5321 + AUTH PLAIN/LOGIN, RFC 4954; SIZE, RFC 1870;
// 8BITMIME, SMTPUTF8, PIPELINING) and keeps each message in the inbox instead of relaying it.
// Deliberately plain: STARTTLS is not offered (nodemailer upgrades whenever a server offers it,
// and there is no certificate a client could trust here), so AUTH is allowed in clear text —
// this server listens on 127.0.0.1 only.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import {
  SMTPServer,
  type SMTPServerAuthentication,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from "smtp-server";
import type { Inbox } from "./inbox.ts";
import { toReceivedMail } from "./message.ts";
import type { RefusalQueue } from "./refusals.ts";

export type SmtpCredentials = { user: string; pass: string };

export type SmtpSideOptions = {
  port: number;
  host: string;
  /** When given, AUTH is required and only this pair is accepted; otherwise any (or none). */
  auth: SmtpCredentials | undefined;
  maxMessageBytes: number;
  inbox: Inbox;
  refusals: RefusalQueue;
  log?: (message: string, details?: Record<string, unknown>) => void;
};

type Callback = (error?: Error | null) => void;

const reply = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

function authenticate(expected: SmtpCredentials | undefined) {
  return (
    auth: SMTPServerAuthentication,
    _session: SMTPServerSession,
    done: (error: Error | null | undefined, response?: { user: string }) => void,
  ) => {
    const user = auth.username ?? "";
    if (expected && (user !== expected.user || auth.password !== expected.pass))
      return done(reply(535, "Authentication credentials invalid"));
    done(null, { user });
  };
}

/** Reads DATA whole, parses it and keeps it; the reply names the inbox id, as "queued as" does. */
async function receive(
  options: SmtpSideOptions,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) throw reply(552, "Message size exceeds fixed maximum message size");
  const refusal = options.refusals.take("data");
  if (refusal) throw refusal;
  const raw = Buffer.concat(chunks);
  const parsed = await simpleParser(raw);
  const id = options.inbox.nextId();
  const { mailFrom, rcptTo } = session.envelope;
  const mail = toReceivedMail(parsed, {
    id,
    receivedAt: new Date(),
    envelope: {
      from: mailFrom ? mailFrom.address.toLowerCase() : "",
      to: rcptTo.map((r) => r.address.toLowerCase()),
    },
    authUser: typeof session.user === "string" ? session.user : null,
    size: raw.length,
  });
  options.inbox.add(mail, raw);
  options.log?.("local SMTP received", { id, to: mail.envelope.to, subject: mail.subject });
  return `Ok: queued as ${id}`;
}

function createServer(options: SmtpSideOptions): SMTPServer {
  // A refusal at RCPT refuses every recipient of that message, not only the first.
  const refusedTransactions = new Map<string, Error>();
  const transaction = (session: SMTPServerSession) => `${session.id}:${session.transaction}`;
  return new SMTPServer({
    name: "localhost",
    banner: "Boon local SMTP stand-in: nothing leaves this machine",
    logger: false,
    disableReverseLookup: true, // offline, and no DNS wait per connection
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: options.auth === undefined,
    size: options.maxMessageBytes,
    hideENHANCEDSTATUSCODES: false, // RFC 3463 codes after each reply code, as providers send
    rejectOversized: true,
    closeTimeout: 1_000,
    onAuth: authenticate(options.auth),
    onConnect(_session, done: Callback) {
      done(options.refusals.take("connect"));
    },
    onMailFrom(_address, _session, done: Callback) {
      done(options.refusals.take("mail"));
    },
    onRcptTo(_address, session, done: Callback) {
      const key = transaction(session);
      const refusal = refusedTransactions.get(key) ?? options.refusals.take("rcpt");
      if (refusal) refusedTransactions.set(key, refusal);
      done(refusal);
    },
    onData(stream, session, done: (error?: Error | null, message?: string) => void) {
      refusedTransactions.delete(transaction(session));
      receive(options, stream, session).then(
        (message) => done(null, message),
        (error: Error) => {
          if (!("responseCode" in error))
            options.log?.("local SMTP parse error", { error: error.message });
          done(
            "responseCode" in error
              ? error
              : reply(451, `Requested action aborted: ${error.message}`),
          );
        },
      );
    },
    onClose(session) {
      for (const key of refusedTransactions.keys())
        if (key.startsWith(`${session.id}:`)) refusedTransactions.delete(key);
    },
  });
}

export type SmtpSide = { port: number; stop(): Promise<void> };

/** Starts the SMTP side and resolves once it listens. */
export async function startSmtpSide(options: SmtpSideOptions): Promise<SmtpSide> {
  const server = createServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error: Error) =>
    options.log?.("local SMTP server error", { error: error.message }),
  );
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
