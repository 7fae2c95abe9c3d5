import { describe, expect, it } from "vitest";
import { type ChainMarker, parseMarker, sameChain } from "./chain-marker.ts";

const marker: ChainMarker = {
  chainId: 31337,
  startBlock: 1,
  startBlockHash: `0x${"ab".repeat(32)}`,
  contracts: {
    boonToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    rewardDistributor: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
  },
};

describe("chain markers", () => {
  it("match the same chain and deployment, whatever the address case", () => {
    const lower = {
      ...marker,
      contracts: {
        ...marker.contracts,
        boonToken: marker.contracts.boonToken.toLowerCase() as `0x${string}`,
      },
    };
    expect(sameChain(marker, lower)).toBe(true);
  });

  it("differ when the start block's hash, a contract or the chain differs", () => {
    expect(sameChain(marker, { ...marker, startBlockHash: `0x${"cd".repeat(32)}` })).toBe(false);
    expect(sameChain(marker, { ...marker, startBlockHash: null })).toBe(false);
    expect(sameChain(marker, { ...marker, chainId: 1 })).toBe(false);
    expect(
      sameChain(marker, {
        ...marker,
        contracts: { ...marker.contracts, giftVault: "0x0000000000000000000000000000000000000001" },
      }),
    ).toBe(false);
  });

  it("round-trip through a schema comment and ignore foreign comments", () => {
    expect(parseMarker(JSON.stringify({ boonChainMarker: marker }))).toEqual(marker);
    expect(parseMarker("managed by someone else")).toBeNull();
    expect(parseMarker(null)).toBeNull();
  });
});
