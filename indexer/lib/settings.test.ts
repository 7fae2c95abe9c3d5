import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "./settings.ts";

let dir: string;
let file: string;
const deployment = {
  chainId: 31337,
  startBlock: 5,
  deployedAt: "2026-11-22T00:00:00.000Z",
  contracts: {
    boonToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    rewardDistributor: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
  },
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "boon-settings-"));
  file = path.join(dir, "31337.json");
  await writeFile(file, JSON.stringify(deployment));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadSettings", () => {
  it("has working local defaults", () => {
    const settings = loadSettings({ BOON_DEPLOYMENT_FILE: file });
    expect(settings).toMatchObject({
      chainId: 31337,
      rpcUrl: "http://127.0.0.1:8545",
      databaseUrl: undefined,
      schema: "indexer",
      pollingIntervalMs: 100,
      local: true,
    });
    expect(settings.deployment.startBlock).toBe(5);
  });

  it("reads the environment", () => {
    const settings = loadSettings({
      BOON_DEPLOYMENT_FILE: file,
      RPC_URL: "https://rpc.example.org",
      DATABASE_URL: "postgres://u:p@db:5432/boon",
      DATABASE_SCHEMA: "indexer_v2",
      POLLING_INTERVAL_MS: "500",
    });
    expect(settings).toMatchObject({
      rpcUrl: "https://rpc.example.org",
      databaseUrl: "postgres://u:p@db:5432/boon",
      schema: "indexer_v2",
      pollingIntervalMs: 500,
    });
  });

  it("says which variable is wrong", () => {
    expect(() => loadSettings({ BOON_DEPLOYMENT_FILE: file, RPC_URL: "not a url" })).toThrow(
      /^Cannot start the indexer:\n {2}- RPC_URL/,
    );
    expect(() =>
      loadSettings({ BOON_DEPLOYMENT_FILE: file, DATABASE_SCHEMA: "Drop Table" }),
    ).toThrow(/DATABASE_SCHEMA: lower-case identifier/);
    expect(() => loadSettings({ BOON_DEPLOYMENT_FILE: file, DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL/,
    );
  });

  it("explains a missing deployments file and a chain mismatch", () => {
    const missing = path.join(dir, "nope.json");
    expect(() => loadSettings({ BOON_DEPLOYMENT_FILE: missing })).toThrow(
      `no deployments file at ${missing}: deploy the contracts first`,
    );
    expect(() => loadSettings({ BOON_DEPLOYMENT_FILE: file, CHAIN_ID: "8453" })).toThrow(
      "is for chain 31337, but CHAIN_ID is 8453",
    );
  });
});
