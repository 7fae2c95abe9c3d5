import { configProblems } from "@boon/backend/test-support";
import { devAccounts } from "@boon/contracts";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";

const problems = (env: Record<string, string>) => configProblems({ NODE_ENV: "test", ...env });

describe("relayer configuration", () => {
  it("defaults to the local relayer account, a 0.1 ETH daily budget and a 20% alert", () => {
    const { relayer } = loadConfig({ NODE_ENV: "test" });
    expect(relayer).toMatchObject({
      enabled: true,
      workerEnabled: true,
      privateKey: devAccounts.relayer.privateKey,
      dailyBudgetWei: 10n ** 17n,
      alertBps: 2_000n,
    });
  });

  it("refuses at start-up what would break it, each with a clear message", () => {
    expect(problems({ RELAYER_PRIVATE_KEY: "0x12" })).toEqual([
      "RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits",
    ]);
    expect(problems({ RELAYER_PRIVATE_KEY: devAccounts.treasury.privateKey })).toEqual([
      "RELAYER_PRIVATE_KEY must differ from TREASURY_PRIVATE_KEY (each worker owns its key's nonces)",
    ]);
    expect(problems({ RELAYER_PRIVATE_KEY: devAccounts.verifier.privateKey })).toEqual([
      "RELAYER_PRIVATE_KEY must differ from VERIFIER_PRIVATE_KEY",
    ]);
    expect(problems({ RELAY_DAILY_GAS_BUDGET_WEI: "1.5" })).toEqual([
      "RELAY_DAILY_GAS_BUDGET_WEI must be a whole number of wei",
    ]);
    expect(problems({ RELAY_BUDGET_ALERT_FRACTION: "2" })).toEqual([
      "RELAY_BUDGET_ALERT_FRACTION must be between 0 and 1",
    ]);
    expect(problems({ RELAY_PER_IP_PER_HOUR: "0" })).toHaveLength(1);
  });

  it("requires the relayer's own key in production", () => {
    const found = problems({ NODE_ENV: "production" });
    expect(found).toContain(
      "RELAYER_PRIVATE_KEY is required in production with RELAYER=on (a key holding ETH for claim gas)",
    );
    expect(problems({ NODE_ENV: "production", RELAYER: "off" })).not.toContain(
      "RELAYER_PRIVATE_KEY is required in production with RELAYER=on (a key holding ETH for claim gas)",
    );
  });
});
