import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { claimLinkUrl, newLinkKey, parseClaimLink } from "./claim-link.ts";

describe("claim links", () => {
  it("round-trips the key through the fragment (the gift is found by its link key)", () => {
    const key = newLinkKey();
    expect(privateKeyToAccount(key.privateKey).address).toBe(key.address);
    const url = claimLinkUrl("https://boon.example/", key.privateKey);
    expect(url).toBe(`https://boon.example/claim#key=${key.privateKey}`);
    expect(new URL(url).search).toBe("");
    expect(parseClaimLink(url)).toEqual({
      ok: true,
      link: { giftId: null, privateKey: key.privateKey, linkKey: key.address },
    });
  });
  it("still reads an older link that carries the gift id", () => {
    const key = newLinkKey();
    const giftId = 2n ** 255n + 7n; // ids are 256-bit hashes now
    expect(
      parseClaimLink(`https://boon.example/claim#gift=${giftId}&key=${key.privateKey}`),
    ).toEqual({
      ok: true,
      link: { giftId, privateKey: key.privateKey, linkKey: key.address },
    });
  });
  it("gives two gifts two different keys", () => {
    expect(newLinkKey().privateKey).not.toBe(newLinkKey().privateKey);
  });
  it("rejects damaged links with a reason", () => {
    expect(parseClaimLink("#gift=1")).toMatchObject({ ok: false });
    expect(parseClaimLink("#gift=1&key=")).toMatchObject({ ok: false });
    expect(parseClaimLink(`#gift=x&key=0x${"11".repeat(32)}`)).toMatchObject({ ok: false });
    expect(parseClaimLink("#gift=1&key=0x1234")).toMatchObject({ ok: false });
    expect(parseClaimLink(`#gift=1&key=0x${"00".repeat(32)}`)).toMatchObject({ ok: false });
  });
});
