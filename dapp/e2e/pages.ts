// What the end-to-end suites do with pages and the local stack alike: screenshots at phone and
// desktop widths, dev wallets, waiting for the indexer, and sign-in codes from the local inbox.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const resultsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../test-results",
);

export const makeResultsDir = () => mkdir(resultsDir, { recursive: true });

/** Sets `page` to the phone (390 px) or desktop (1280 px) viewport. */
export const setWidth = (page: Page, width: 390 | 1280) =>
  page.setViewportSize({ width, height: width === 390 ? 844 : 900 });

export const screenshot = (page: Page, name: string, width: 390 | 1280) =>
  page.screenshot({ path: path.join(resultsDir, `${name}-${width}.png`), fullPage: true });

/** Saves `page` at phone and desktop widths. */
export async function shoot(page: Page, name: string) {
  for (const width of [390, 1280] as const) {
    await setWidth(page, width);
    await screenshot(page, name, width);
  }
}

/** Connects one of the dev wallets the connect dialog offers (`name` as the dialog lists it). */
export async function connectDevWallet(page: Page, name: string) {
  await page.getByRole("button", { name: "Connect wallet" }).first().click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: new RegExp(`^${name}`) })
    .click();
  await expect.poll(() => page.locator(".wallet-chip").count(), { timeout: 15_000 }).toBe(1);
}

/** Reloads until `text` shows: the indexer follows the chain a moment behind. */
export async function waitForText(page: Page, text: string | RegExp, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.getByText(text).first().waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}

type InboxList = { messages: { id: string; subject: string }[] };

/** The emails to `email` in the local SMTP's inbox API, newest first. */
export async function inboxMessages(inboxUrl: string, email: string) {
  return ((await (await fetch(`${inboxUrl}/messages?to=${email}`)).json()) as InboxList).messages;
}

/** The newest email to `email` in the local SMTP's inbox API, and the sign-in code it carries. */
export async function newestCodeEmail(
  inboxUrl: string,
  email: string,
): Promise<{ subject: string | undefined; code: string }> {
  const list = () => inboxMessages(inboxUrl, email);
  await expect.poll(async () => (await list()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  const [newest] = await list();
  const mail = (await (await fetch(`${inboxUrl}/messages/${newest?.id}`)).json()) as {
    text: string;
  };
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in the email: ${mail.text}`);
  return { subject: newest?.subject, code };
}
