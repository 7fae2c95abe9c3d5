import { giftVaultAbi } from "@boon/contracts";
import { encodeAbiParameters, encodeEventTopics, type TransactionReceipt } from "viem";
import { describe, expect, it } from "vitest";
import { boonEvents, hashFromPath } from "./TxPage.tsx";

const hash = `0x${"ab".repeat(32)}` as const;

describe("the transaction page", () => {
  it("reads the hash from /tx/<hash> and refuses anything else", () => {
    expect(hashFromPath(`/tx/${hash}`)).toBe(hash);
    expect(hashFromPath("/tx/0x12")).toBeNull();
    expect(hashFromPath("/tx")).toBeNull();
  });

  it("names the Boon events in a receipt and counts the others", () => {
    const topics = encodeEventTopics({
      abi: giftVaultAbi,
      eventName: "GiftRefunded",
      args: {
        giftId: 7n,
        sender: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        relayer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      },
    });
    const refunded = {
      address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      topics,
      data: encodeAbiParameters(
        [{ type: "address" }, { type: "uint256" }],
        ["0x5FbDB2315678afecb367f032d93F642f64180aa3", 5n],
      ),
    };
    const foreign = {
      address: "0x0000000000000000000000000000000000000001",
      topics: [hash],
      data: "0x",
    };
    const receipt = { logs: [refunded, foreign] } as unknown as TransactionReceipt;
    expect(boonEvents(receipt)).toEqual({ names: ["GiftRefunded"], other: 1 });
  });
});
