// Waiting for mail: what a test does after it asked Boon to send some.
import { expect, it } from "vitest";
import { startSmtpStandIn } from "./server.ts";
import { send, smtpPerTest } from "./test-support.ts";

const startSmtp = smtpPerTest();

it("returns the newest matching message already received", async () => {
  const smtp = await startSmtp();
  await send(smtp, { to: "a@example.com", subject: "code 111111" });
  await send(smtp, { to: "a@example.com", subject: "code 222222" });
  await send(smtp, { to: "b@example.com", subject: "code 333333" });
  expect((await smtp.waitForMessage({ to: "A@example.com" })).subject).toBe("code 222222");
});

it("waits for a message still to come, by recipient, predicate and position", async () => {
  const s = await startSmtp();
  await send(s, { to: "a@example.com", subject: "old receipt" });
  const [old] = s.messages();
  const waiting = s.waitForMessage({
    to: "a@example.com",
    after: old?.id,
    match: (mail) => mail.subject.includes("receipt"),
    timeoutMs: 5_000,
  });
  await send(s, { to: "b@example.com", subject: "receipt for b" });
  await send(s, { to: "a@example.com", subject: "sign-in code" });
  await send(s, { to: "a@example.com", subject: "new receipt" });
  expect((await waiting).subject).toBe("new receipt");
});

it("times out naming what it waited for and what did arrive", async () => {
  const smtp = await startSmtp();
  await send(smtp, { to: "b@example.com", subject: "hello" });
  await expect(smtp.waitForMessage({ to: "a@example.com", timeoutMs: 100 })).rejects.toThrow(
    /no message to a@example\.com within 100 ms \(messages: 1, newest first: 1 to b@example\.com "hello"\)/,
  );
});

it("fails pending waits when it stops", async () => {
  const s = await startSmtpStandIn();
  const waiting = s.waitForMessage({ to: "a@example.com", timeoutMs: 10_000 });
  await s.stop();
  await expect(waiting).rejects.toThrow(/stopped/);
});
