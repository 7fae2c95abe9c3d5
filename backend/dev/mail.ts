import { smtpStandInEnv, startSmtpStandIn } from "@boon/scripts/stand-ins";

/**
 * Development only: with no SMTP_URL, starts the local SMTP stand-in on free ports and points
 * SMTP_URL at it, so sign-in codes can be read in its web inbox. Returns how to stop it.
 */
export async function provideDevMail(): Promise<() => Promise<void>> {
  if (process.env.SMTP_URL) return async () => {};
  const smtp = await startSmtpStandIn();
  Object.assign(process.env, smtpStandInEnv(smtp));
  process.stderr.write(
    `SMTP_URL not set; email goes to the local SMTP stand-in at ${smtp.url}, read it at ${smtp.inboxUrl}\n`,
  );
  return smtp.stop;
}
