import { describe, expect, it } from "vitest";
import {
  isForPlatform,
  lockPackages,
  nodePinFor,
  rootPackage,
  skippedPlatformPackages,
} from "./runtime.mjs";

/** Where Boon runs on the Node it pins. */
const supported = [
  { os: "darwin", cpu: "arm64", libc: undefined },
  { os: "darwin", cpu: "x64", libc: undefined },
  { os: "linux", cpu: "arm64", libc: "glibc" },
  { os: "linux", cpu: "x64", libc: "glibc" },
];
const lock = lockPackages();

/** Where `name`, required from the package at `from`, resolves in the lockfile (Node's lookup). */
function resolveIn(from: string, name: string): string | undefined {
  for (let base = from; ; ) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent < 0 ? "" : base.slice(0, parent);
  }
}

describe("the pinned Node", () => {
  it("is the same version on macOS arm64/x64 and Linux arm64/x64, and meets engines", () => {
    const pins = supported.map((platform) => nodePinFor(platform));
    expect(pins.every((pin) => pin !== undefined)).toBe(true);
    const versions = new Set(pins.map((pin) => pin?.version));
    expect(versions.size).toBe(1);
    const required = Number(/(\d+)/.exec(rootPackage().engines.node)?.[1]);
    expect(Number([...versions][0]?.split(".")[0])).toBeGreaterThanOrEqual(required);
    for (const pin of pins) {
      expect(lock[`node_modules/${pin?.name}`]).toMatchObject({
        optional: true,
        bin: { node: "bin/node" },
      });
    }
  });

  it("is absent, not wrong, where npm has no build (Windows, musl)", () => {
    expect(nodePinFor({ os: "win32", cpu: "x64", libc: undefined })).toBeUndefined();
    expect(nodePinFor({ os: "linux", cpu: "x64", libc: "musl" })).toBeUndefined();
  });
});

describe("the lockfile", () => {
  it("holds every package's dependencies, other platforms' optional ones included (npm ci)", () => {
    const missing: string[] = [];
    for (const [location, entry] of Object.entries(lock)) {
      const deps = { ...entry.dependencies, ...entry.optionalDependencies };
      for (const name of Object.keys(deps)) {
        if (!entry.link && !resolveIn(location, name)) {
          missing.push(`${location || "(root)"} -> ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("makes no platform-specific package a hard dependency (it would fail to install elsewhere)", () => {
    const hard = Object.entries(lock)
      .filter(([, entry]) => (entry.os || entry.cpu) && !entry.optional)
      .map(([location]) => location);
    expect(hard).toEqual([]);
  });

  it("has every install script a supported platform would run reviewed in allowScripts", () => {
    const reviewed = rootPackage().allowScripts ?? {};
    const unreviewed = Object.entries(lock)
      .filter(([location, entry]) => location.includes("node_modules/") && entry.hasInstallScript)
      .filter(
        ([, entry]) => (!entry.os && !entry.cpu) || supported.some((p) => isForPlatform(entry, p)),
      )
      .map(([location]) => location.slice(location.lastIndexOf("node_modules/") + 13))
      .filter((name) => !(name in reviewed));
    expect(unreviewed).toEqual([]);
  });

  it("leaves nothing of this machine's out of node_modules", () => {
    const here = { os: process.platform, cpu: process.arch, libc: "glibc" };
    expect(skippedPlatformPackages(here)).toEqual([]);
  });
});
