// The web inbox, as a developer uses it: in Chromium at phone and desktop widths (screenshots in
// scripts/test-results/), with hostile mail that must stay inert.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../test/browser.ts";
import type { SmtpStandIn } from "./server.ts";
import { startWithMail } from "./test-support.ts";

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test-results");
const hostile = '<script>document.title="pwned"</script><b>bold</b>';

let smtp: SmtpStandIn;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let page: Page;

beforeAll(async () => {
  await mkdir(resultsDir, { recursive: true });
  smtp = await startWithMail([
    {
      to: "ada@example.com",
      subject: "Your Boon sign-in code: 123456",
      text: "Your Boon sign-in code is 123456.\n\nIt expires in 10 minutes.",
    },
    {
      to: "Bob <bob@example.com>",
      subject: `Receipt ${hostile}`,
      text: `Thanks ${hostile}`,
      html: `<h1 id="receipt">Receipt</h1><p>You paid <b>$25.00</b> for 250 BOON.</p><a href="https://boon.example/r/1">View</a>${hostile}<img src="https://tracker.example/p.gif" alt="">`,
      attachments: [{ filename: "receipt.txt", content: "R-1" }],
    },
  ]);
  ({ browser, close: closeBrowser } = await launchBrowser());
  page = await browser.newPage();
});
afterAll(async () => {
  await closeBrowser?.();
  await smtp?.stop();
});

async function shoot(name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({
      path: path.join(resultsDir, `smtp-${name}-${width}.png`),
      fullPage: true,
    });
  }
}

describe("the web inbox", () => {
  it("lists messages newest first, escaped, and filters by recipient", async () => {
    await page.goto(smtp.inboxUrl);
    const rows = page.locator("ol.mails li");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(`Receipt ${hostile}`);
    expect(await rows.nth(1).textContent()).toContain("Your Boon sign-in code: 123456");
    expect(await page.title()).toBe("Local inbox");
    await shoot("inbox");
    await page.getByRole("searchbox", { name: "Recipient" }).fill("ada@");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/\?to=ada%40/);
    expect(await rows.count()).toBe(1);
    await page.goto(`${smtp.inboxUrl}/?to=nobody`);
    expect(await page.locator(".empty").textContent()).toMatch(/No messages to nobody yet/);
  });

  it("shows a message: headers, the HTML body framed without scripts, text, attachments", async () => {
    await page.goto(smtp.inboxUrl);
    await page.locator("ol.mails a").first().click();
    await page.waitForURL(/\/view\/2$/);
    expect(await page.locator("h1").textContent()).toBe(`Receipt ${hostile}`);
    expect(await page.locator("dl").textContent()).toContain("bob@example.com");
    const body = page.frameLocator('iframe[title="HTML body"]');
    expect(await body.locator("#receipt").textContent()).toBe("Receipt");
    expect(await body.locator("a").getAttribute("href")).toBe("https://boon.example/r/1");
    expect(await page.locator("pre").textContent()).toBe(`Thanks ${hostile}`);
    expect(await page.getByText("receipt.txt").count()).toBe(1);
    await shoot("message");
    // Neither the page nor the framed body ran the message's script.
    expect(await page.title()).toBe(`Receipt ${hostile}`);
    const frame = page.frames()[1];
    expect(frame?.url()).toBe(`${smtp.inboxUrl}/messages/2/html`);
    expect(await frame?.evaluate("document.title")).toBe("");
  });

  it("empties on 'Delete all messages'", async () => {
    await page.goto(smtp.inboxUrl);
    await page.getByRole("button", { name: "Delete all messages" }).click();
    await page.waitForURL(`${smtp.inboxUrl}/`);
    expect(await page.locator(".empty").textContent()).toMatch(/^No messages yet\./);
    expect(smtp.messages()).toEqual([]);
    await shoot("empty");
    expect((await fetch(`${smtp.inboxUrl}/view/2`)).status).toBe(404);
  });
});
