import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deploymentFile, loadAppConfig } from "./deployment-plugin.ts";

describe("deployment file", () => {
  it("comes from BOON_DEPLOYMENT_FILE or the chain's default path", () => {
    expect(deploymentFile({ BOON_DEPLOYMENT_FILE: "/x/d.json" })).toBe("/x/d.json");
    expect(deploymentFile({ VITE_CHAIN_ID: "8453" })).toMatch(
      /contracts\/deployments\/8453\.json$/,
    );
  });
  it("is read and validated into the app's config", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "boon-dapp-"));
    const file = path.join(dir, "31337.json");
    const contracts = {
      boonToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      rewardDistributor: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
    };
    await writeFile(file, JSON.stringify({ chainId: 31337, startBlock: 3, contracts }));
    const result = loadAppConfig(file, { VITE_RPC_URL: "http://127.0.0.1:9999" });
    expect(result.ok && result.config.contracts).toEqual(contracts);
    expect(result.ok && result.config.rpcUrl).toBe("http://127.0.0.1:9999");
    await writeFile(file, "{");
    expect(loadAppConfig(file, {})).toEqual({
      ok: false,
      problems: [`The deployments file ${file} is not valid JSON.`],
    });
    expect(loadAppConfig(path.join(dir, "none.json"), {})).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^No deployments file/)],
    });
  });
});
