import { zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { contextPostUrl, parsePostContext } from "./context.ts";

describe("parsePostContext", () => {
  it("turns a post URL into its id as bytes32", () => {
    const parsed = parsePostContext("https://x.com/boon/status/1790000000000000001?s=20");
    expect(parsed).toEqual({
      ok: true,
      postId: "1790000000000000001",
      context: `0x${1790000000000000001n.toString(16).padStart(64, "0")}`,
    });
    expect(parsePostContext("https://twitter.com/a_b/status/42")).toMatchObject({
      ok: true,
      postId: "42",
    });
  });
  it("means no context when empty", () => {
    expect(parsePostContext("  ")).toEqual({ ok: true, context: zeroHash, postId: null });
  });
  it("rejects other links and ids that are not posts", () => {
    expect(parsePostContext("https://example.com/x/status/1")).toMatchObject({ ok: false });
    expect(parsePostContext("https://x.com/boon")).toMatchObject({ ok: false });
    expect(parsePostContext("https://x.com/boon/status/0")).toMatchObject({ ok: false });
    expect(parsePostContext("https://x.com/boon/status/99999999999999999999")).toMatchObject({
      ok: false,
    });
  });
});

describe("contextPostUrl", () => {
  it("links back to the post and ignores other contexts", () => {
    const parsed = parsePostContext("https://x.com/boon/status/42");
    expect(parsed.ok && contextPostUrl(parsed.context)).toBe("https://x.com/i/web/status/42");
    expect(contextPostUrl(zeroHash)).toBeNull();
    expect(contextPostUrl(`0x${"ff".repeat(32)}`)).toBeNull();
  });
});
