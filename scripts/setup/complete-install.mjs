// @ts-check
// Root `postinstall`. npm runs on the machine's Node, but Boon runs on the Node pinned in
// package.json (node_modules/.bin/node, first on PATH here). npm silently skips optional packages
// whose `engines` exclude the Node it runs on, such as Hardhat's native EDR (Node >= 22) when npm
// runs on Node 20. When that happened, install once more with npm running on the pinned Node: it
// adds just those packages and leaves package.json and package-lock.json as they are.
import { spawnSync } from "node:child_process";
import { currentPlatform, repoRoot, skippedPlatformPackages } from "./runtime.mjs";

const missing = skippedPlatformPackages(currentPlatform());
const npmCli = process.env.npm_execpath;
const npmNode = /node\/(v\S+)/.exec(process.env.npm_config_user_agent ?? "")?.[1];
// On the same Node npm ran on, a second install would skip them again: `npm start` then explains.
const canComplete = npmCli && npmNode !== process.version && !process.env.BOON_COMPLETING_INSTALL;
if (npmNode && npmNode !== process.version && !process.env.BOON_COMPLETING_INSTALL) {
  console.log(
    `Any EBADENGINE warnings above are about Node ${npmNode}, which npm runs on; Boon runs on its pinned Node ${process.version}.`,
  );
}
if (missing.length > 0 && canComplete) {
  console.log(
    `npm ran on Node ${npmNode} and skipped ${missing.join(", ")} (engines); ` +
      `installing them with Boon's Node ${process.version}.`,
  );
  const result = spawnSync(
    process.execPath,
    [npmCli, "install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts"],
    { cwd: repoRoot, stdio: "inherit", env: { ...process.env, BOON_COMPLETING_INSTALL: "1" } },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  const still = skippedPlatformPackages(currentPlatform());
  if (still.length > 0) {
    console.error(`Still missing after a second install on Node ${process.version}: ${still}`);
    process.exit(1);
  }
}
