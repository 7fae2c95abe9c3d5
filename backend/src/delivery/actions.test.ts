import { addressKey, boonTokenAbi, GiftKind, giftVaultAbi } from "@boon/contracts";
import { decodeFunctionData, type Hex, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { actionCall, escrowedGift } from "./actions.ts";

const contracts = {
  boonToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
} as const;
const treasury = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const wallet = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const base = { amount: 5n, context: zeroHash, message: "", expiry: 0n } as const;

describe("actionCall", () => {
  it("mints a withdrawal to the wallet on the token", () => {
    const call = actionCall(
      { ...base, kind: "withdrawal", recipient: wallet },
      treasury,
      contracts,
    );
    expect(call.to).toBe(contracts.boonToken);
    const decoded = decodeFunctionData({ abi: boonTokenAbi, data: call.data });
    expect(decoded).toMatchObject({ functionName: "mint", args: [wallet, 5n] });
  });

  it("tops the float up by minting to the sender itself", () => {
    const call = actionCall(
      { ...base, kind: "float_mint", recipient: wallet },
      treasury,
      contracts,
    );
    expect(decodeFunctionData({ abi: boonTokenAbi, data: call.data }).args).toEqual([treasury, 5n]);
  });

  it("refunds an escrowed gift in the vault that holds it, with the committed fields", () => {
    const oldVault = "0x0000000000000000000000000000000000000bad";
    const call = actionCall(
      {
        ...base,
        kind: "gift_refund",
        recipient: wallet,
        refund: {
          vault: oldVault,
          giftId: 9n,
          kind: "gift_link",
          recipient: wallet,
          amount: 5n,
          expiry: 1_900_000_000n,
          sender: treasury,
          token: contracts.boonToken,
        },
      },
      treasury,
      contracts,
    );
    expect(call.to).toBe(oldVault);
    const decoded = decodeFunctionData({ abi: giftVaultAbi, data: call.data });
    expect(decoded.functionName).toBe("refund");
    expect(decoded.args).toEqual([
      9n,
      {
        token: contracts.boonToken,
        sender: treasury,
        kind: GiftKind.Link,
        recipient: addressKey(wallet),
        amount: 5n,
        expiry: 1_900_000_000,
      },
    ]);
  });
});

describe("escrowedGift", () => {
  it("keeps a social id as is and pads a link key like the vault does", () => {
    const social = `0x${"ab".repeat(32)}` as Hex;
    const gift = { amount: 1n, expiry: 2n, sender: treasury, token: contracts.boonToken } as const;
    expect(escrowedGift({ ...gift, kind: "gift_social", recipient: social }).recipient).toBe(
      social,
    );
    expect(escrowedGift({ ...gift, kind: "gift_link", recipient: wallet }).recipient).toBe(
      addressKey(wallet),
    );
  });
});
