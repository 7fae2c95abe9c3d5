import { launchBrowser } from "@boon/scripts/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeResultsDir, shoot as shootPage } from "./pages.ts";
import { type Stack, startStack } from "./stack.ts";

let stack: Stack;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let context: BrowserContext;
let page: Page;

type WebManifest = {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
};

const shoot = (name: string) => shootPage(page, name);

describe("the installable app (npm run start:prod)", () => {
  beforeAll(async () => {
    await makeResultsDir();
    stack = await startStack({ script: "start:prod" });
    ({ browser, close: closeBrowser } = await launchBrowser());
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it("links a valid web app manifest whose icons load", async () => {
    await page.goto(stack.dappUrl);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBeTruthy();
    const response = await fetch(new URL(href as string, stack.dappUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/manifest\+json|application\/json/);
    const manifest = (await response.json()) as WebManifest;
    expect(manifest).toMatchObject({ name: "Boon", start_url: "/", display: "standalone" });
    const sizes = manifest.icons.map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);
    for (const icon of manifest.icons) {
      const image = await fetch(new URL(icon.src, stack.dappUrl));
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get("content-type"), icon.src).toBe(icon.type);
    }
  });

  it("registers a service worker that controls the page", async () => {
    const registration = () =>
      page.evaluate(async () => {
        const found = await navigator.serviceWorker.getRegistration();
        return found ? { scope: found.scope, state: found.active?.state ?? null } : null;
      });
    await expect
      .poll(registration, { timeout: 30_000 })
      .toEqual({ scope: `${new URL(stack.dappUrl).origin}/`, state: "activated" });
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
      .toBe("activated");
  });

  it("opens offline from the cache: home, and a deep link to another page", async () => {
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "Gifts that land" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Connect wallet" }).first().waitFor();
    await shoot("pwa-offline-home");
    await page.goto(new URL("/send", stack.dappUrl).toString());
    await page.getByRole("heading", { name: "Send a gift" }).waitFor({ timeout: 15_000 });
    await shoot("pwa-offline-send");
    await context.setOffline(false);
  });
});
