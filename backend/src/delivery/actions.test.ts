import {
  addressKey,
  boonTokenAbi,
  GiftKind,
  giftIdOf,
  giftVaultAbi,
  socialId,
} from "@boon/contracts";
import {
  decodeFunctionData,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  parseAbiParameters,
  type TransactionReceipt,
  zeroHash,
} from "viem";
import { describe, expect, it } from "vitest";
import {
  actionCall,
  deliverySalt,
  giftIdFromReceipt,
  giftKindOfDelivery,
  refundedGift,
} from "./actions.ts";

const contracts = {
  boonToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
} as const;
const treasury = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const wallet = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const base = {
  deliveryId: "7d0c2f1e-0000-4000-8000-000000000001",
  amount: 5n,
  context: zeroHash,
  message: "",
  expiry: 0n,
} as const;

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

describe("refundedGift", () => {
  it("keeps a social id as is and pads a link key like the vault does", () => {
    const social = `0x${"ab".repeat(32)}` as Hex;
    const gift = { amount: 1n, expiry: 2n, sender: treasury, token: contracts.boonToken } as const;
    expect(refundedGift({ ...gift, kind: "gift_social", recipient: social }).recipient).toBe(
      social,
    );
    expect(refundedGift({ ...gift, kind: "gift_link", recipient: wallet }).recipient).toBe(
      addressKey(wallet),
    );
  });
});

describe("escrowed sends", () => {
  it("salts a social gift with its delivery id: stable across re-signing, unique per delivery", () => {
    const social = socialId("x", "42");
    const send = (deliveryId: string) =>
      decodeFunctionData({
        abi: giftVaultAbi,
        data: actionCall(
          { ...base, deliveryId, kind: "gift_social", recipient: social, expiry: 1_900_000_000n },
          treasury,
          contracts,
        ).data,
      });
    const first = send(base.deliveryId);
    expect(first.functionName).toBe("giftToSocial");
    expect(first.args).toEqual([
      contracts.boonToken,
      social,
      5n,
      1_900_000_000,
      deliverySalt(base.deliveryId),
      zeroHash,
      "",
    ]);
    expect(send(base.deliveryId).args).toEqual(first.args);
    expect(send("another-delivery").args?.[4]).not.toBe(deliverySalt(base.deliveryId));
  });

  it("sends a link gift to its key, which is the gift's salt", () => {
    const call = actionCall(
      { ...base, kind: "gift_link", recipient: wallet, expiry: 1_900_000_000n },
      treasury,
      contracts,
    );
    const decoded = decodeFunctionData({ abi: giftVaultAbi, data: call.data });
    expect(decoded.functionName).toBe("giftToLink");
    expect(decoded.args).toEqual([contracts.boonToken, wallet, 5n, 1_900_000_000, zeroHash, ""]);
  });

  it("reads the escrowed gift's id from its send event, and none for a direct gift", () => {
    const giftId = giftIdOf(treasury, deliverySalt(base.deliveryId));
    const log = (
      eventName: "SocialGiftSent" | "GiftDelivered",
      address: Hex = contracts.giftVault,
    ) =>
      eventName === "SocialGiftSent"
        ? {
            address,
            topics: encodeEventTopics({
              abi: giftVaultAbi,
              eventName,
              args: { giftId, sender: treasury, socialId: socialId("x", "42") },
            }),
            data: encodeAbiParameters(
              parseAbiParameters("address, uint256, uint40, bytes32, string"),
              [contracts.boonToken, 5n, 1_900_000_000, zeroHash, ""],
            ),
          }
        : {
            address,
            topics: encodeEventTopics({
              abi: giftVaultAbi,
              eventName,
              args: { sender: treasury, to: wallet },
            }),
            data: encodeAbiParameters(parseAbiParameters("address, uint256, bytes32, string"), [
              contracts.boonToken,
              5n,
              zeroHash,
              "",
            ]),
          };
    const receipt = (logs: ReturnType<typeof log>[]) =>
      ({ logs: logs.map((l, logIndex) => ({ ...l, logIndex })) }) as unknown as TransactionReceipt;
    expect(giftIdFromReceipt(receipt([log("SocialGiftSent")]), contracts.giftVault)).toBe(giftId);
    expect(giftIdFromReceipt(receipt([log("GiftDelivered")]), contracts.giftVault)).toBeUndefined();
    // another contract's event with the same shape is not ours
    const elsewhere = "0x0000000000000000000000000000000000000bad";
    expect(
      giftIdFromReceipt(receipt([log("SocialGiftSent", elsewhere)]), contracts.giftVault),
    ).toBeUndefined();
  });

  it("names the vault kind of each gift delivery", () => {
    expect(giftKindOfDelivery("gift_address")).toBe("address");
    expect(giftKindOfDelivery("gift_social")).toBe("social");
    expect(giftKindOfDelivery("gift_link")).toBe("link");
    expect(giftKindOfDelivery("withdrawal")).toBeNull();
    expect(GiftKind.Social).toBe(1);
  });
});
