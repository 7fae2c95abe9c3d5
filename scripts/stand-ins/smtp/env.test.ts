// Through the package entry point, as the backend's tests and `npm start` import it.
import { type SmtpStandIn, smtpStandInEnv, startSmtpStandIn } from "@boon/scripts/stand-ins";
import nodemailer from "nodemailer";
import { afterEach, expect, it } from "vitest";

let smtp: SmtpStandIn | undefined;
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
});

it("needs nothing but SMTP_URL: nodemailer sends from the URL alone", async () => {
  smtp = await startSmtpStandIn();
  const { SMTP_URL } = smtpStandInEnv(smtp);
  expect(SMTP_URL).toBe(`smtp://127.0.0.1:${smtp.port}`);
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: "a@boon.local", to: "b@example.com", subject: "hi", text: "x" });
  transport.close();
  expect((await smtp.waitForMessage({ to: "b@example.com" })).subject).toBe("hi");
});

it("carries required credentials in the URL, encoded, and nodemailer authenticates with them", async () => {
  smtp = await startSmtpStandIn({ auth: { user: "boon@mail.local", pass: "p@ss:w/rd%?#" } });
  const { SMTP_URL } = smtpStandInEnv(smtp);
  expect(SMTP_URL).toMatch(
    /^smtp:\/\/boon%40mail\.local:p%40ss%3Aw%2Frd%25%3F%23@127\.0\.0\.1:\d+$/,
  );
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: "a@boon.local", to: "b@example.com", subject: "auth" });
  transport.close();
  expect(smtp.messages()[0]?.authUser).toBe("boon@mail.local");
});
