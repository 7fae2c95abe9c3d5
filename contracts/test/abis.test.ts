import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderAbis } from "../scripts/generate-abis.ts";
import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "../src/abis.ts";

describe("abis.ts", () => {
  it("matches the compiled artifacts (regenerate with contracts/scripts/generate-abis.ts)", async () => {
    // compare parsed values, not text: the checked-in file is formatted by Biome
    const fresh = await renderAbis();
    const parse = (name: string) => {
      const start = fresh.indexOf(`export const ${name} = `) + `export const ${name} = `.length;
      return JSON.parse(fresh.slice(start, fresh.indexOf(" as const;", start)));
    };
    assert.deepEqual(boonTokenAbi, parse("boonTokenAbi"));
    assert.deepEqual(giftVaultAbi, parse("giftVaultAbi"));
    assert.deepEqual(rewardDistributorAbi, parse("rewardDistributorAbi"));
  });
});
