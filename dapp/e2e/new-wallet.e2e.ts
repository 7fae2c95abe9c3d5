import { launchBrowser } from "@boon/scripts/browser";
import type { Browser, Page } from "playwright-core";
import { toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeResultsDir, screenshot, setWidth } from "./pages.ts";
import { type Stack, startStack } from "./stack.ts";

const passcode = "correct horse battery";

let stack: Stack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let page: Page;
let words: string[] = [];
let address = "";

/** Saves the page at phone and desktop widths, and checks nothing runs off a phone's screen. */
async function shoot(name: string) {
  for (const width of [390, 1280] as const) {
    await setWidth(page, width);
    if (width === 390) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow, `${name} is wider than the phone`).toBeLessThanOrEqual(390);
    }
    await screenshot(page, name, width);
  }
}

const dialog = () => page.getByRole("dialog");

describe("a Boon wallet for someone who has none", () => {
  beforeAll(async () => {
    await makeResultsDir();
    // Under load a first start (contracts compiled) takes longer than the default five minutes.
    stack = await startStack();
    ({ browser, close: closeBrowser } = await launchBrowser());
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    page = await context.newPage();
    // The dev server compiles each module on first request: on a busy machine the first load of a
    // page takes longer than Playwright's default 30 s.
    page.setDefaultNavigationTimeout(120_000);
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it("is created from the connect dialog: a passcode, then the numbered recovery phrase", async () => {
    await page.goto(stack.dappUrl);
    await page.getByRole("button", { name: "Connect wallet" }).first().click();
    await dialog().getByRole("link", { name: "Create a Boon wallet" }).click();
    await page.waitForURL(/\/wallet\/new$/);
    await page.getByLabel("Passcode", { exact: true }).fill(passcode);
    await page.getByLabel("Passcode again").fill(passcode);
    await page.getByRole("button", { name: "Continue" }).click();
    const phrase = page.getByRole("list", { name: "Recovery phrase" });
    await phrase.waitFor();
    words = await phrase.locator(".phrase-word").allTextContents();
    expect(words).toHaveLength(12);
    expect(await page.locator("body").textContent()).not.toMatch(/0x[0-9a-fA-F]{64}/);
    await shoot("new-wallet-phrase");
  });

  it("is usable only after three of its words are typed back", async () => {
    await page.getByRole("button", { name: "I wrote the words down" }).click();
    const asked = page.getByLabel(/^Word #\d+$/);
    await expect.poll(() => asked.count()).toBe(3);
    for (const input of await asked.all()) await input.fill("wrong");
    await page.getByRole("button", { name: "Confirm backup" }).click();
    await page.getByText("3 words do not match.", { exact: false }).waitFor();
    await shoot("new-wallet-confirm-wrong");
    for (const input of await asked.all()) {
      const position = Number((await input.getAttribute("id"))?.replace("backup-word-", ""));
      await input.fill(words[position - 1] ?? "");
    }
    await page.getByRole("button", { name: "Confirm backup" }).click();
    await page.getByRole("heading", { name: "Your Boon wallet is ready" }).waitFor();
    address = (await page.getByTestId("wallet-address").getAttribute("data-address")) ?? "";
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    // Connected at once: the header shows the new address.
    await expect
      .poll(() => page.locator(".wallet-chip").getAttribute("title"), { timeout: 15_000 })
      .toBe(address);
    await page.getByRole("button", { name: "Copy address" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
    await shoot("new-wallet-ready");
  });

  it("keeps nothing readable in the browser's storage", async () => {
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    // Whole words among the stored text's words: a phrase word may also be a JSON key ("address")
    // or the connector's name ("wallet"), so no single word proves a leak; two in a row, in the
    // phrase's order, would. The key itself (hex) must not be there either.
    const storedWords = stored.toLowerCase().split(/[^a-z]+/);
    for (let i = 0; i + 1 < words.length; i++) {
      const pair = storedWords.some(
        (w, j) => w === words[i] && storedWords[j + 1] === words[i + 1],
      );
      expect(pair, `words ${i + 1} and ${i + 2} of the phrase are stored in the clear`).toBe(false);
    }
    const privateKey = toHex(
      mnemonicToAccount(words.join(" ")).getHdKey().privateKey as Uint8Array,
    );
    expect(stored.toLowerCase()).not.toContain(privateKey.slice(2));
    expect(stored).toContain("ciphertext");
  });

  it("signs in with Ethereum (SIWE) like any wallet", async () => {
    await page.goto(new URL("/buy", stack.dappUrl).toString());
    // A reload locks the wallet: unlock it from the connect dialog, a wrong passcode first.
    await page.getByRole("button", { name: "Connect wallet" }).first().click();
    await dialog()
      .getByRole("button", { name: /^Boon wallet/ })
      .click();
    await dialog().getByLabel("Passcode").fill("not my passcode");
    await dialog().getByRole("button", { name: "Unlock and connect" }).click();
    await dialog().getByText("That passcode does not unlock this wallet").waitFor();
    await shoot("new-wallet-unlock-wrong");
    await dialog().getByLabel("Passcode").fill(passcode);
    await dialog().getByRole("button", { name: "Unlock and connect" }).click();
    await expect
      .poll(() => page.locator(".wallet-chip").getAttribute("title"), { timeout: 15_000 })
      .toBe(address);
    await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await page.getByTestId("credit-balance").waitFor({ timeout: 30_000 });
  });
});
