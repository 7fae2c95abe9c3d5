import { describe, expect, it } from "vitest";
import { ComposeError, classifySendFailure } from "./send-failure.ts";

const smtp = (responseCode: number, code = "EENVELOPE") =>
  Object.assign(new Error(`${responseCode} refused`), { responseCode, code });
const network = (code: string) => Object.assign(new Error(code), { code });

describe("classifySendFailure", () => {
  it("treats SMTP 5xx, refused envelopes and compose errors as permanent", () => {
    for (const error of [
      smtp(550),
      smtp(553),
      smtp(554, "EMESSAGE"),
      network("EENVELOPE"),
      new ComposeError(new Error("no purchase")),
    ])
      expect(classifySendFailure(error).permanent, String(error)).toBe(true);
  });

  it("treats SMTP 4xx, connection failures, timeouts and the unknown as transient", () => {
    for (const error of [
      smtp(421, "ECONNECTION"),
      smtp(451),
      smtp(452),
      network("ECONNECTION"),
      network("ECONNREFUSED"),
      network("ETIMEDOUT"),
      network("ESOCKET"),
      new Error("something else"),
      "not even an error",
    ])
      expect(classifySendFailure(error).permanent, String(error)).toBe(false);
  });

  it("keeps the reason, cut to a bounded length", () => {
    expect(classifySendFailure(smtp(550)).reason).toBe("550 refused");
    expect(classifySendFailure(new Error("x".repeat(5_000))).reason).toHaveLength(1_000);
    expect(classifySendFailure(new ComposeError(new Error("bad"))).reason).toBe(
      "could not compose: bad",
    );
  });
});
