import { describe, expect, it } from "vitest";
import { parseXLink } from "./x-links.ts";

describe("parseXLink", () => {
  it("reads a post id (and its author's handle) from post links", () => {
    expect(parseXLink("https://x.com/boon/status/1790000000000000001?s=20")).toEqual({
      kind: "post",
      postId: "1790000000000000001",
      handle: "boon",
    });
    expect(parseXLink("twitter.com/a_b/statuses/42/")).toEqual({
      kind: "post",
      postId: "42",
      handle: "a_b",
    });
    expect(parseXLink("https://mobile.twitter.com/i/web/status/7#x")).toEqual({
      kind: "post",
      postId: "7",
      handle: null,
    });
    expect(parseXLink("https://www.x.com/i/status/8")).toMatchObject({ kind: "post", postId: "8" });
  });

  it("reads a handle from a profile link or an @handle", () => {
    expect(parseXLink("https://x.com/boon")).toEqual({ kind: "profile", handle: "boon" });
    expect(parseXLink(" @Boon_HQ ")).toEqual({ kind: "profile", handle: "Boon_HQ" });
  });

  it("refuses other hosts and anything that is neither", () => {
    for (const input of [
      "https://example.com/x/status/1",
      "https://x.com.evil.test/boon/status/1",
      "https://x.com/boon/likes",
      "@not a handle",
      "@waytoolongforahandle_",
      "",
      "just words",
    ]) {
      expect(parseXLink(input), input).toBeNull();
    }
  });
});
