// The environment keys of X account linking, the recipient resolver and the social verifier. They
// join the one environment schema in src/config.ts (validated together at start-up); this module
// only keeps them beside the code that uses them.
import { devAccounts } from "@boon/contracts";
import { z } from "zod";
import { optionalString } from "../config-fields.ts";

/**
 * The local X stand-in's defaults (scripts/stand-ins/x: `X_DEV_CLIENT`, `X_DEV_APP_BEARER_TOKEN`,
 * port 4020), used when no X_CLIENT_ID is set and refused in production. Copied, not imported:
 * production code never loads development tooling (a test checks they agree).
 */
export const DEV_X = {
  apiUrl: "http://127.0.0.1:4020",
  clientId: "boon-local-x-client",
  clientSecret: "boon-local-x-secret",
  bearerToken: `AAAAAAAAAAAAAAAAAAAAA${"LocalXAppOnlyBearerToken".padEnd(40, "0")}`,
} as const;

/** Real X: the API (and token endpoints) and the consent page. */
export const X_URLS = {
  api: "https://api.x.com",
  authorize: "https://x.com/i/oauth2/authorize",
} as const;

/** Encrypts X tokens outside production only: 32 fixed bytes, refused in production. */
export const DEV_X_TOKEN_KEY = Buffer.from("boon-dev-only-x-token-key-000000").toString("base64");

const httpUrl = (key: string) =>
  optionalString.pipe(
    z.url({ protocol: /^https?$/, error: `${key} must be an http(s) URL` }).optional(),
  );

/** Base64 (standard or URL-safe) of exactly 32 bytes: an AES-256 key. */
export function decodeKey(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return undefined;
  const key = Buffer.from(value, "base64");
  return key.length === 32 ? key : undefined;
}

const keyList = optionalString.pipe(
  z
    .string()
    .refine(
      (value) => value.split(",").every((k) => decodeKey(k.trim()) !== undefined),
      "X_TOKEN_PREVIOUS_KEYS must be comma-separated base64 32-byte keys",
    )
    .optional(),
);

const privateKey = (key: string) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, `${key} must be 0x followed by 64 hex digits`)
      .optional(),
  );

export const socialEnvShape = {
  /** Base of X's API and token endpoints; unset = real X with X_CLIENT_ID, else the local X. */
  X_API_URL: httpUrl("X_API_URL"),
  X_AUTHORIZE_URL: httpUrl("X_AUTHORIZE_URL"),
  X_CLIENT_ID: optionalString,
  X_CLIENT_SECRET: optionalString,
  X_BEARER_TOKEN: optionalString,
  /** Where X sends the browser back; unset = PUBLIC_URL + /v1/auth/x/callback. */
  X_CALLBACK_URL: httpUrl("X_CALLBACK_URL"),
  X_TOKEN_KEY: optionalString.pipe(
    z
      .string()
      .refine((v) => decodeKey(v) !== undefined, "X_TOKEN_KEY must be base64 of 32 random bytes")
      .optional(),
  ),
  X_TOKEN_PREVIOUS_KEYS: keyList,
  /** How long a handle -> account lookup is trusted (a renamed handle may pass to someone else). */
  X_HANDLE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /** How old the stored profile of a linked account may get before GET /v1/me/x asks X again. */
  X_PROFILE_SYNC_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  RATE_LIMIT_X_LOOKUPS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_ATTESTATIONS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** A VERIFIER_ROLE key of the GiftVault: signs SocialClaim attestations. */
  VERIFIER_PRIVATE_KEY: privateKey("VERIFIER_PRIVATE_KEY"),
  /** Lifetime of an attestation (its deadline), at most 10 minutes. */
  ATTESTATION_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(300),
};

const socialEnvObject = z.object(socialEnvShape);

type SocialEnv = {
  NODE_ENV: "development" | "test" | "production";
  PUBLIC_URL: string;
  DAPP_ORIGIN: string;
} & z.output<typeof socialEnvObject>;

export type XConfig = {
  /** Origin of the API and of `/2/oauth2/token` and `/2/oauth2/revoke`. */
  apiUrl: string;
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  /** The app-only bearer token (handle and post lookups). */
  bearerToken: string;
  callbackUrl: string;
  /** Plain-http X URLs are allowed: the local stand-in, outside production only. */
  allowInsecureRequests: boolean;
  /** AES-256-GCM keys of stored tokens: the current one encrypts, all of them decrypt. */
  tokenKeys: { current: Buffer; previous: Buffer[] };
  handleCacheSeconds: number;
  profileSyncSeconds: number;
  /** The dApp, where the callback sends the browser, and its X claim page. */
  dappOrigin: string;
  claimPageUrl: string;
};

