import { describe, expect, it } from "vitest";
import { creditGiftBody } from "./gifts.ts";

describe("creditGiftBody", () => {
  it("sends amounts as base-unit strings and the post by its id", () => {
    expect(
      creditGiftBody({
        kind: "link",
        amount: 3_000_000_000_000_000_000n,
        postId: "42",
        message: "hi",
        expiresInSeconds: 86_400,
      }),
    ).toEqual({
      kind: "link",
      amount: "3000000000000000000",
      context: "42",
      message: "hi",
      expiresInSeconds: 86_400,
    });
    expect(
      creditGiftBody({ kind: "address", to: "0xabc", amount: 1n, postId: null, message: "" }),
    ).toEqual({
      kind: "address",
      to: "0xabc",
      amount: "1",
      message: "",
    });
  });
});
