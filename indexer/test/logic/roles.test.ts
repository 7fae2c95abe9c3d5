import { keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { roleName } from "../../src/logic/roles.ts";

describe("roleName", () => {
  it("names the Boon contracts' roles", () => {
    expect(roleName(`0x${"0".repeat(64)}`)).toBe("DEFAULT_ADMIN_ROLE");
    expect(roleName(keccak256(toHex("MINTER_ROLE")))).toBe("MINTER_ROLE");
    expect(roleName(keccak256(toHex("REWARD_SIGNER_ROLE")))).toBe("REWARD_SIGNER_ROLE");
  });

  it("keeps an unknown role as its lower-case hash", () => {
    const other = keccak256(toHex("OTHER_ROLE"));
    expect(roleName(other.toUpperCase().replace("0X", "0x") as `0x${string}`)).toBe(other);
  });
});
