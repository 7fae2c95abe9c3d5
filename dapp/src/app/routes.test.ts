import { describe, expect, it } from "vitest";
import { matchRoute } from "./routes.ts";

describe("matchRoute", () => {
  it("finds pages by path and by first segment", () => {
    expect(matchRoute("/")?.label).toBe("Home");
    expect(matchRoute("/send?to=0x1")?.label).toBe("Send");
    expect(matchRoute("/buy/success?purchase=1")?.label).toBe("Buy");
    expect(matchRoute("/claim")?.label).toBe("Claim");
    expect(matchRoute("/wallet/new")?.label).toBe("Wallet");
    expect(matchRoute("/wallet/restore")?.label).toBe("Wallet");
    expect(matchRoute("/claim/x?x=signed_in")?.label).toBe("Claim X gifts");
  });
  it("has no page for unknown paths", () => {
    expect(matchRoute("/nope")).toBeNull();
  });
});
