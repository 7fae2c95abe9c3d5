// Sends to the local SMTP the way Boon does: through nodemailer, from an SMTP URL.
import nodemailer from "nodemailer";
import type { MailOptions, Options } from "nodemailer/lib/smtp-transport";
import { afterEach } from "vitest";
import { smtpStandInEnv } from "./env.ts";
import { type SmtpStandIn, type SmtpStandInOptions, startSmtpStandIn } from "./server.ts";

/** A nodemailer transport for the stand-in's SMTP_URL (extra transport options on top). */
export function transportFor(smtp: SmtpStandIn, options: Options = {}) {
  return nodemailer.createTransport({ url: smtpStandInEnv(smtp).SMTP_URL, ...options });
}

/** Sends one message and closes the transport; resolves with nodemailer's info. */
export async function send(smtp: SmtpStandIn, mail: MailOptions, options: Options = {}) {
  const transport = transportFor(smtp, options);
  try {
    return await transport.sendMail({ from: "Boon <no-reply@boon.local>", ...mail });
  } finally {
    transport.close();
  }
}

/** A local SMTP that has already received `mails`, in order (the last one is the newest). */
export async function startWithMail(mails: MailOptions[]): Promise<SmtpStandIn> {
  const smtp = await startSmtpStandIn();
  for (const mail of mails) await send(smtp, mail);
  return smtp;
}

/** The SMTP error a refused send carried. */
export async function refusal(pending: Promise<unknown>) {
  try {
    await pending;
  } catch (error) {
    const e = error as { code?: string; responseCode?: number; response?: string };
    return { code: e.code, responseCode: e.responseCode, response: e.response };
  }
  throw new Error("expected the SMTP server to refuse");
}

/** A way to start local SMTPs in a test; each is stopped once its test ends. */
export function smtpPerTest(): (options?: SmtpStandInOptions) => Promise<SmtpStandIn> {
  const started: SmtpStandIn[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((smtp) => smtp.stop()));
  });
  return async (options) => {
    const smtp = await startSmtpStandIn(options);
    started.push(smtp);
    return smtp;
  };
}
