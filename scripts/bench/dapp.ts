// dApp budget: builds the app, prints the JavaScript each route loads (gzip), and runs Lighthouse
// (mobile defaults, the bundled headless Chromium) on Home and Send against `vite preview`, next
// to a baseline page (an empty HTML page on the same server, measured in the same run).
// Targets: initial JS <= 200 KB gzip, performance >= 90, accessibility >= 95.
// `-- --json` prints { initialJsGzipKb, lighthousePerformance, lighthouseAccessibility } (the worse
// of Home and Send for each score). `-- --reports <dir>` also writes each Lighthouse report there
// (`<page>.report.json`), to see what the largest paint waits for.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { localChain } from "@boon/contracts";
import { deploymentPath } from "@boon/contracts/deployments";
import { type Manifest, routeCosts } from "@boon/dapp/bundle-report";
import lighthouse from "lighthouse";
import { chromium as playwright } from "playwright-core";
import { build, preview } from "vite";
import { freePort, repoRoot } from "../src/stack/index.ts";
import { chromiumLaunchOptions } from "../test/browser.ts";

const { values } = parseArgs({
  options: { json: { type: "boolean" }, reports: { type: "string" } },
});
const log = (line: string) => {
  if (!values.json) console.log(line);
};
const dappRoot = path.join(repoRoot, "dapp");
const dist = path.join(dappRoot, "dist");
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const targets = { initialJsGzipKb: 200, performance: 90, accessibility: 95 };

// The app is measured as deployed; without a local deployment, placeholder addresses do the same job.
const scratch = await mkdtemp(path.join(tmpdir(), "boon-bench-dapp-"));
if (!process.env.BOON_DEPLOYMENT_FILE && !existsSync(deploymentPath(localChain.id))) {
  const file = deploymentPath(localChain.id, scratch);
  const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
  await writeFile(
    file,
    JSON.stringify({
      chainId: localChain.id,
      startBlock: 0,
      contracts: { boonToken: address(1), giftVault: address(2), rewardDistributor: address(3) },
    }),
  );
  process.env.BOON_DEPLOYMENT_FILE = file;
}

log("building the dApp…");
await build({ root: dappRoot, logLevel: "warn" });
const manifest = JSON.parse(
  await readFile(path.join(dist, ".vite/manifest.json"), "utf8"),
) as Manifest;
const sizes = new Map<string, number>();
for (const chunk of Object.values(manifest)) {
  sizes.set(chunk.file, gzipSync(await readFile(path.join(dist, chunk.file))).length);
}
const pages = {
  "/": "src/pages/HomePage.tsx",
  "/send": "src/pages/SendPage.tsx",
  "/claim": "src/pages/ClaimPage.tsx",
  "/activity": "src/pages/ActivityPage.tsx",
  "/buy": "src/pages/BuyPage.tsx",
  "/account": "src/pages/AccountPage.tsx",
};
const report = routeCosts(manifest, pages, (file) => sizes.get(file) ?? 0);
const initialJsGzipKb = kb(report.initial.bytes);
log(`\nJavaScript per route (gzip)`);
log(
  `  initial (every route)   ${String(initialJsGzipKb).padStart(6)} KB  (${report.initial.files.length} files; budget ${targets.initialJsGzipKb} KB, ratio ${(initialJsGzipKb / targets.initialJsGzipKb).toFixed(2)})`,
);
for (const route of report.routes) {
  log(
    `  ${route.route.padEnd(10)} + page     ${String(kb(route.bytes)).padStart(6)} KB  -> ${kb(report.initial.bytes + route.bytes)} KB total`,
  );
}

// The baseline: an empty page from the same server and browser, so machine load shows up in both.
await writeFile(
  path.join(dist, "bench-baseline.html"),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>baseline</title></head><body><main><h1>Baseline</h1></main></body></html>',
);
const port = await freePort();
const server = await preview({
  root: dappRoot,
  logLevel: "warn",
  preview: { port, strictPort: true, host: "127.0.0.1" },
});
const debugPort = await freePort();
const chrome = await chromiumLaunchOptions();
const browser = await playwright.launch({
  executablePath: chrome.executablePath,
  args: [...chrome.args, `--remote-debugging-port=${debugPort}`],
  headless: true,
});
type Scores = { performance: number; accessibility: number; metrics: string };
const metricIds = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "speed-index",
  "cumulative-layout-shift",
];
async function audit(url: string, name: string): Promise<Scores> {
  const result = await lighthouse(url, {
    port: debugPort,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  });
  if (values.reports && result) {
    await mkdir(values.reports, { recursive: true });
    const file = `${name === "/" ? "home" : name.replace(/\W/g, "")}.report.json`;
    await writeFile(path.join(values.reports, file), JSON.stringify(result.lhr, null, 1));
  }
  const categories = result?.lhr.categories;
  if (!categories?.performance || !categories.accessibility)
    throw new Error(`Lighthouse returned no scores for ${url}`);
  const audits = result?.lhr.audits ?? {};
  return {
    metrics: metricIds
      .map(
        (id) =>
          `${id
            .split("-")
            .map((w) => w[0])
            .join("")
            .toUpperCase()} ${audits[id]?.displayValue ?? "?"}`,
      )
      .join(", "),
    performance: Math.round((categories.performance.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
  };
}
const scores: Record<string, Scores> = {};
try {
  const base = `http://127.0.0.1:${port}`;
  log("\nLighthouse (mobile, simulated throttling)");
  scores.baseline = await audit(`${base}/bench-baseline.html`, "baseline");
  for (const route of ["/", "/send"]) scores[route] = await audit(`${base}${route}`, route);
  for (const [name, s] of Object.entries(scores)) {
    const ratio = scores.baseline
      ? (s.performance / Math.max(1, scores.baseline.performance)).toFixed(2)
      : "-";
    log(
      `  ${name.padEnd(10)} performance ${String(s.performance).padStart(3)} (x${ratio} of baseline)  accessibility ${String(s.accessibility).padStart(3)}`,
    );
    log(`             ${s.metrics}`);
  }
} finally {
  await browser.close();
  await chrome.cleanup();
  await server.close();
  await rm(path.join(dist, "bench-baseline.html"), { force: true });
  await rm(scratch, { recursive: true, force: true });
}

const appScores = [scores["/"], scores["/send"]].filter((s): s is Scores => s !== undefined);
const result = {
  initialJsGzipKb,
  lighthousePerformance: Math.min(...appScores.map((s) => s.performance)),
  lighthouseAccessibility: Math.min(...appScores.map((s) => s.accessibility)),
};
if (values.json) console.log(JSON.stringify(result));
else {
  const ok = (pass: boolean) => (pass ? "ok" : "OVER BUDGET");
  log(
    `\ninitial JS ${result.initialJsGzipKb} KB: ${ok(result.initialJsGzipKb <= targets.initialJsGzipKb)}`,
  );
  log(
    `performance ${result.lighthousePerformance}: ${ok(result.lighthousePerformance >= targets.performance)}`,
  );
  log(
    `accessibility ${result.lighthouseAccessibility}: ${ok(result.lighthouseAccessibility >= targets.accessibility)}`,
  );
}
