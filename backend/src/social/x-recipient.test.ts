import { describe, expect, it } from "vitest";
import { parseXRecipient } from "./x-recipient.ts";

describe("parseXRecipient", () => {
  it.each([
    ["@alice", { handle: "alice" }],
    ["alice_99", { handle: "alice_99" }],
    ["  @Alice  ", { handle: "Alice" }],
    ["x.com/alice", { handle: "alice" }],
    ["https://x.com/alice", { handle: "alice" }],
    ["https://x.com/alice/", { handle: "alice" }],
    ["https://www.x.com/alice?s=21", { handle: "alice" }],
    ["http://twitter.com/alice", { handle: "alice" }],
    ["mobile.twitter.com/alice", { handle: "alice" }],
    ["https://x.com/alice/status/1850000000000000001", { postId: "1850000000000000001" }],
    ["x.com/alice/status/1850000000000000001?s=20&t=abc", { postId: "1850000000000000001" }],
    ["https://twitter.com/i/web/status/42", { postId: "42" }],
    ["https://x.com/i/status/42", { postId: "42" }],
  ])("%s names %o", (input, expected) => {
    expect(parseXRecipient(input)).toEqual(expected);
  });

  it.each([
    "",
    "@",
    "@this_handle_is_too_long",
    "al ice",
    "@al-ice",
    "https://x.com/home",
    "https://x.com/i/flow/login",
    "https://x.com/search?q=boon",
    "https://x.com/alice/likes",
    "https://x.com/alice/status/0",
    "https://example.com/alice",
    "https://x.com.evil.example/alice",
    "ftp://x.com/alice",
    "javascript:alert(1)",
    "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  ])("refuses %j", (input) => {
    expect(parseXRecipient(input)).toBeUndefined();
  });
});
