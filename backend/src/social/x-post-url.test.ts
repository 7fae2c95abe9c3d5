import { describe, expect, it } from "vitest";
import { xPostIdFromUrl } from "./x-post-url.ts";

describe("xPostIdFromUrl", () => {
  it("reads the post id of x.com and twitter.com post links", () => {
    for (const url of [
      "https://x.com/someone/status/1850000000000000001",
      "https://www.x.com/someone/status/1850000000000000001?s=20",
      "https://mobile.twitter.com/someone/statuses/1850000000000000001/",
      "https://twitter.com/i/web/status/1850000000000000001#reply",
      "  http://x.com/i/status/1850000000000000001  ",
    ]) {
      expect(xPostIdFromUrl(url), url).toBe("1850000000000000001");
    }
  });

  it("refuses other hosts, profile links and text", () => {
    for (const url of [
      "https://example.com/someone/status/1",
      "https://x.com/someone",
      "https://x.com.evil.test/someone/status/1",
      "ftp://x.com/someone/status/1",
      "x.com/someone/status/1",
      "not a url",
    ]) {
      expect(xPostIdFromUrl(url), url).toBeUndefined();
    }
  });
});