export type VerifierConfig = { privateKey: `0x${string}`; attestationTtlSeconds: number };

export type SocialConfig = {
  x: XConfig;
  verifier: VerifierConfig;
  rateLimits: { xLookupsPerMinute: number; attestationsPerMinute: number };
};

/** Problems only a whole view of the environment can see (production requirements, pairs). */
export function socialEnvProblems(env: SocialEnv): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const production = env.NODE_ENV === "production";
  if (env.X_CLIENT_ID !== undefined || production) {
    for (const key of ["X_CLIENT_ID", "X_CLIENT_SECRET", "X_BEARER_TOKEN"] as const) {
      if (env[key] === undefined)
        problems.push({
          path: key,
          message: production
            ? `${key} is required in production (from the X app in X's developer console; the local X is for development)`
            : `${key} is required with X_CLIENT_ID (an X app's OAuth 2.0 client id, secret and bearer token)`,
        });
    }
  }
  if (production) {
    for (const key of ["X_API_URL", "X_AUTHORIZE_URL", "X_CALLBACK_URL"] as const) {
      if (env[key]?.startsWith("http:"))
        problems.push({ path: key, message: `${key} must be https in production` });
    }
    if (env.X_TOKEN_KEY === undefined || env.X_TOKEN_KEY === DEV_X_TOKEN_KEY)
      problems.push({
        path: "X_TOKEN_KEY",
        message:
          "X_TOKEN_KEY is required in production and must not be the development key (e.g. `openssl rand -base64 32`)",
      });
    if (env.VERIFIER_PRIVATE_KEY === undefined)
      problems.push({
        path: "VERIFIER_PRIVATE_KEY",
        message:
          "VERIFIER_PRIVATE_KEY is required in production (a key holding the GiftVault's VERIFIER_ROLE)",
      });
  }
  return problems;
}

export function socialConfig(e: SocialEnv): SocialConfig {
  const real = e.X_CLIENT_ID !== undefined;
  const apiUrl = new URL(e.X_API_URL ?? (real ? X_URLS.api : DEV_X.apiUrl)).origin;
  const authorizeUrl =
    e.X_AUTHORIZE_URL ?? (real ? X_URLS.authorize : `${apiUrl}/i/oauth2/authorize`);
  const callbackUrl = e.X_CALLBACK_URL ?? `${new URL(e.PUBLIC_URL).origin}/v1/auth/x/callback`;
  const dappOrigin = new URL(e.DAPP_ORIGIN).origin;
  return {
    x: {
      apiUrl,
      authorizeUrl,
      clientId: e.X_CLIENT_ID ?? DEV_X.clientId,
      clientSecret: e.X_CLIENT_SECRET ?? DEV_X.clientSecret,
      bearerToken: e.X_BEARER_TOKEN ?? DEV_X.bearerToken,
      callbackUrl,
      allowInsecureRequests:
        e.NODE_ENV !== "production" &&
        [apiUrl, authorizeUrl].some((url) => url.startsWith("http:")),
      tokenKeys: {
        current: decodeKey(e.X_TOKEN_KEY ?? DEV_X_TOKEN_KEY) as Buffer,
        previous: (e.X_TOKEN_PREVIOUS_KEYS ?? "")
          .split(",")
          .filter((k) => k.trim() !== "")
          .map((k) => decodeKey(k.trim()) as Buffer),
      },
      handleCacheSeconds: e.X_HANDLE_CACHE_SECONDS,
      profileSyncSeconds: e.X_PROFILE_SYNC_SECONDS,
      dappOrigin,
      claimPageUrl: `${dappOrigin}/claim/x`,
    },
    verifier: {
      privateKey: (e.VERIFIER_PRIVATE_KEY ?? devAccounts.verifier.privateKey) as `0x${string}`,
      attestationTtlSeconds: e.ATTESTATION_TTL_SECONDS,
    },
    rateLimits: {
      xLookupsPerMinute: e.RATE_LIMIT_X_LOOKUPS_PER_MINUTE,
      attestationsPerMinute: e.RATE_LIMIT_ATTESTATIONS_PER_MINUTE,
    },
  };
}
