import { devAccounts } from "@boon/contracts";
import { launchBrowser } from "@boon/scripts/browser";
import { rpc } from "@boon/scripts/stack";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevWallet, makeResultsDir, newestCodeEmail, shoot, waitForText } from "./pages.ts";
import { type Stack, startStack } from "./stack.ts";

// Gifts to X accounts end to end (issue 12): a wallet user gifts @alice by handle and by post
// link; Alice signs in with X on the local X, proves a wallet holding no ETH and claims every
// gift gas-free through Boon's relayer; a recipient with no wallet claims a link gift into credits.

const aliceThread = "1850000000000000002"; // @alice's seeded post on the local X
const carol = devAccounts.carol.address;
const carolShort = `${carol.slice(0, 6)}…${carol.slice(-4)}`;

let stack: Stack;
let chainUrl: string;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let sender: Page;
let alice: Page;
let card: Page;
const contexts: BrowserContext[] = [];

const open = (page: Page, route: string) => page.goto(new URL(route, stack.dappUrl).toString());

/** The sign-in code in the newest email to `email`, from the local SMTP's inbox API. */
async function emailedCode(email: string): Promise<string> {
  return (await newestCodeEmail(stack.inboxUrl, email)).code;
}

/** Sends one gift to an X account from the Send form; answers the reply link's parameters. */
async function giftX(to: string, amount: string, recipientText: RegExp) {
  await sender.getByRole("radio", { name: /An X account/ }).check();
  await sender.getByLabel("X account or post").fill(to);
  await sender.getByTestId("x-recipient").filter({ hasText: recipientText }).waitFor();
  await sender.getByLabel("Amount (BOON)").fill(amount);
  await sender.getByLabel("Message (optional)").fill(`${amount} for you`);
  await shoot(sender, `send-x-${amount}`);
  await sender.getByRole("button", { name: "Send gift" }).click();
  await sender.getByRole("heading", { name: "Sent" }).waitFor({ timeout: 30_000 });
  const href = await sender.getByTestId("x-reply").getAttribute("href");
  const reply = new URL(href ?? "");
  expect(reply.origin + reply.pathname).toBe("https://x.com/intent/post");
  expect(reply.searchParams.get("text")).toContain(`@alice I sent you ${amount} BOON`);
  expect(reply.searchParams.get("text")).toContain(`${stack.dappUrl.replace(/\/$/, "")}/claim/x`);
  return reply.searchParams;
}

