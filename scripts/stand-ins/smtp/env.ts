// The configuration key through which Boon reaches a mail server. A provider's submission server
// (`smtps://user:pass@smtp.example.com:465`, or `smtp://…:587`, upgraded with STARTTLS) is the
// real one; the local SMTP is the same key pointing at the stand-in.
import type { SmtpStandIn } from "./server.ts";

export type SmtpEnv = {
  /** `smtp(s)://[user:pass@]host:port`, read by nodemailer. */
  SMTP_URL: string;
};

/** The key that points Boon at a running local SMTP, with its credentials when it requires some. */
export function smtpStandInEnv(smtp: SmtpStandIn): SmtpEnv {
  const url = new URL(smtp.url);
  if (smtp.auth) {
    url.username = encodeURIComponent(smtp.auth.user);
    url.password = encodeURIComponent(smtp.auth.pass);
  }
  return { SMTP_URL: url.toString().replace(/\/$/, "") };
}
