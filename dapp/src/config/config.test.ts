import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.ts";
import { explorerTxUrl } from "./explorer.ts";

const contracts = {
  boonToken: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  rewardDistributor: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
};
const deployment = {
  raw: { chainId: 31337, startBlock: 1, contracts },
  file: "31337.json",
  error: null,
};

describe("parseConfig", () => {
  it("uses local defaults and checksummed addresses from the deployments file", () => {
    const result = parseConfig({}, deployment);
    expect(result).toEqual({
      ok: true,
      config: {
        rpcUrl: "http://127.0.0.1:8545",
        backendUrl: "http://localhost:4000",
        indexerUrl: "http://localhost:42069",
        chainId: 31337,
        walletConnectProjectId: undefined,
        mailInboxUrl: undefined,
        contracts: { ...contracts, boonToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
        startBlock: 1,
        isLocalChain: true,
        explorerUrl: undefined,
      },
    });
  });
  it("links transactions to the chain's explorer, or the app's own page on the local chain", () => {
    const local = parseConfig({}, deployment);
    expect(local.ok && explorerTxUrl(local.config, "0xab")).toBe("/tx/0xab");
    const custom = parseConfig({ VITE_EXPLORER_URL: "https://scan.example/" }, deployment);
    expect(custom.ok && explorerTxUrl(custom.config, "0xab")).toBe("https://scan.example/tx/0xab");
    const base = parseConfig(
      { VITE_CHAIN_ID: "8453" },
      { ...deployment, raw: { ...deployment.raw, chainId: 8453 } },
    );
    expect(base.ok && explorerTxUrl(base.config, "0xab")).toBe("https://basescan.org/tx/0xab");
  });
  it("reads the environment", () => {
    const result = parseConfig(
      {
        VITE_BACKEND_URL: "https://api.boon.example/",
        VITE_CHAIN_ID: "31337",
        VITE_WALLETCONNECT_PROJECT_ID: "abc",
        VITE_MAIL_INBOX_URL: "http://127.0.0.1:4026/",
      },
      deployment,
    );
    expect(result.ok && result.config.backendUrl).toBe("https://api.boon.example");
    expect(result.ok && result.config.walletConnectProjectId).toBe("abc");
    expect(result.ok && result.config.mailInboxUrl).toBe("http://127.0.0.1:4026");
  });
  it("lists every problem", () => {
    const result = parseConfig(
      { VITE_BACKEND_URL: "not a url", VITE_CHAIN_ID: "8453" },
      {
        raw: { chainId: 31337, startBlock: 1, contracts: { ...contracts, giftVault: "0x12" } },
        file: "d.json",
        error: null,
      },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.stringMatching(/^VITE_BACKEND_URL: /),
      "d.json: contracts.giftVault: must be an address",
    ]);
  });
  it("explains a missing deployments file", () => {
    const result = parseConfig(
      {},
      { raw: null, file: "x.json", error: "No deployments file at x.json." },
    );
    expect(result).toEqual({ ok: false, problems: ["No deployments file at x.json."] });
  });
});
