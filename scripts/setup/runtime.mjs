// @ts-check
// Which Node Boon runs on, and which optional packages belong to this machine. Plain JavaScript on
// purpose: it runs before we know that the Node at hand can strip TypeScript (any Node >= 18).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * @typedef {{ os?: string[] | string, cpu?: string[] | string, libc?: string[] | string, engines?: { node?: string },
 *   optional?: boolean, bin?: Record<string, string>, version?: string, link?: boolean,
 *   hasInstallScript?: boolean, dependencies?: Record<string, string>,
 *   optionalDependencies?: Record<string, string> }} LockEntry
 */

/** @returns {{ optionalDependencies: Record<string, string>, engines: { node: string },
 *   allowScripts?: Record<string, boolean> }} */
export function rootPackage(root = repoRoot) {
  return JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
}

/** @returns {Record<string, LockEntry>} */
export function lockPackages(root = repoRoot) {
  return JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")).packages;
}

/** glibc or musl on Linux (what npm's `libc` field means), undefined elsewhere. */
export function currentLibc() {
  if (process.platform !== "linux") return undefined;
  const report = /** @type {{ header?: { glibcVersionRuntime?: string } }} */ (
    process.report?.getReport()
  );
  return report?.header?.glibcVersionRuntime ? "glibc" : "musl";
}

/** @typedef {{ os: string, cpu: string, libc?: string | undefined }} Platform */

/** @returns {Platform} */
export function currentPlatform() {
  return { os: process.platform, cpu: process.arch, libc: currentLibc() };
}

/**
 * npm's os/cpu/libc rule: allowed values, or `!value` exclusions (a list, or one string).
 * @param {string[] | string | undefined} rule
 * @param {string | undefined} value
 */
function allows(rule, value) {
  const allowed = rule === undefined ? [] : [rule].flat();
  if (allowed.length === 0) return true;
  if (value === undefined) return false;
  if (allowed.includes(`!${value}`)) return false;
  return allowed.includes(value) || allowed.every((entry) => entry.startsWith("!"));
}

/** True when a lockfile entry declares os/cpu/libc and they all match `platform`.
 * @param {LockEntry} entry @param {Platform} platform */
export function isForPlatform(entry, platform) {
  if (!entry.os && !entry.cpu) return false;
  return (
    allows(entry.os, platform.os) &&
    allows(entry.cpu, platform.cpu) &&
    (!entry.libc || allows(entry.libc, platform.libc))
  );
}

/**
 * The pinned Node package for `platform` (one of the root optionalDependencies with a `node` bin),
 * or undefined when the platform has none.
 * @param {Platform} platform
 */
export function nodePinFor(platform, root = repoRoot) {
  // Node's own Linux builds need glibc, though their packages do not say so (no `libc` field).
  if (platform.libc === "musl") return undefined;
  const lock = lockPackages(root);
  for (const [name, version] of Object.entries(rootPackage(root).optionalDependencies ?? {})) {
    const entry = lock[`node_modules/${name}`];
    if (entry?.bin?.node && isForPlatform(entry, platform)) return { name, version };
  }
  return undefined;
}

/**
 * Optional packages built for this machine that npm left out because their `engines` exclude the
 * Node npm itself ran on (npm skips those silently; Hardhat's native EDR needs Node >= 22).
 * @param {Platform} platform
 */
export function skippedPlatformPackages(platform, root = repoRoot) {
  return Object.entries(lockPackages(root))
    .filter(
      ([location, entry]) =>
        location.startsWith("node_modules/") &&
        entry.optional &&
        entry.engines?.node &&
        isForPlatform(entry, platform) &&
        !existsSync(path.join(root, location)),
    )
    .map(([location]) => location.slice(location.lastIndexOf("node_modules/") + 13));
}
