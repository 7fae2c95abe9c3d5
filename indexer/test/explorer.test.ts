import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { devAccounts } from "@boon/contracts";
import { launchBrowser } from "@boon/scripts/browser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Indexer } from "../lib/stack.ts";
import { type Environment, startEnvironment } from "./support/environment.ts";

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test-results");
let env: Environment;
let indexer: Indexer;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  env = await startEnvironment("indexer_explorer");
  const noContext = `0x${"00".repeat(32)}` as const;
  await env.boon.giftToAddress("alice", devAccounts.bob.address, 7n * 10n ** 18n, noContext, "hi");
  indexer = await env.indexer();
  ({ browser, close: closeBrowser } = await launchBrowser());
  await mkdir(resultsDir, { recursive: true });
});

afterAll(async () => {
  await closeBrowser?.();
  await env?.stop();
});

describe("the GraphQL explorer", () => {
  for (const route of ["/graphql", "/"]) {
    it(`renders at ${route} with nothing from outside this machine, and runs a query`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const outside: string[] = [];
      // Offline, as on a plane: any request that leaves the indexer fails.
      await page.route("**/*", (request) => {
        const url = new URL(request.request().url());
        if (url.origin === new URL(indexer.url).origin) return request.continue();
        outside.push(url.href);
        return request.abort("internetdisconnected");
      });
      await page.goto(`${indexer.url}${route}`);
      const run = page.getByRole("button", { name: /Execute query/ });
      await run.waitFor({ timeout: 30_000 });
      await run.click();
      const result = page.locator(".result-window");
      await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('"gifts"');
      const text = (await result.textContent()) ?? "";
      expect(text).toContain('"amount": "7000000000000000000"');
      expect(text).toContain('"message": "hi"');
      expect(outside).toEqual([]);
      await page.screenshot({
        path: path.join(resultsDir, `explorer${route.replace("/", "-")}.png`),
      });
      await page.close();
    });
  }

  it("serves only its own asset files", async () => {
    const ok = await fetch(`${indexer.url}/graphql/explorer/graphiql.js`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/javascript/);
    for (const name of [
      "..%2Fpackage.json",
      "package.json",
      "%2e%2e%2f%2e%2e%2fponder.schema.ts",
    ]) {
      expect((await fetch(`${indexer.url}/graphql/explorer/${name}`)).status).toBe(404);
    }
  });
});
