import { parseUnits, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { DAY, expiryChoices, validateGiftForm } from "./gift-form.ts";

const alice = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const bob = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const base = {
  kind: "address" as const,
  to: bob.toLowerCase(),
  amount: "5",
  message: " thanks! ",
  postUrl: "",
  expiryDays: 7,
};

describe("validateGiftForm", () => {
  it("accepts an address gift, checksumming the recipient", () => {
    expect(validateGiftForm(base, 1_000, alice)).toEqual({
      ok: true,
      values: {
        kind: "address",
        to: bob,
        amount: parseUnits("5", 18),
        message: "thanks!",
        context: zeroHash,
        postId: null,
        expiry: 0,
      },
    });
  });
  it("gives a link gift its expiry and the post as context", () => {
    const result = validateGiftForm(
      { ...base, kind: "link", to: "", postUrl: "https://x.com/a/status/42", expiryDays: 3 },
      1_000.7,
    );
    expect(result.ok && result.values.expiry).toBe(1_000 + 3 * DAY);
    expect(result.ok && result.values.to).toBeNull();
    expect(result.ok && BigInt(result.values.context)).toBe(42n);
    expect(result.ok && result.values.postId).toBe("42");
  });
  it("takes an X account by handle or link, with an expiry like a link gift's", () => {
    const result = validateGiftForm({ ...base, kind: "x", to: "@alice", expiryDays: 7 }, 1_000);
    expect(result.ok && result.values).toMatchObject({
      kind: "x",
      to: null,
      expiry: 1_000 + 7 * DAY,
    });
    expect(validateGiftForm({ ...base, kind: "x", to: bob }, 0)).toEqual({
      ok: false,
      errors: { to: "Enter an @handle or an X link." },
    });
    expect(validateGiftForm({ ...base, kind: "x", to: "example.com/alice" }, 0)).toMatchObject({
      ok: false,
      errors: { to: expect.stringMatching(/@handle/) },
    });
  });
  it("reports each wrong field", () => {
    const result = validateGiftForm(
      { ...base, to: "0x12", amount: "-1", message: "x".repeat(281), postUrl: "nope" },
      0,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual([
      "amount",
      "message",
      "postUrl",
      "to",
    ]);
    expect(validateGiftForm({ ...base, to: alice }, 0, alice)).toMatchObject({
      ok: false,
      errors: { to: "That is your own wallet." },
    });
  });
});

describe("expiryChoices", () => {
  it("offers only durations within the vault's bounds", () => {
    expect(expiryChoices({ minDuration: 2 * DAY, maxDuration: 30 * DAY })).toEqual([3, 7, 14, 30]);
    expect(expiryChoices(undefined)).toEqual([7]);
    expect(expiryChoices({ minDuration: 100 * DAY, maxDuration: 200 * DAY })).toEqual([100]);
  });
});
