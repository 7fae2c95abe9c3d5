import { describe, expect, it } from "vitest";
import { addressGroups } from "./address-groups.ts";

describe("addressGroups", () => {
  it("cuts an address into the prefix and ten groups of four, keeping its checksum case", () => {
    const groups = addressGroups("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(groups).toEqual([
      "0x",
      "f39F",
      "d6e5",
      "1aad",
      "88F6",
      "F4ce",
      "6aB8",
      "8272",
      "79cf",
      "fFb9",
      "2266",
    ]);
    expect(groups.join("")).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  });
});
