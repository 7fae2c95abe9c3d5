import nodemailer from "nodemailer";
import type { Logger } from "pino";

export type MailMessage = { to: string; subject: string; text: string };

export type Mailer = {
  send: (message: MailMessage) => Promise<void>;
  close: () => void;
};

export type StoredMail = MailMessage & { from: string; sentAt: string };

const MAILBOX_SIZE = 200;

/**
 * Stand-in for SMTP in local development and tests: keeps the newest messages in memory and logs
 * them, so sign-in codes are readable without a mail server.
 */
export class DevMailbox {
  readonly messages: StoredMail[] = [];
  readonly from: string;
  readonly logger: Logger;

  constructor(from: string, logger: Logger) {
    this.from = from;
    this.logger = logger;
  }

  send = async (message: MailMessage): Promise<void> => {
    this.messages.unshift({ ...message, from: this.from, sentAt: new Date().toISOString() });
    this.messages.length = Math.min(this.messages.length, MAILBOX_SIZE);
    this.logger.info(
      { mail: { to: message.to, subject: message.subject, text: message.text } },
      "dev mailbox",
    );
  };

  close = (): void => {};

  /** Newest first, optionally only those sent to `to`. */
  list(to?: string): StoredMail[] {
    return to === undefined ? [...this.messages] : this.messages.filter((m) => m.to === to);
  }
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