describe("gifts to X accounts and gas-free claims", () => {
  // The machine may be busy: the whole stack can take minutes to start.
  beforeAll(async () => {
    await makeResultsDir();
    stack = await startStack();
    chainUrl = /^Chain:\s+(http\S+)/m.exec(stack.output())?.[1] ?? "";
    expect(chainUrl).toMatch(/^http/);
    ({ browser, close: closeBrowser } = await launchBrowser());
    for (let i = 0; i < 3; i++)
      contexts.push(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
    [sender, alice, card] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
      Page,
      Page,
      Page,
    ];
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it("a wallet user gifts @alice by handle, and gets a reply to post on X", async () => {
    await open(sender, "/send");
    await connectDevWallet(sender, "Bob");
    await sender.getByRole("radio", { name: /An X account/ }).check();
    await sender.getByLabel("X account or post").fill("@alice");
    // Boon looks X accounts up for signed-in users: the wallet signs in on the spot.
    await sender.getByRole("button", { name: "Sign in with Ethereum" }).click();
    const reply = await giftX("@alice", "5", /To Alice \(@alice\)/);
    expect(reply.has("in_reply_to")).toBe(false);
    await shoot(sender, "send-x-sent");
  });

  it("and by a link to her post, which the gift answers", async () => {
    await sender.getByRole("button", { name: "Send another" }).click();
    const reply = await giftX(
      `https://x.com/alice/status/${aliceThread}`,
      "2",
      /in reply to “A thread worth a gift/,
    );
    expect(reply.get("in_reply_to")).toBe(aliceThread);
  });

  it("refuses a suspended account before anything is sent", async () => {
    await sender.getByRole("button", { name: "Send another" }).click();
    await sender.getByRole("radio", { name: /An X account/ }).check();
    await sender.getByLabel("X account or post").fill("@spammer");
    await expect
      .poll(() => sender.getByTestId("x-recipient-error").textContent(), { timeout: 15_000 })
      .toMatch(/@spammer is suspended on X/);
    const dismiss = sender.getByRole("button", { name: "Dismiss notice" });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await shoot(sender, "send-x-suspended");
  });

  it("Alice signs in with X and sees every open gift to her account", async () => {
    await open(alice, "/claim/x");
    await alice.getByTestId("x-signed-out").waitFor({ timeout: 15_000 });
    await shoot(alice, "claim-x-signed-out");
    await alice.getByRole("button", { name: "Sign in with X" }).click();
    // The local X's consent page, as on x.com: choose the account, authorize.
    await alice.getByRole("radio", { name: /@alice/ }).check({ timeout: 15_000 });
    await alice.getByRole("button", { name: "Authorize app" }).click();
    await alice.waitForURL(/\/claim\/x$/, { timeout: 30_000 });
    await waitForText(alice, "“2 for you”");
    const list = alice.getByTestId("x-gifts");
    expect(await list.locator("li").count()).toBe(2);
    expect(await list.textContent()).toContain("+5 BOON");
    expect(await list.getByRole("link", { name: "X post" }).getAttribute("href")).toContain(
      aliceThread,
    );
    await shoot(alice, "claim-x-gifts");
  });

  it("proves a wallet holding no ETH and claims them all gas-free", async () => {
    await rpc(chainUrl, "hardhat_setBalance", [carol, "0x0"]);
    await connectDevWallet(alice, "Carol");
    await alice.getByRole("button", { name: `Prove you own ${carolShort}` }).click();
    const claim = alice.getByRole("button", { name: "Claim all 7 BOON gas-free" });
    await alice.getByRole("radio", { name: new RegExp(`Wallet ${carolShort}`) }).waitFor();
    await shoot(alice, "claim-x-destination");
    await claim.click();
    const claimed = alice.getByTestId("claimed");
    await claimed.waitFor({ timeout: 90_000 });
    expect(await claimed.textContent()).toMatch(new RegExp(`7 BOON are in ${carolShort}`));
    expect(await rpc(chainUrl, "eth_getBalance", [carol, "latest"])).toBe("0x0");
    await alice.getByText("No open gifts for @alice.").waitFor({ timeout: 30_000 });
    await shoot(alice, "claim-x-claimed");
  });

  it("a recipient with no wallet claims a link gift into credits by email", async () => {
    await open(sender, "/send");
    await sender.getByRole("radio", { name: /A claim link/ }).check();
    await sender.getByLabel("Amount (BOON)").fill("4");
    await sender.getByRole("button", { name: "Create claim link" }).click();
    const link = sender.getByTestId("claim-link");
    await link.waitFor({ timeout: 30_000 });
    await card.goto(await link.inputValue());
    await card.getByTestId("claim-amount").waitFor({ timeout: 60_000 });
    // A new wallet is made properly (backed up first), never shown as a bare key.
    await card.getByRole("radio", { name: /A new wallet/ }).check();
    await card.getByRole("heading", { name: "Create a Boon wallet" }).waitFor({ timeout: 15_000 });
    expect(await card.getByText(/0x[0-9a-f]{64}/i).count()).toBe(0);
    await shoot(card, "claim-link-new-wallet");
    await card.getByRole("radio", { name: /Boon credits/ }).check();
    const email = "no.wallet@example.com";
    await card.getByLabel("Email", { exact: true }).fill(email);
    await card.getByRole("button", { name: "Email me a code" }).click();
    await card.getByLabel("6-digit code from the email").fill(await emailedCode(email));
    await card.getByRole("button", { name: "Sign in", exact: true }).click();
    const claim = card.getByRole("button", { name: "Claim into my credits" });
    await expect.poll(() => claim.isEnabled(), { timeout: 15_000 }).toBe(true);
    await shoot(card, "claim-link-credits");
    await claim.click();
    const claimed = card.getByTestId("claimed");
    await claimed.waitFor({ timeout: 90_000 });
    expect(await claimed.textContent()).toMatch(/4 BOON are in your Boon credits/);
    await shoot(card, "claim-link-credits-done");
    await open(card, "/buy");
    await expect
      .poll(() => card.getByTestId("credit-balance").textContent(), { timeout: 30_000 })
      .toMatch(/^4\s*BOON/);
  });
});
