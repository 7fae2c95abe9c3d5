import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { preflightProblems } from "./preflight.mjs";

const linux = { os: "linux", cpu: "x64", libc: "glibc" };

describe("the preflight of npm start and npm test", () => {
  it("passes on the pinned Node", () => {
    expect(preflightProblems({ version: process.version, platform: linux })).toEqual([]);
  });

  it("says which Node is needed, and how to get it, on an older one", () => {
    expect(preflightProblems({ version: "v20.20.2", platform: linux })).toEqual([
      "Boon runs on Node 26, but this is Node v20.20.2. Run it through npm (`npm start`, `npm test`), which puts the pinned Node first on PATH.",
    ]);
    expect(
      preflightProblems({ version: "v22.12.0", platform: { os: "win32", cpu: "x64" } }),
    ).toEqual([
      "Boon runs on Node 26, but this is Node v22.12.0. npm has no Node build for win32-x64 (pinned builds: macOS arm64/x64, Linux arm64/x64 with glibc): install Node 26 yourself and run again.",
    ]);
  });

  it("asks for npm install first on a fresh clone", async () => {
    const clone = await mkdtemp(path.join(tmpdir(), "boon-preflight-"));
    try {
      expect(preflightProblems({ root: clone, version: "v20.20.2", platform: linux })).toEqual([
        "Dependencies are not installed: run `npm install` first (npm >= 11).",
      ]);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });
});
