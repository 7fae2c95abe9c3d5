import { configProblems } from "@boon/backend/test-support";
import type { ConfigError } from "@boon/contracts/config-error";
import {
  STRIPE_DEV_SECRET_KEY,
  STRIPE_DEV_WEBHOOK_SECRET,
  STRIPE_PRODUCTION_URLS,
} from "@boon/scripts/stand-ins";
import { describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, DEV_SMTP_URL, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("has working local defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      port: 4000,
      publicUrl: "http://localhost:4000",
      corsOrigins: ["http://localhost:5173"],
      siweDomain: "localhost:5173",
      chainId: 31337,
      rpcUrl: "http://127.0.0.1:8545",
      jwtSecret: DEV_JWT_SECRET,
      secureCookies: false,
      mail: { smtpUrl: DEV_SMTP_URL, from: "Boon <no-reply@boon.local>" },
    });
    expect(DEV_SMTP_URL).toBe("smtp://127.0.0.1:4025"); // the local SMTP stand-in's default port
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it("reaches Stripe through STRIPE_*: the local stand-in's defaults, or real Stripe with a key", () => {
    expect(loadConfig({}).stripe).toEqual({
      apiUrl: "http://127.0.0.1:4010",
      secretKey: STRIPE_DEV_SECRET_KEY,
      webhookSecret: STRIPE_DEV_WEBHOOK_SECRET,
      webhookToleranceSeconds: 300,
    });
    const real = loadConfig({
      STRIPE_SECRET_KEY: "sk_live_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
    });
    expect(real.stripe).toMatchObject({
      apiUrl: STRIPE_PRODUCTION_URLS.STRIPE_API_URL,
      secretKey: "sk_live_abc",
      webhookSecret: "whsec_abc",
    });
    expect(loadConfig({ STRIPE_API_URL: "http://127.0.0.1:9999/" }).stripe.apiUrl).toBe(
      "http://127.0.0.1:9999",
    );
    expect(configProblems({ STRIPE_API_URL: "ftp://stripe" })).toEqual([
      "STRIPE_API_URL must be an http(s) URL",
    ]);
  });

  it("reads CORS_ORIGINS as a list and derives secure cookies from an https PUBLIC_URL", () => {
    const config = loadConfig({
      CORS_ORIGINS: "https://app.boon.example, https://admin.boon.example",
      PUBLIC_URL: "https://api.boon.example",
      SIWE_DOMAIN: "app.boon.example",
      RPC_URL: "none",
    });
    expect(config.corsOrigins).toEqual(["https://app.boon.example", "https://admin.boon.example"]);
    expect(config.secureCookies).toBe(true);
    expect(config.siweDomain).toBe("app.boon.example");
    expect(config.rpcUrl).toBeUndefined();
  });

  it("production without JWT_SECRET fails with a clear message", () => {
    const list = configProblems({ NODE_ENV: "production" });
    expect(list.some((p) => /JWT_SECRET is required in production/.test(p))).toBe(true);
  });

  it("production with a short or default JWT_SECRET fails", () => {
    expect(configProblems({ NODE_ENV: "production", JWT_SECRET: "short" }).join("\n")).toMatch(
      /JWT_SECRET must be at least 32 characters in production \(got 5\)/,
    );
    expect(
      configProblems({ NODE_ENV: "production", JWT_SECRET: DEV_JWT_SECRET }).join("\n"),
    ).toMatch(/must not be the development default/);
  });

  it("lists every malformed key at once, naming each", () => {
    const error = (() => {
      try {
        loadConfig({
          PORT: "eighty",
          PUBLIC_URL: "not a url",
          DATABASE_URL: "mysql://x",
          CHAIN_ID: "-1",
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error.message).toMatch(/^Cannot start the backend:\n {2}- /);
    expect(error.problems.some((p) => p.startsWith("PORT"))).toBe(true);
    expect(error.problems.some((p) => p.startsWith("PUBLIC_URL"))).toBe(true);
    expect(error.problems.some((p) => p.includes("DATABASE_URL must start with postgres://"))).toBe(
      true,
    );
    expect(error.problems.some((p) => p.startsWith("CHAIN_ID"))).toBe(true);
  });

  it("reports a missing production secret together with other malformed keys", () => {
    const list = configProblems({ NODE_ENV: "production", PORT: "eighty" });
    expect(list.some((p) => p.startsWith("JWT_SECRET is required in production"))).toBe(true);
    expect(list.some((p) => p.startsWith("PORT"))).toBe(true);
  });

  it("sends mail to SMTP_URL, required in production and refused unless smtp(s)://host", () => {
    const url = "smtps://apikey:s%40cret@smtp.example.com:465";
    expect(loadConfig({ SMTP_URL: url, MAIL_FROM: "Boon <hi@boon.example>" }).mail).toEqual({
      smtpUrl: url,
      from: "Boon <hi@boon.example>",
    });
    expect(configProblems({ NODE_ENV: "production" }).join("\n")).toMatch(
      /SMTP_URL is required in production/,
    );
    for (const bad of ["http://smtp.example.com", "smtp.example.com:587", "smtp://"])
      expect(configProblems({ SMTP_URL: bad })).toEqual([
        "SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.com:465",
      ]);
  });

  it("rejects CORS entries that are not bare origins", () => {
    expect(
      configProblems({ CORS_ORIGINS: "https://ok.example,https://bad.example/path" })[0],
    ).toMatch(/CORS_ORIGINS: "https:\/\/bad.example\/path" is not an origin/);
  });

  it("rejects unknown NODE_ENV and LOG_LEVEL values", () => {
    const list = configProblems({ NODE_ENV: "staging", LOG_LEVEL: "loud" });
    expect(list.some((p) => p.startsWith("NODE_ENV"))).toBe(true);
    expect(list.some((p) => p.startsWith("LOG_LEVEL"))).toBe(true);
  });
});
