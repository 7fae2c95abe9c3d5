import { giftKindName } from "@boon/contracts";
import { describe, expect, it } from "vitest";
import { contextOf, recipientOf, statusAtSend } from "../../src/logic/gifts.ts";

describe("gift fields", () => {
  it("names the vault's kinds (through @boon/contracts) and rejects unknown ones", () => {
    expect([0, 1, 2].map(giftKindName)).toEqual(["address", "social", "link"]);
    expect(() => giftKindName(3)).toThrow("unknown gift kind 3");
  });

  it("stores address and link recipients as addresses, social ids as 32 bytes", () => {
    const padded = "0x00000000000000000000000015D34AAF54267DB7D7C367839AAF71A00A2C6A65";
    expect(recipientOf("address", padded)).toBe("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
    expect(recipientOf("link", padded)).toBe("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
    expect(recipientOf("link", "0x15D34AAF54267DB7D7C367839AAF71A00A2C6A65")).toBe(
      "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
    );
    const social = `0x${"Ab".repeat(32)}` as const;
    expect(recipientOf("social", social)).toBe(`0x${"ab".repeat(32)}`);
  });

  it("treats a zero context as none", () => {
    expect(contextOf(`0x${"0".repeat(64)}`)).toBeNull();
    expect(contextOf(`0x${"0".repeat(63)}F`)).toBe(`0x${"0".repeat(63)}f`);
  });

  it("derives the status from the kind", () => {
    expect(statusAtSend("address")).toBe("delivered");
    expect(statusAtSend("social")).toBe("pending");
    expect(statusAtSend("link")).toBe("pending");
  });
});
