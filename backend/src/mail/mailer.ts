// Email leaves the backend one way: SMTP through nodemailer, to SMTP_URL. In production that is a
// provider's submission server; under `npm start` and in tests it is the local SMTP stand-in
// (scripts/stand-ins/smtp), which speaks the same protocol and keeps what it receives.
import nodemailer from "nodemailer";
import type { MailConfig } from "../config.ts";

export type MailMessage = { to: string; subject: string; text: string; html?: string };

export type Mailer = {
  /** Resolves once the SMTP server accepted the message; rejects on any refusal or failure. */
  send: (message: MailMessage) => Promise<void>;
  close: () => void;
};

/**
 * A request waits on the send (sign-in answers 503 if the mail cannot go), so the waits are short:
 * nodemailer's own defaults are 2 min to connect and 10 min of socket silence. Options in
 * SMTP_URL's query (`?pool=true&socketTimeout=60000`) take precedence.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({ ...TIMEOUTS, url: config.smtpUrl });
  return {
    send: async (message) => {
      await transport.sendMail({ from: config.from, ...message });
    },
    close: () => transport.close(),
  };
}
