import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "@boon/scripts/browser";
import { afterAll, beforeAll, it } from "vitest";
import { type Stack, startStack } from "./stack.ts";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test-results/scratch");
let stack: Stack;
let close: () => Promise<void>;
let browser: Awaited<ReturnType<typeof launchBrowser>>["browser"];
beforeAll(async () => {
  stack = await startStack({ timeoutMs: 600_000 });
  ({ browser, close } = await launchBrowser());
}, 660_000);
afterAll(async () => {
  await close?.();
  await stack?.stop();
});
it("carol signs in with X", async () => {
  const page = await (
    await browser.newContext({ viewport: { width: 390, height: 844 } })
  ).newPage();
  page.on("console", (m) => console.log("console:", m.type(), m.text()));
  await page.goto(new URL("/claim/x", stack.dappUrl).toString());
  await page.getByTestId("x-signed-out").waitFor({ timeout: 15_000 });
  await page.screenshot({ path: `${dir}/signed-out.png`, fullPage: true });
  await page.getByRole("button", { name: "Sign in with X" }).click();
  await page.getByRole("radio", { name: /@carol/ }).check({ timeout: 15_000 });
  await page.screenshot({ path: `${dir}/consent.png`, fullPage: true });
  await page.getByRole("button", { name: "Authorize app" }).click();
  await page.waitForURL(/\/claim\/x/, { timeout: 30_000 });
  await page.waitForTimeout(4000);
  await page.screenshot({ path: `${dir}/list.png`, fullPage: true });
  await page.getByRole("radio", { name: /Boon credits/ }).check();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/credits.png`, fullPage: true });
  await page.getByRole("radio", { name: /A new wallet/ }).check();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${dir}/newwallet.png`, fullPage: true });
  const m = /Demo claim link: (\S+)/.exec(stack.output());
  console.log("demo link", m?.[1]);
  if (m?.[1]) {
    const p2 = await (
      await browser.newContext({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await p2.goto(m[1].replace(/^http:\/\/[^/]+/, stack.dappUrl.replace(/\/$/, "")));
    await p2.waitForTimeout(5000);
    await p2.screenshot({ path: `${dir}/link.png`, fullPage: true });
    await p2.getByRole("radio", { name: /Boon credits/ }).check();
    await p2.waitForTimeout(500);
    await p2.screenshot({ path: `${dir}/link-credits.png`, fullPage: true });
    await p2.goto(new URL("/claim#key=0x" + "ab".repeat(32), stack.dappUrl).toString());
    await p2.waitForTimeout(3000);
    await p2.screenshot({ path: `${dir}/link-missing.png`, fullPage: true });
  }
});
