import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import chromium from "@sparticuz/chromium";
import { type Browser, chromium as playwright } from "playwright-core";

/** Headless Chromium as tests need it (no sandbox, no GPU, nothing fetched in the background). */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type LaunchedChromium = {
  executablePath: string;
  args: string[];
  userDataDir: string;
  cleanup: () => Promise<void>;
};

/** The bundled headless Chromium, with a fresh profile directory. */
export async function chromiumLaunchOptions(): Promise<LaunchedChromium> {
  const executablePath = await chromium.executablePath();
  const userDataDir = await mkdtemp(path.join(tmpdir(), "boon-chromium-"));
  const args = [...new Set([...chromium.args, ...chromiumFlags])].filter(
    (arg) => !arg.startsWith("--single-process"),
  );
  return {
    executablePath,
    args,
    userDataDir,
    cleanup: () => rm(userDataDir, { recursive: true, force: true }),
  };
}

/** Launches headless Chromium through playwright-core (never `playwright install`). */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const options = await chromiumLaunchOptions();
  const browser = await playwright.launch({
    executablePath: options.executablePath,
    args: options.args,
    headless: true,
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await options.cleanup();
    },
  };
}
