import {
  api,
  requestEmailCode,
  sessionCookieHeader,
  startTestApp,
  useTestApp,
} from "@boon/backend/test-support";
import { authTableCounts } from "@boon/backend/test-support/db-counts";
import { startSmtpStandIn } from "@boon/scripts/stand-ins";
import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, MAX_CODES_PER_WINDOW } from "./email-code.service.ts";

const app = useTestApp();

let counter = 0;
const newEmail = () => `user${++counter}.${Date.now()}@example.com`;

/** Starts sign-in and reads the code from the email the app's local SMTP received. */
const requestCode = (email: string) => requestEmailCode(app, email);
/** A fresh address and the code just mailed to it. */
const newCode = async () => {
  const email = newEmail();
  return { email, code: await requestCode(email) };
};
const verify = (email: string, code: string) =>
  api(app, "POST", "/v1/auth/email/verify", { body: { email, code } });

const wrongCode = (code: string) =>
  String((Number.parseInt(code, 10) + 1) % 1_000_000).padStart(6, "0");

describe("email sign-in", () => {
  it("emails a code, signs in with it, and creates the user once", async () => {
    const { email, code } = await newCode();
    const res = await verify(email, code);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email, role: "user", wallets: [] });
    const me = await api(app, "GET", "/v1/me", { headers: sessionCookieHeader(res.headers) });
    expect(me.body.email).toBe(email);

    const again = await verify(email, await requestCode(email));
    expect(again.body.user.id).toBe(res.body.user.id);
  });

  it("treats addresses case-insensitively", async () => {
    const email = newEmail();
    const first = await verify(email, await requestCode(email));
    const upper = email.toUpperCase();
    const second = await verify(upper, await requestCode(upper));
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  it("stores only a keyed hash of the code", async () => {
    const { email, code } = await newCode();
    const { rows } = await app.pool.query("SELECT code_hash FROM email_codes WHERE email = $1", [
      email,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash.toString("hex")).not.toContain(Buffer.from(code).toString("hex"));
    expect(rows[0].code_hash).toHaveLength(32);
  });

  it("a wrong code is rejected and creates nothing", async () => {
    const { email, code } = await newCode();
    const before = await authTableCounts(app.pool);
    const res = await verify(email, wrongCode(code));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("email_code_invalid");
    const after = await authTableCounts(app.pool);
    expect(after).toEqual(before);
  });

  it("a code for another address does not work", async () => {
    const code = await requestCode(newEmail());
    const other = newEmail();
    await requestCode(other);
    const res = await verify(other, code);
    expect([401]).toContain(res.status);
  });

  it("an expired code is rejected", async () => {
    const { email, code } = await newCode();
    await app.pool.query(
      "UPDATE email_codes SET expires_at = now() - interval '1 second' WHERE email = $1",
      [email],
    );
    const res = await verify(email, code);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("email_code_expired");
  });

  it(`locks the code after ${MAX_ATTEMPTS} wrong attempts, even for the right code`, async () => {
    const { email, code } = await newCode();
    const statuses: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const res = await verify(email, wrongCode(code));
      statuses.push(res.body.error.code);
    }
    expect(statuses.slice(0, -1).every((c) => c === "email_code_invalid")).toBe(true);
    expect(statuses.at(-1)).toBe("email_code_locked");
    const right = await verify(email, code);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe("email_code_locked");
  });

  it("parallel guesses cannot exceed the attempt limit", async () => {
    const { email, code } = await newCode();
    await Promise.all(Array.from({ length: 20 }, () => verify(email, wrongCode(code))));
    const { rows } = await app.pool.query("SELECT attempts FROM email_codes WHERE email = $1", [
      email,
    ]);
    expect(rows[0].attempts).toBe(MAX_ATTEMPTS);
  });

  it("a code works once", async () => {
    const { email, code } = await newCode();
    expect((await verify(email, code)).status).toBe(200);
    const replay = await verify(email, code);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("email_code_invalid");
  });

  it("requesting a new code retires the previous one", async () => {
    const email = newEmail();
    const first = await requestCode(email);
    const second = await requestCode(email);
    if (first !== second) {
      const old = await verify(email, first);
      expect(old.status).toBe(401);
    }
    expect((await verify(email, second)).status).toBe(200);
  });

  it(`limits codes per address to ${MAX_CODES_PER_WINDOW} per window`, async () => {
    const email = newEmail();
    for (let i = 0; i < MAX_CODES_PER_WINDOW; i++) await requestCode(email);
    const res = await api(app, "POST", "/v1/auth/email/start", { body: { email } });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("email_rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("reports a failing mail server as 503 mail_unavailable", async () => {
    const email = newEmail();
    app.mail.refuseNext(1); // 451 after DATA, as a provider answers when it cannot take mail
    const res = await api(app, "POST", "/v1/auth/email/start", { body: { email } });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("mail_unavailable");
    expect(app.mail.messages({ to: email })).toEqual([]);
    // The server takes mail again: the next request gets a code that works.
    const code = await requestCode(email);
    const res2 = await verify(email, code);
    expect(res2.status).toBe(200);
  });

  it("reports an unreachable mail server as 503 mail_unavailable", async () => {
    const stopped = await startSmtpStandIn();
    await stopped.stop(); // nothing listens on its port any more
    const unreachable = await startTestApp({ env: { SMTP_URL: stopped.url } });
    try {
      const res = await api(unreachable, "POST", "/v1/auth/email/start", {
        body: { email: newEmail() },
      });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("mail_unavailable");
    } finally {
      await unreachable.close();
    }
  });
});

describe("the sign-in email", () => {
  it("goes over SMTP from MAIL_FROM to the address, with the code in subject and text", async () => {
    const email = newEmail();
    const code = await requestCode(email.toUpperCase());
    const [mail] = app.mail.messages({ to: email });
    expect(mail).toMatchObject({
      envelope: { from: "no-reply@boon.local", to: [email] },
      from: [{ address: "no-reply@boon.local", name: "Boon" }],
      to: [{ address: email }],
      subject: `Your Boon sign-in code: ${code}`,
    });
    expect(mail?.text).toMatch(
      new RegExp(`^Your Boon sign-in code is ${code}\\.\n\nIt expires in 10 minutes\\.`),
    );
  });

  it("is not readable through the API: there is no mailbox route", async () => {
    expect((await api(app, "GET", "/dev/mailbox")).status).toBe(404);
  });
});
