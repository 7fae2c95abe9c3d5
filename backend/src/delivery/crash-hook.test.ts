import { ConfigError } from "@boon/contracts/config-error";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { crashHook } from "./crash-hook.ts";
import type { Delivery } from "./outbox.repository.ts";

describe("the test crash hook", () => {
  it("is refused by the configuration outside NODE_ENV=test", () => {
    expect(() =>
      loadConfig({ NODE_ENV: "development", DELIVERY_TEST_CRASH_AT: "beforeSend" }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "test", DELIVERY_TEST_CRASH_AT: "sometime" })).toThrow(
      /DELIVERY_TEST_CRASH_AT/,
    );
    expect(
      loadConfig({ NODE_ENV: "test", DELIVERY_TEST_CRASH_AT: "afterReceipt:2" }).delivery
        .testCrashAt,
    ).toBe("afterReceipt:2");
  });

  it("requires a treasury key in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/TREASURY_PRIVATE_KEY/);
  });

  it("does nothing without a spec, or at other steps", () => {
    expect(crashHook(undefined)).toBeUndefined();
    const hook = crashHook("beforeRecord");
    expect(hook).toBeTypeOf("function");
    // Reaching other steps must not kill the process (this test would not finish otherwise).
    hook?.("beforeSend", {} as Delivery);
    hook?.("afterReceipt", {} as Delivery);
  });
});
