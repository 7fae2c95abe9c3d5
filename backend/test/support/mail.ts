import { expect } from "vitest";
import type { TestApp } from "./app.ts";
import { api } from "./app.ts";

/** The 6-digit code in the newest sign-in email to `email`, read from the app's local SMTP. */
export async function emailedCode(app: Pick<TestApp, "mail">, email: string): Promise<string> {
  const mail = await app.mail.waitForMessage({
    to: email,
    match: (m) => m.subject.startsWith("Your Boon sign-in code"),
  });
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in the sign-in email: ${mail.text}`);
  return code;
}

/** Starts email sign-in over HTTP and returns the code that was emailed, as a person reads it. */
export async function requestEmailCode(app: TestApp, email: string): Promise<string> {
  const start = await api(app, "POST", "/v1/auth/email/start", { body: { email } });
  expect(start.status).toBe(202);
  return emailedCode(app, email);
}
