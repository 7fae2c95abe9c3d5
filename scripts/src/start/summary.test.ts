import { describe, expect, it } from "vitest";
import { type SummaryInput, summary } from "./summary.ts";

const input: SummaryInput = {
  chainUrl: "http://127.0.0.1:1001",
  indexerUrl: "http://localhost:1002",
  backendUrl: "http://localhost:1003",
  stripe: { url: "http://127.0.0.1:1004", local: true },
  x: { url: "http://127.0.0.1:1007" },
  smtp: { url: "smtp://127.0.0.1:1008", inboxUrl: "http://127.0.0.1:1009" },
  dappUrl: "http://localhost:1005",
  databaseUrl: "postgres://boon:boon@127.0.0.1:1006/boon",
  embeddedDatabase: "/tmp/boon-pg-x/data",
  deployment: {
    chainId: 31337,
    startBlock: 1,
    deployedAt: "2026-12-01T00:00:00.000Z",
    contracts: {
      boonToken: "0x0000000000000000000000000000000000000001",
      giftVault: "0x0000000000000000000000000000000000000002",
      rewardDistributor: "0x0000000000000000000000000000000000000003",
    },
  },
  deploymentFile: "/repo/contracts/deployments/31337.json",
  repoRoot: "/repo",
  logDir: "/repo/.data/logs",
  claimLink: "http://localhost:1005/claim#key=0x01",
  prod: false,
};

describe("what npm start prints", () => {
  it("gives the address of every part, the local stand-ins included", () => {
    const text = summary(input).join("\n");
    for (const address of [
      "http://127.0.0.1:1001",
      "http://localhost:1002/graphql",
      "http://localhost:1002/sql",
      "http://localhost:1003/docs",
      "http://127.0.0.1:1004",
      "Local X:           http://127.0.0.1:1007",
      "Local inbox:       http://127.0.0.1:1009",
      "smtp://127.0.0.1:1008",
      "postgres://127.0.0.1:1006/boon",
    ]) {
      expect(text).toContain(address);
    }
    expect(text).not.toContain("boon:boon@"); // no password on screen
    expect(text.trimEnd().split("\n").at(-1)).toBe("dApp: http://localhost:1005");
  });

  it("names the configured real services instead of stand-ins that do not run", () => {
    const text = summary({ ...input, x: undefined, smtp: undefined }).join("\n");
    expect(text).not.toMatch(/Local X|Local inbox|1007|1008|1009/);
    expect(text).toContain("the X app in X_CLIENT_ID");
    expect(text).toContain("sent through SMTP_URL");
  });
});
