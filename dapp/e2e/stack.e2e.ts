import path from "node:path";
import { launchBrowser } from "@boon/scripts/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectDevWallet,
  inboxMessages,
  makeResultsDir,
  newestCodeEmail,
  resultsDir,
  shoot,
  waitForText,
} from "./pages.ts";
import { type Stack, stackStartMs, startStack } from "./stack.ts";

const bobShort = "0x9965…A4dc";

let stack: Stack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let alice: Page;
let bob: Page;
const contexts: BrowserContext[] = [];
let claimLink = "";

async function open(page: Page, route: string, timeout = 30_000) {
  await page.goto(new URL(route, stack.dappUrl).toString(), { timeout });
}

/** The sign-in code in the newest email to `email`, read from the local SMTP's inbox API. */
async function emailedCode(email: string): Promise<string> {
  const { subject, code } = await newestCodeEmail(stack.inboxUrl, email);
  expect(subject).toBe(`Your Boon sign-in code: ${code}`);
  return code;
}

describe("the dApp against the whole local stack", () => {
  beforeAll(async () => {
    await makeResultsDir();
    stack = await startStack();
    ({ browser, close: closeBrowser } = await launchBrowser());
    for (let i = 0; i < 3; i++)
      contexts.push(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
    alice = await (contexts[0] as BrowserContext).newPage();
    bob = await (contexts[1] as BrowserContext).newPage();
    // The dev server compiles the app on its first request: slow on a loaded machine, and not
    // what the first step measures.
    await alice.goto(stack.dappUrl, { timeout: 180_000 });
  }, stackStartMs + 240_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it("loads signed out without a single 401 (it asks for no session it cannot have)", async () => {
    const unauthorized: string[] = [];
    alice.on("response", (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });
    alice.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("401"))
        unauthorized.push(message.text());
    });
    const shown = {
      "/": "Connect to get started",
      "/send": "Connect to send",
      "/account": "Email me a code",
    };
    for (const [route, text] of Object.entries(shown)) {
      // The first load of the dev server compiles the app: slow on a busy machine.
      await open(alice, route, 180_000);
      await alice.getByText(text).first().waitFor({ timeout: 15_000 });
    }
    expect(unauthorized).toEqual([]);
    await open(alice, "/send");
    await alice.getByText("Connect to send").waitFor();
    await shoot(alice, "send-signed-out");
  });

  it("connects the dev wallet and shows the balance", async () => {
    await open(alice, "/");
    await connectDevWallet(alice, "Alice");
    await expect
      .poll(() => alice.getByTestId("wallet-balance").textContent(), { timeout: 15_000 })
      .toMatch(/\d/);
    // The wallet's gift lists load with the wallet (their own chunk): shown once it has arrived.
    await alice.getByRole("heading", { name: "Waiting for you" }).waitFor({ timeout: 30_000 });
    await alice.getByRole("heading", { name: "Your open claim links" }).waitFor();
    // Then the lists themselves, read from the indexer (its client loads with the first query).
    await expect
      .poll(() => alice.getByText(/Loading your (gifts|links)…/).count(), { timeout: 30_000 })
      .toBe(0);
    await shoot(alice, "home");
  });

  it("opens the wallet menu from the address chip on a phone", async () => {
    await alice.setViewportSize({ width: 390, height: 844 });
    await alice.locator(".wallet-chip").click();
    const menu = alice.getByTestId("wallet-menu");
    await menu.waitFor();
    expect(await menu.textContent()).toMatch(/Network/);
    for (const name of ["Copy address", "Switch wallet", "Disconnect"])
      expect(await menu.getByRole("button", { name }).isVisible()).toBe(true);
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await alice.screenshot({ path: path.join(resultsDir, "wallet-menu-390.png") });
    await alice.keyboard.press("Escape");
    await alice.setViewportSize({ width: 1280, height: 900 });
  });

  it("sends a gift to an address", async () => {
    await open(alice, "/send");
    await alice.getByLabel("Recipient address").fill("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
    await alice.getByLabel("Amount (BOON)").fill("5");
    await alice.getByLabel("Message (optional)").fill("Thanks for lunch");
    await shoot(alice, "send");
    await alice.getByRole("button", { name: "Send gift" }).click();
    await alice.getByRole("heading", { name: "Sent" }).waitFor({ timeout: 30_000 });
    expect(await alice.getByTestId("sent-headline").textContent()).toBe(
      `5 BOON sent to ${bobShort}.`,
    );
    await expect
      .poll(() => alice.getByText(/Sending the gift: confirmed/).count())
      .toBeGreaterThan(0);
    await shoot(alice, "send-done");
    // The local chain has no explorer: the transaction opens the app's own page.
    await alice.locator(".sent-panel .tx-hash a").click();
    await alice.waitForURL(/\/tx\/0x[0-9a-f]{64}$/);
    await expect
      .poll(() => alice.getByTestId("tx-facts").textContent(), { timeout: 15_000 })
      .toMatch(/Confirmed[\s\S]*Gift/);
    await shoot(alice, "tx");
  });

  it("sends a gift to a claim link with its QR code, kept to share again", async () => {
    await open(alice, "/send");
    await alice.getByRole("radio", { name: /A claim link/ }).check();
    await alice.getByLabel("Amount (BOON)").fill("3");
    await alice.getByLabel("Message (optional)").fill("For you");
    await alice.getByRole("button", { name: "Create claim link" }).click();
    const link = alice.getByTestId("claim-link");
    await link.waitFor({ timeout: 30_000 });
    claimLink = await link.inputValue();
    expect(claimLink).toMatch(/\/claim#key=0x[0-9a-f]{64}$/);
    await alice.getByRole("img", { name: /QR code of the claim link/ }).waitFor();
    expect(await alice.getByTestId("sent-headline").textContent()).toBe(
      "Claim link made for 3 BOON.",
    );
    // A notice never sits over the rows' buttons.
    await alice.getByText(/Creating the claim link: confirmed/).waitFor({ timeout: 30_000 });
    const notice = await alice.locator(".notices").boundingBox();
    const copy = await alice
      .locator(".sent-panel")
      .getByRole("button", { name: "Copy link" })
      .boundingBox();
    expect(notice && copy && notice.x + notice.width <= copy.x).toBe(true);
    // The open links list it (from the indexer) with Copy from this device's encrypted copy.
    const openLinks = alice.getByTestId("open-links");
    await expect
      .poll(() => openLinks.getByRole("button", { name: "Copy link" }).count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await shoot(alice, "send-link");
  });

  it("claims the link in another browser as another account", async () => {
    await bob.goto(claimLink);
    await bob.getByTestId("claim-amount").waitFor({ timeout: 60_000 });
    expect(await bob.getByTestId("claim-amount").textContent()).toMatch(/^3\s*BOON/);
    await connectDevWallet(bob, "Bob");
    await shoot(bob, "claim");
    await bob.getByRole("button", { name: `Claim to ${bobShort}` }).click();
    await bob.getByText("Claimed.").waitFor({ timeout: 30_000 });
    await shoot(bob, "claim-done");
  });

  it("shows both gifts in Activity, and asks the signed-out wallet to sign in for the rest", async () => {
    await open(alice, "/activity");
    await waitForText(alice, `To ${bobShort}`);
    await waitForText(alice, `Link claimed by ${bobShort}`);
    await alice.getByTestId("sign-in-hint").waitFor();
    await shoot(alice, "activity");
  });

  it("buys credits through the local checkout and sees the balance change", async () => {
    await open(alice, "/buy");
    await alice.getByRole("button", { name: "Sign in with Ethereum" }).click();
    const credits = alice.getByTestId("credit-balance");
    await credits.waitFor({ timeout: 30_000 });
    await expect.poll(() => credits.textContent()).toMatch(/^0\s*BOON/);
    await alice.getByTestId("limits").waitFor();
    // The price, fees and limits are there before checkout.
    const price = alice.getByTestId("price");
    expect(await price.textContent()).toMatch(
      /\$1 = 10 BOON.*Fees: none.*From \$1\.00 to \$10,000\.00/,
    );
    expect(await alice.getByTestId("quote").textContent()).toBe("You pay $25.00 and get 250 BOON.");
    await shoot(alice, "buy");
    await alice.getByLabel("Amount (USD)").fill("25");
    await alice.getByRole("button", { name: "Continue to payment" }).click();
    await alice.getByRole("button", { name: "Pay", exact: true }).click({ timeout: 30_000 });
    await alice.waitForURL(/\/buy\/success\?purchase=/, { timeout: 30_000 });
    await alice.getByText("Paid. Your credits are ready.").waitFor({ timeout: 60_000 });
    await expect.poll(() => credits.textContent(), { timeout: 30_000 }).not.toMatch(/^0\s*BOON/);
    await shoot(alice, "buy-paid");
  });

  it("shows the purchase and the wallet's gifts in one list, with its receipt", async () => {
    await open(alice, "/activity");
    const feed = alice.getByTestId("activity-feed");
    await waitForText(alice, "Card purchase");
    const purchase = feed.getByTestId("activity-item").filter({ hasText: "Card purchase" });
    expect(await purchase.textContent()).toMatch(/Card purchaseDone.*\$25\.00.*\+250 BOON/);
    await feed.getByText(`To ${bobShort}`).first().waitFor();
    await feed.getByText(`Link claimed by ${bobShort}`).waitFor();
    // One list: the purchase and the wallet's rows together; the claimed link shows once, as the
    // wallet's row, even though the linked wallet's claim is also in the account's record. Which of
    // the purchase and the chain's rows leads depends on the local chain's clock, which automining
    // runs ahead of the wall clock (a block a second at least); merge-activity.test.ts holds the order.
    const rows = await feed.locator(".gift-list > li").allTextContents();
    expect(rows.filter((row) => /^↓Card purchaseDone/.test(row))).toHaveLength(1);
    expect(rows.filter((row) => row.includes(`Link claimed by ${bobShort}`))).toHaveLength(1);
    expect(rows.filter((row) => row.includes("Your gift was claimed"))).toEqual([]);
    expect(await alice.getByTestId("sign-in-hint").count()).toBe(0);
    await shoot(alice, "activity-account");
    await feed.getByRole("link", { name: "Receipt", exact: true }).first().click();
    await alice.waitForURL(/\/purchases\/[0-9a-f-]{36}$/);
    const receipt = alice.getByTestId("receipt");
    // The page's chunk is compiled on its first request by the dev server.
    await receipt.waitFor({ timeout: 60_000 });
    expect(await receipt.textContent()).toMatch(
      /StatusPaid.*Amount paid\$25\.00.*Fees\$0\.00.*BOON credited250 BOON.*Rate\$1 = 10 BOON/,
    );
    await shoot(alice, "receipt");
    await open(alice, "/purchases");
    await alice.getByTestId("purchase-list").waitFor({ timeout: 15_000 });
    await shoot(alice, "purchases");
  });

  it("puts price limits in plain words before asking the backend", async () => {
    await open(alice, "/buy");
    await alice.getByTestId("price").waitFor({ timeout: 15_000 });
    await alice.getByLabel("Amount (USD)").fill("0.5");
    await alice.getByRole("button", { name: "Continue to payment" }).click();
    await expect
      .poll(() => alice.getByTestId("buy-error").textContent())
      .toBe("Enter an amount from $1.00 to $10,000.00.");
  });

  it("explains the KYC limit before paying past it", async () => {
    await alice.getByLabel("Amount (USD)").fill("100");
    await alice.getByRole("button", { name: "Continue to payment" }).click();
    await expect
      .poll(() => alice.getByTestId("buy-error").textContent())
      .toMatch(/^That is more than your BASIC limit allows right now: \$75\.00 of \$100\.00 left/);
    await shoot(alice, "buy-limit");
  });

  it("says what an unfinished checkout holds, and frees it when the buyer cancels", async () => {
    await open(alice, "/buy");
    await alice.getByLabel("Amount (USD)").fill("10");
    await alice.getByRole("button", { name: "Continue to payment" }).click();
    await alice.waitForURL(/\/checkout\/cs_/, { timeout: 30_000 });
    const checkoutUrl = alice.url();
    await alice.getByRole("button", { name: "Decline", exact: true }).click();
    await alice.getByText("Your card was declined").waitFor();
    await open(alice, "/buy");
    const held = alice.getByTestId("open-checkouts");
    await held.waitFor({ timeout: 30_000 });
    expect(await held.textContent()).toMatch(/\$10\.00 of your limit is held for a checkout/);
    await shoot(alice, "buy-open-checkout");
    await alice.goto(checkoutUrl);
    await alice.getByRole("button", { name: "Cancel", exact: true }).click();
    await alice.waitForURL(/\/buy\/cancelled\?purchase=/, { timeout: 30_000 });
    await alice
      .getByText("You cancelled the payment. Nothing was charged and your limit is free again.")
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => alice.getByTestId("open-checkouts").count()).toBe(0);
    expect(await alice.getByTestId("limit-remaining").textContent()).toBe("$75.00");
    await shoot(alice, "buy-cancelled");
  });

  it("sends a link gift paid with credits, delivered on chain and claimable", async () => {
    await open(alice, "/send");
    await alice.getByRole("radio", { name: /A claim link/ }).check();
    await alice.getByLabel("Amount (BOON)").fill("10");
    await alice.getByRole("radio", { name: /^Credits/ }).check();
    await alice.getByRole("button", { name: "Create claim link" }).click();
    const link = alice.getByTestId("claim-link");
    await link.waitFor({ timeout: 30_000 });
    const url = await link.inputValue();
    expect(url).toMatch(/\/claim#key=0x[0-9a-f]{64}$/);
    await bob.goto(url);
    await bob.reload();
    await bob.getByTestId("claim-amount").waitFor({ timeout: 90_000 });
    expect(await bob.getByTestId("claim-amount").textContent()).toMatch(/^10\s*BOON/);
    await bob.getByRole("button", { name: `Claim to ${bobShort}` }).click();
    await bob.getByText("Claimed.").waitFor({ timeout: 30_000 });
  });

  it("says when held card credits can be withdrawn and lists the credit-paid gift's delivery", async () => {
    await open(alice, "/account");
    await alice.getByRole("heading", { name: "Withdraw to wallet" }).waitFor({ timeout: 15_000 });
    // 250 BOON bought by card, 10 spent on the link gift: the 240 left are all inside the hold.
    const notice = alice.getByTestId("hold-notice");
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(
      /^All your credits are on hold\. 240 BOON becomes available to withdraw on .*\d{4}.*\d{1,2}:\d{2}/,
    );
    expect(await alice.getByRole("button", { name: "Withdraw", exact: true }).isDisabled()).toBe(
      true,
    );
    const gift = alice.getByTestId("delivery").filter({ hasText: "Claim link gift" });
    await expect.poll(() => gift.textContent(), { timeout: 60_000 }).toMatch(/Confirmed/);
    expect(await gift.textContent()).toMatch(/−10\s*BOON/);
    expect(await gift.locator("[title^='0x']").getAttribute("title")).toMatch(/^0x[0-9a-f]{64}$/);
    await shoot(alice, "account-withdraw");
  });

  it("signs a card user in by email with the code from the local inbox", async () => {
    const card = await (contexts[2] as BrowserContext).newPage();
    const email = "card.user@example.com";
    await card.goto(new URL("/account", stack.dappUrl).toString());
    await card.getByLabel("Email", { exact: true }).fill(email);
    await card.getByRole("button", { name: "Email me a code" }).click();
    const inboxLink = card.getByRole("link", { name: "local inbox" });
    await inboxLink.waitFor({ timeout: 15_000 });
    expect(await inboxLink.getAttribute("href")).toBe(stack.inboxUrl);
    const code = await emailedCode(email);
    await card.getByLabel("6-digit code from the email").fill(code);
    await shoot(card, "signin-email-code");
    await card.getByRole("button", { name: "Sign in", exact: true }).click();
    await card.getByRole("heading", { name: "Profile" }).waitFor({ timeout: 15_000 });
    expect(await card.locator("dl.facts dd").first().textContent()).toBe(email);
    await shoot(card, "account-email");
    // Send pays with credits by default for them, and never asks for a wallet.
    await card.goto(new URL("/send", stack.dappUrl).toString());
    await expect
      .poll(() => card.getByRole("radio", { name: /^Credits/ }).isChecked(), { timeout: 15_000 })
      .toBe(true);
    expect(await card.getByText("Connect to send").count()).toBe(0);
    await card.getByRole("button", { name: "Send gift" }).waitFor();
    await shoot(card, "send-card-user");
    // Home: no "sign in" hint and no wallet prompt for a signed-in card user.
    await card.goto(new URL("/", stack.dappUrl).toString());
    await expect
      .poll(() => card.getByTestId("credit-balance").textContent(), { timeout: 15_000 })
      .toMatch(/\d/);
    expect(await card.getByText("Sign in on Account to see them").count()).toBe(0);
    expect(await card.getByText("Connect to get started").count()).toBe(0);
    await shoot(card, "home-card-user");
    // The inbox a developer opens from that link shows the email.
    await card.goto(stack.inboxUrl);
    expect(await card.locator("ol.mails li").first().textContent()).toContain(
      `Your Boon sign-in code: ${code}`,
    );
    await shoot(card, "local-inbox");
  });

  it("shows a card user without a wallet their purchase in Activity, and emails the receipt", async () => {
    const card = (contexts[2] as BrowserContext).pages()[0] as Page;
    const email = "card.user@example.com";
    await open(card, "/activity");
    await card.getByText("No activity yet.", { exact: false }).waitFor({ timeout: 15_000 });
    await shoot(card, "activity-card-empty");
    await open(card, "/buy");
    await card.getByTestId("price").waitFor({ timeout: 15_000 });
    await card.getByLabel("Amount (USD)").fill("5");
    await card.getByRole("button", { name: "Continue to payment" }).click();
    await card.getByRole("button", { name: "Pay", exact: true }).click({ timeout: 30_000 });
    await card.getByText("Paid. Your credits are ready.").waitFor({ timeout: 60_000 });
    await open(card, "/activity");
    await waitForText(card, "Card purchase");
    expect(await card.getByText("Connect to see your activity").count()).toBe(0);
    await shoot(card, "activity-card");
    const receipts = async () =>
      (await inboxMessages(stack.inboxUrl, email)).filter((m) =>
        m.subject.startsWith("Your Boon receipt"),
      );
    await expect.poll(async () => (await receipts()).length, { timeout: 30_000 }).toBe(1);
    expect((await receipts())[0]?.subject).toBe("Your Boon receipt: $5.00 for 50 BOON");
  });

  it("shows the account with tier and limits", async () => {
    await open(alice, "/account");
    await alice.getByRole("heading", { name: "Profile" }).waitFor({ timeout: 15_000 });
    expect(await alice.getByTestId("limit-remaining").textContent()).toBe("$75.00");
    await shoot(alice, "account");
  });
});
