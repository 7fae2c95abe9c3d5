// @ts-check
// Runs first in `npm start` and `npm test`: checks that this is Boon's Node and a complete install,
// and says exactly what to do when it is not, before anything fails further down with a riddle.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  currentPlatform,
  nodePinFor,
  repoRoot,
  rootPackage,
  skippedPlatformPackages,
} from "./runtime.mjs";

/**
 * The problems that stop Boon from running here, as sentences (none = ready).
 * @param {{ root?: string, version?: string, platform?: import("./runtime.mjs").Platform }} [at]
 */
export function preflightProblems(at = {}) {
  const root = at.root ?? repoRoot;
  const version = at.version ?? process.version;
  const platform = at.platform ?? currentPlatform();
  if (!existsSync(path.join(root, "node_modules"))) {
    return ["Dependencies are not installed: run `npm install` first (npm >= 11)."];
  }
  const required = Number(/(\d+)/.exec(rootPackage(root).engines.node)?.[1]);
  const major = Number(/^v?(\d+)/.exec(version)?.[1]);
  const where = `${platform.os}-${platform.cpu}${platform.libc === "musl" ? " (musl)" : ""}`;
  if (major < required) {
    const pin = nodePinFor(platform, root);
    const fix = !pin
      ? `npm has no Node build for ${where} (pinned builds: macOS arm64/x64, Linux arm64/x64 with glibc): install Node ${required} yourself and run again.`
      : existsSync(path.join(root, "node_modules", pin.name, "bin/node"))
        ? "Run it through npm (`npm start`, `npm test`), which puts the pinned Node first on PATH."
        : `The pinned Node (${pin.name}@${pin.version}) is not installed: run \`npm install\` again.`;
    return [`Boon runs on Node ${required}, but this is Node ${version}. ${fix}`];
  }
  const skipped = skippedPlatformPackages(platform, root);
  if (skipped.length > 0) {
    return [
      `npm skipped ${skipped.join(", ")} (they need a newer Node than the one npm ran on): run \`npm install\` again.`,
    ];
  }
  return [];
}

// `node preflight.mjs [script.ts args...]`: check, then run the script in this same process (so
// signals reach it directly), with process.argv as if it had been started itself.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const problems = preflightProblems();
  if (problems.length > 0) {
    // Plain JavaScript (it runs before we know Node can load TypeScript), so the format of
    // @boon/contracts/config-error is written out here: header, then one line per problem.
    console.error(`Cannot start Boon:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    process.exit(1);
  }
  const script = process.argv[2];
  if (script) {
    process.argv.splice(1, 2, path.resolve(script));
    await import(pathToFileURL(path.resolve(script)).href);
  }
}
