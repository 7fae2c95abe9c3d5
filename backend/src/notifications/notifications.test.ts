import { api, signIn } from "@boon/backend/test-support";
import { type MoneyTestApp, paidPurchase } from "@boon/backend/test-support/money-app";
import { useNotifiers } from "@boon/backend/test-support/notifiers";
import { beforeAll, describe, expect, it } from "vitest";
import { resetConsumer } from "../events/events.repository.ts";
import { notificationsSent } from "./notifications.repository.ts";
import { dollars } from "./purchase-receipt.ts";

const notifiers = useNotifiers();
const { caughtUp, stopAll, receipts } = notifiers;
let app: MoneyTestApp;
beforeAll(() => {
  app = notifiers.app;
});

describe("purchase receipt email", () => {
  it("is sent once when a purchase settles, with amount, BOON, rate, fees and a link", async () => {
    const user = await signIn(app, { email: "buyer@example.com" });
    const { id } = await paidPurchase(app, user.headers, 1_250);
    const mail = await app.mail.waitForMessage({
      to: "buyer@example.com",
      match: (m) => m.subject.startsWith("Your Boon receipt"),
    });
    expect(mail.subject).toBe("Your Boon receipt: $12.50 for 125 BOON");
    expect(mail.text).toContain("Amount paid: $12.50");
    expect(mail.text).toContain("Fees: $0.00");
    expect(mail.text).toContain("BOON credited: 125 BOON");
    expect(mail.text).toContain("Rate: 10 BOON per US dollar");
    expect(mail.text).toContain(`http://localhost:5173/purchases/${id}`);
    await caughtUp();
    expect(await notificationsSent(app.pool, user.userId)).toEqual([
      { key: `purchase_receipt:${id}`, recipient: "buyer@example.com", subject: mail.subject },
    ]);
  });

  it("is not sent again after a restart or a replay of every event", async () => {
    const user = await signIn(app, { email: "again@example.com" });
    await paidPurchase(app, user.headers, 500);
    await app.mail.waitForMessage({ to: "again@example.com" });
    await caughtUp();
    await stopAll();
    notifiers.run();
    await caughtUp();
    await stopAll();
    await resetConsumer(app.pool, "notify.purchase_receipt");
    notifiers.run();
    await caughtUp();
    // A later purchase proves the replayed consumer runs and mails what is new.
    await paidPurchase(app, user.headers, 700);
    await app.mail.waitForMessage({
      to: "again@example.com",
      match: (m) => m.subject.includes("$7.00"),
    });
    expect(receipts("again@example.com").map((m) => m.subject)).toEqual([
      "Your Boon receipt: $7.00 for 70 BOON",
      "Your Boon receipt: $5.00 for 50 BOON",
    ]);
  });

  it("retries when the mail server refuses, and records a user without an address as skipped", async () => {
    const user = await signIn(app, { email: "later@example.com" });
    app.mail.refuseNext(1);
    await paidPurchase(app, user.headers, 300);
    await app.mail.waitForMessage({ to: "later@example.com", timeoutMs: 10_000 });
    expect(app.mail.pendingRefusals()).toBe(0);
    expect(receipts("later@example.com")).toHaveLength(1);

    const walletOnly = await signIn(app);
    const { id } = await paidPurchase(app, walletOnly.headers, 300);
    await caughtUp();
    const { rows } = await app.pool.query(
      "SELECT outcome, recipient FROM notifications_sent WHERE key = $1",
      [`purchase_receipt:${id}`],
    );
    expect(rows).toEqual([{ outcome: "skipped", recipient: null }]);
    expect(
      (await api(app, "GET", `/v1/me/purchases/${id}`, { headers: walletOnly.headers })).body
        .status,
    ).toBe("paid");
  });
});

describe("dollars", () => {
  it("formats integer cents without floats", () => {
    expect(dollars(0)).toBe("$0.00");
    expect(dollars(5)).toBe("$0.05");
    expect(dollars(123_456_789)).toBe("$1,234,567.89");
  });
});
