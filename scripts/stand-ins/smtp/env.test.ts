// Through the package entry point, as the backend's tests and `npm start` import it.
import { smtpStandInEnv } from "@boon/scripts/stand-ins";
import nodemailer from "nodemailer";
import { expect, it } from "vitest";
import { smtpPerTest } from "./test-support.ts";

const startSmtp = smtpPerTest();

it("needs nothing but SMTP_URL: nodemailer sends from the URL alone", async () => {
  const smtp = await startSmtp();
  const { SMTP_URL } = smtpStandInEnv(smtp);
  expect(SMTP_URL).toBe(`smtp://127.0.0.1:${smtp.port}`);
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: "a@boon.local", to: "b@example.com", subject: "hi", text: "x" });
  transport.close();
  expect((await smtp.waitForMessage({ to: "b@example.com" })).subject).toBe("hi");
});

it("carries required credentials in the URL, encoded, and nodemailer authenticates with them", async () => {
  const smtp = await startSmtp({ auth: { user: "boon@mail.local", pass: "p@ss:w/rd%?#" } });
  const { SMTP_URL } = smtpStandInEnv(smtp);
  expect(SMTP_URL).toMatch(
    /^smtp:\/\/boon%40mail\.local:p%40ss%3Aw%2Frd%25%3F%23@127\.0\.0\.1:\d+$/,
  );
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: "a@boon.local", to: "b@example.com", subject: "auth" });
  transport.close();
  expect(smtp.messages()[0]?.authUser).toBe("boon@mail.local");
});
