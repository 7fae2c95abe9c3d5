import { randomBytes } from "node:crypto";
import { configProblems } from "@boon/backend/test-support";
import { devAccounts } from "@boon/contracts";
import { X_DEV_APP_BEARER_TOKEN, X_DEV_CLIENT, X_PRODUCTION_URLS } from "@boon/scripts/stand-ins";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { DEV_X, DEV_X_TOKEN_KEY } from "./social.config.ts";

const key = () => randomBytes(32).toString("base64");

describe("X and verifier configuration", () => {
  it("defaults to the local X stand-in's address and dev credentials, and the dev verifier key", () => {
    const { social } = loadConfig({});
    expect(DEV_X).toMatchObject({
      clientId: X_DEV_CLIENT.clientId,
      clientSecret: X_DEV_CLIENT.clientSecret,
      bearerToken: X_DEV_APP_BEARER_TOKEN,
    });
    expect(social.x).toMatchObject({
      apiUrl: "http://127.0.0.1:4020",
      authorizeUrl: "http://127.0.0.1:4020/i/oauth2/authorize",
      callbackUrl: "http://localhost:4000/v1/auth/x/callback",
      allowInsecureRequests: true,
      claimPageUrl: "http://localhost:5173/claim/x",
      handleCacheSeconds: 300,
    });
    expect(social.verifier).toEqual({
      privateKey: devAccounts.verifier.privateKey,
      attestationTtlSeconds: 300,
    });
  });

  it("talks to real X once an X app is configured", () => {
    const { x } = loadConfig({
      X_CLIENT_ID: "id",
      X_CLIENT_SECRET: "secret",
      X_BEARER_TOKEN: "AAAA",
      PUBLIC_URL: "https://api.boon.example",
    }).social;
    expect(x).toMatchObject({
      apiUrl: X_PRODUCTION_URLS.X_API_URL,
      authorizeUrl: X_PRODUCTION_URLS.X_AUTHORIZE_URL,
      callbackUrl: "https://api.boon.example/v1/auth/x/callback",
      allowInsecureRequests: false,
    });
    expect(configProblems({ X_CLIENT_ID: "id" })).toEqual([
      expect.stringMatching(/^X_CLIENT_SECRET is required with X_CLIENT_ID/),
      expect.stringMatching(/^X_BEARER_TOKEN is required with X_CLIENT_ID/),
    ]);
  });

  it("requires X, a token key and a verifier key in production, over https", () => {
    const list = configProblems({ NODE_ENV: "production" }).join("\n");
    for (const key of [
      "X_CLIENT_ID",
      "X_CLIENT_SECRET",
      "X_BEARER_TOKEN",
      "X_TOKEN_KEY",
      "VERIFIER_PRIVATE_KEY",
    ])
      expect(list).toContain(`${key} is required in production`);
    const insecure = configProblems({
      NODE_ENV: "production",
      X_API_URL: "http://x.internal",
      X_TOKEN_KEY: DEV_X_TOKEN_KEY,
    }).join("\n");
    expect(insecure).toContain("X_API_URL must be https in production");
    expect(insecure).toContain("must not be the development key");
  });

  it("validates keys: 32-byte base64 token keys, a 64-hex verifier key, a short attestation TTL", () => {
    const current = key();
    const previous = [key(), key()];
    const { x } = loadConfig({
      X_TOKEN_KEY: current,
      X_TOKEN_PREVIOUS_KEYS: previous.join(", "),
    }).social;
    expect(x.tokenKeys.current.equals(Buffer.from(current, "base64"))).toBe(true);
    expect(x.tokenKeys.previous.map((k) => k.toString("base64"))).toEqual(previous);
    expect(configProblems({ X_TOKEN_KEY: "c2hvcnQ=" })).toEqual([
      "X_TOKEN_KEY must be base64 of 32 random bytes",
    ]);
    expect(configProblems({ X_TOKEN_PREVIOUS_KEYS: `${key()},nope` })).toHaveLength(1);
    expect(configProblems({ VERIFIER_PRIVATE_KEY: "0x1234" })).toEqual([
      "VERIFIER_PRIVATE_KEY must be 0x followed by 64 hex digits",
    ]);
    expect(configProblems({ ATTESTATION_TTL_SECONDS: "601" })).toHaveLength(1);
  });
});
