import { devAccounts, localChain, localRpcUrl } from "@boon/contracts";
import { z } from "zod";
import {
  type RelayerConfig,
  relayerConfig,
  relayerEnvProblems,
  relayerEnvShape,
} from "./relayer/relayer.config.ts";
import {
  type SocialConfig,
  socialConfig,
  socialEnvProblems,
  socialEnvShape,
} from "./social/social.config.ts";

/** Used only outside production so `npm start -w backend` works with no setup. */
export const DEV_JWT_SECRET = "boon-dev-only-jwt-secret-do-not-use-in-production";
const MIN_SECRET_LENGTH = 32;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (what: string) =>
  z.url({ error: `${what} must be a URL such as http://localhost:4000` });

function isSmtpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The one schema for the whole environment. Every key is read here and nowhere else, so a typo or a
 * missing production secret fails at start-up with every problem listed at once.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
        .optional(),
    ),
    PUBLIC_URL: url("PUBLIC_URL").default("http://localhost:4000"),
    DAPP_ORIGIN: url("DAPP_ORIGIN").default("http://localhost:5173"),
    CORS_ORIGINS: optionalString,
    JWT_SECRET: optionalString,
    SIWE_DOMAIN: optionalString,
    CHAIN_ID: z.coerce.number().int().positive().default(localChain.id),
    RPC_URL: z
      .string()
      .trim()
      .default(localRpcUrl)
      .transform((value) => (value === "" || value === "none" ? undefined : value))
      .pipe(url("RPC_URL").optional()),
    /** Unset outside production: the local SMTP stand-in `npm start` runs (DEV_SMTP_URL). */
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .refine(
          isSmtpUrl,
          "SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.com:465",
        )
        .optional(),
    ),
    MAIL_FROM: z.string().trim().min(3).default("Boon <no-reply@boon.local>"),
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://")
        .optional(),
    ),
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt(600),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt(30 * 24 * 3600),
    RATE_LIMIT_IP_PER_MINUTE: positiveInt(600),
    RATE_LIMIT_USER_PER_MINUTE: positiveInt(300),
    RATE_LIMIT_AUTH_PER_MINUTE: positiveInt(30),
    RATE_LIMIT_MONEY_PER_MINUTE: positiveInt(30),
    BODY_LIMIT_BYTES: positiveInt(64 * 1024),

    // ---- MONEY: ledger, on-ramp, KYC keys go below this line ----
    // No key = the local Stripe stand-in (scripts/stand-ins/stripe, started by `npm start`) at its
    // default address with its development credentials.
    STRIPE_API_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, error: "STRIPE_API_URL must be an http(s) URL" }).optional(),
    ),
    STRIPE_SECRET_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "STRIPE_SECRET_KEY must look like sk_test_...")
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^whsec_[A-Za-z0-9]+$/, "STRIPE_WEBHOOK_SECRET must look like whsec_...")
        .optional(),
    ),
    STRIPE_WEBHOOK_TOLERANCE_SECONDS: positiveInt(300),
    /** Price of one whole BOON in US cents (integer). */
    BOON_PRICE_CENTS: positiveInt(10),
    PURCHASE_MIN_CENTS: positiveInt(100),
    PURCHASE_MAX_CENTS: positiveInt(1_000_000),
    /** How long a Checkout Session (and the KYC capacity it holds) lives: Stripe allows 30..1440. */
    CHECKOUT_SESSION_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
    KYC_HOLD_HOURS_BASIC: z.coerce.number().int().min(0).max(8760).default(72),
    KYC_HOLD_HOURS_STANDARD: z.coerce.number().int().min(0).max(8760).default(24),
    KYC_HOLD_HOURS_PREMIUM: z.coerce.number().int().min(0).max(8760).default(0),

    // ---- DELIVERY: on-chain delivery worker (issue 5) ----
    /** The treasury key (MINTER_ROLE): sends every delivery. Dev default: Hardhat account #3. */
    TREASURY_PRIVATE_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{64}$/, "TREASURY_PRIVATE_KEY must be 0x followed by 64 hex digits")
        .optional(),
    ),
    /** Contract addresses; unset = read from the chain's deployments file (BOON_DEPLOYMENT_FILE). */
    BOON_TOKEN_ADDRESS: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, "BOON_TOKEN_ADDRESS must be an address")
        .optional(),
    ),
    GIFT_VAULT_ADDRESS: optionalString.pipe(
      z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, "GIFT_VAULT_ADDRESS must be an address")
        .optional(),
    ),
    DELIVERY_WORKER: z.enum(["on", "off"]).default("on"),
    DELIVERY_CONFIRMATIONS: z.coerce.number().int().min(1).max(1000).default(1),
    DELIVERY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
    /** Seconds a sent transaction may stay unmined before it is broadcast again. */
    DELIVERY_REBROADCAST_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Whole BOON the treasury mints to itself at a time to pay card-funded gifts from. */
    DELIVERY_FLOAT_BOON: positiveInt(100_000),
    GIFT_MIN_EXPIRY_SECONDS: positiveInt(3600),
    GIFT_MAX_EXPIRY_SECONDS: positiveInt(90 * 24 * 3600),
    // ---- EVENTS: domain events and on-chain facts (backend/README.md, "Domain events") ----
    /** Fallback poll of the event stream when no notification arrives. */
    EVENTS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** Turn the indexer's on-chain facts into events (needs the indexer in the same database). */
    ONCHAIN_EVENTS: z.enum(["on", "off"]).default("on"),
    /** The indexer's views schema (its `--views-schema`). */
    INDEXER_VIEWS_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "INDEXER_VIEWS_SCHEMA must be a plain schema name")
      .default("onchain"),
    /** Blocks under the indexed head before an on-chain fact becomes an event (reorg safety). */
    ONCHAIN_EVENTS_CONFIRMATIONS: z.coerce.number().int().min(1).max(1000).default(1),
    // ---- SOCIAL: X linking, the recipient resolver, the social verifier (src/social/social.config.ts) ----
    ...socialEnvShape,
    // ---- RELAYER: gas-free claims (src/relayer/relayer.config.ts) ----
    ...relayerEnvShape,
    /** Test-only: kill the worker at a step (`step[:n]`) to prove crash safety; refused in production. */
    DELIVERY_TEST_CRASH_AT: optionalString.pipe(
      z
        .string()
        .regex(
          /^(beforeSend|afterBroadcast|afterReceipt|beforeRecord)(:[1-9]\d{0,3})?$/,
          "DELIVERY_TEST_CRASH_AT must be beforeSend|afterBroadcast|afterReceipt|beforeRecord[:n]",
        )
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    for (const problem of socialEnvProblems(env))
      ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
    const keys = { treasury: DEV_TREASURY_PRIVATE_KEY, verifier: devAccounts.verifier.privateKey };
    for (const problem of relayerEnvProblems(env, keys))
      ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message:
          "STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY (from the Stripe dashboard or `stripe listen`)",
      });
    }
    if (env.NODE_ENV === "production" && !env.STRIPE_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message:
          "STRIPE_SECRET_KEY is required in production (the local Stripe stand-in is for development)",
      });
    }
    if (env.NODE_ENV === "production" && !env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message:
          "SMTP_URL is required in production (your mail provider's SMTP server; the local SMTP stand-in is for development)",
      });
    }
    if (env.NODE_ENV === "production" && !env.TREASURY_PRIVATE_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["TREASURY_PRIVATE_KEY"],
        message:
          "TREASURY_PRIVATE_KEY is required in production (the key holding BOON's MINTER_ROLE)",
      });
    }
    if (env.DELIVERY_TEST_CRASH_AT && env.NODE_ENV !== "test") {
      ctx.addIssue({
        code: "custom",
        path: ["DELIVERY_TEST_CRASH_AT"],
        message: "DELIVERY_TEST_CRASH_AT is a test hook: only allowed with NODE_ENV=test",
      });
    }
    if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "DATABASE_URL is required in production (the embedded PostgreSQL is for development)",
      });
    }
    if (env.GIFT_MIN_EXPIRY_SECONDS > env.GIFT_MAX_EXPIRY_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["GIFT_MIN_EXPIRY_SECONDS"],
        message: "GIFT_MIN_EXPIRY_SECONDS must not exceed GIFT_MAX_EXPIRY_SECONDS",
      });
    }
    if (env.PURCHASE_MIN_CENTS > env.PURCHASE_MAX_CENTS) {
      ctx.addIssue({
        code: "custom",
        path: ["PURCHASE_MIN_CENTS"],
        message: "PURCHASE_MIN_CENTS must not exceed PURCHASE_MAX_CENTS",
      });
    }
  });

export type EnvInput = z.input<typeof envSchema>;

export type Config = {
  nodeEnv: "development" | "test" | "production";
  port: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  databaseUrl: string | undefined;
  publicUrl: string;
  corsOrigins: string[];
  jwtSecret: string;
  siweDomain: string;
  chainId: number;
  rpcUrl: string | undefined;
  mail: MailConfig;
  redisUrl: string | undefined;
  trustProxy: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  rateLimits: {
    ipPerMinute: number;
    userPerMinute: number;
    authPerMinute: number;
    moneyPerMinute: number;
  };
  bodyLimitBytes: number;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  // ---- MONEY ----
  stripe: StripeConfig;
  money: MoneyConfig;
  /** Contract addresses from the environment; undefined = read the chain's deployments file. */
  contracts: { boonToken: `0x${string}`; giftVault: `0x${string}` } | undefined;
  // ---- DELIVERY ----
  delivery: DeliveryConfig;
  events: EventsConfig;
  // ---- SOCIAL ----
  social: SocialConfig;
  // ---- RELAYER ----
  relayer: RelayerConfig;
};

export type MailConfig = {
  /** `smtp(s)://[user:pass@]host:port[?nodemailer options]`. */
  smtpUrl: string;
  /** The From of every email Boon sends. */
  from: string;
};

/**
 * Outside production, with no SMTP_URL: the local SMTP stand-in on its default port
 * (SMTP_LOCAL_PORT of `npm start`; `npm start -w backend` starts one and sets SMTP_URL).
 */
export const DEV_SMTP_URL = "smtp://127.0.0.1:4025";

export type EventsConfig = {
  pollMs: number;
  onchain: { enabled: boolean; viewsSchema: string; confirmations: number };
};

export type DeliveryConfig = {
  treasuryPrivateKey: `0x${string}`;
  /** Start the worker inside the backend process. */
  workerEnabled: boolean;
  confirmations: number;
  pollMs: number;
  batchSize: number;
  rebroadcastSeconds: number;
  /** Base units the treasury mints to itself per float top-up. */
  floatAmount: bigint;
  minExpirySeconds: number;
  maxExpirySeconds: number;
  /** Test-only crash hook spec (NODE_ENV=test), see src/delivery/crash-hook.ts. */
  testCrashAt: string | undefined;
};

/** Hardhat dev account #3 (devAccounts.treasury), the local chain's treasury. Local default only. */
export const DEV_TREASURY_PRIVATE_KEY =
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

export type StripeConfig = {
  /** Where the official client sends API calls: real Stripe, or the local stand-in. */
  apiUrl: string;
  secretKey: string;
  webhookSecret: string;
  webhookToleranceSeconds: number;
};

export type MoneyConfig = {
  /** Where Stripe's hosted pages send the user back (the dApp). */
  returnUrlBase: string;
  boonPriceCents: number;
  purchaseMinCents: number;
  purchaseMaxCents: number;
  /** Lifetime of a Checkout Session: an unpaid purchase holds KYC capacity at most this long. */
  checkoutLifetimeSeconds: number;
  /** Hours new card credits stay non-withdrawable, per KYC tier. */
  holdHours: { BASIC: number; STANDARD: number; PREMIUM: number };
};

/** Real Stripe's API, the default once a secret key is configured. */
export const STRIPE_API_URL = "https://api.stripe.com";

/**
 * The local Stripe stand-in's defaults (scripts/stand-ins/stripe: `STRIPE_DEV_*`, port 4010), used
 * when no STRIPE_SECRET_KEY is set and refused in production. Copied, not imported: production
 * code never loads development tooling (a test checks they agree).
 */
export const DEV_STRIPE = {
  apiUrl: "http://127.0.0.1:4010",
  secretKey: "sk_test_boonlocal",
  webhookSecret: "whsec_boonlocaldevelopmentonly",
} as const;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * The one way a process reports a configuration error: the list of problems on stderr, exit 1.
 * Anything else is rethrown.
 */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/**
 * Checked on the raw environment, outside the zod schema, so a missing production secret is
 * reported together with any other problem (object refinements only run once every field parses).
 */
function secretProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== "production") return [];
  const secret = env.JWT_SECRET?.trim() ?? "";
  if (secret === "") {
    return [
      `JWT_SECRET is required in production (at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 32\`)`,
    ];
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return [
      `JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters in production (got ${secret.length})`,
    ];
  }
  if (secret === DEV_JWT_SECRET)
    return ["JWT_SECRET must not be the development default in production"];
  return [];
}

type Env = z.output<typeof envSchema>;

/** Parses and validates the environment; throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = secretProblems(env);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError([
      ...problems,
      ...(parsed.success ? [] : parsed.error.issues).map((issue) => {
        const key = issue.path.join(".") || "(environment)";
        return issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
      }),
    ]);
  }
  const e = parsed.data;
  return {
    ...httpConfig(e),
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    chainId: e.CHAIN_ID,
    rpcUrl: e.RPC_URL,
    mail: { smtpUrl: e.SMTP_URL ?? DEV_SMTP_URL, from: e.MAIL_FROM },
    redisUrl: e.REDIS_URL,
    stripe: stripeConfig(e),
    money: moneyConfig(e),
    contracts:
      e.BOON_TOKEN_ADDRESS && e.GIFT_VAULT_ADDRESS
        ? {
            boonToken: e.BOON_TOKEN_ADDRESS as `0x${string}`,
            giftVault: e.GIFT_VAULT_ADDRESS as `0x${string}`,
          }
        : undefined,
    delivery: deliveryConfig(e),
    social: socialConfig(e),
    relayer: relayerConfig(e),
    events: {
      pollMs: e.EVENTS_POLL_MS,
      onchain: {
        enabled: e.ONCHAIN_EVENTS === "on",
        viewsSchema: e.INDEXER_VIEWS_SCHEMA,
        confirmations: e.ONCHAIN_EVENTS_CONFIRMATIONS,
      },
    },
  };
}

/** Public URL, CORS, sessions, rate limits: how the API meets browsers. */
function httpConfig(e: Env) {
  const publicUrl = new URL(e.PUBLIC_URL);
  const corsOrigins = (e.CORS_ORIGINS ?? e.DAPP_ORIGIN)
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  const badOrigin = corsOrigins.find((origin) => !isOrigin(origin));
  if (badOrigin !== undefined) {
    throw new ConfigError([
      `CORS_ORIGINS: "${badOrigin}" is not an origin (scheme://host[:port], no path)`,
    ]);
  }
  return {
    publicUrl: publicUrl.origin,
    corsOrigins,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    siweDomain: e.SIWE_DOMAIN ?? new URL(e.DAPP_ORIGIN).host,
    trustProxy: e.TRUST_PROXY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    rateLimits: {
      ipPerMinute: e.RATE_LIMIT_IP_PER_MINUTE,
      userPerMinute: e.RATE_LIMIT_USER_PER_MINUTE,
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      moneyPerMinute: e.RATE_LIMIT_MONEY_PER_MINUTE,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    secureCookies: publicUrl.protocol === "https:",
  };
}

/** Real Stripe once a secret key is set; otherwise the local stand-in with its dev credentials. */
function stripeConfig(e: Env): StripeConfig {
  const real = e.STRIPE_SECRET_KEY !== undefined;
  return {
    apiUrl: new URL(e.STRIPE_API_URL ?? (real ? STRIPE_API_URL : DEV_STRIPE.apiUrl)).origin,
    secretKey: e.STRIPE_SECRET_KEY ?? DEV_STRIPE.secretKey,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? DEV_STRIPE.webhookSecret,
    webhookToleranceSeconds: e.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
  };
}

function moneyConfig(e: Env): MoneyConfig {
  return {
    returnUrlBase: new URL(e.DAPP_ORIGIN).origin,
    boonPriceCents: e.BOON_PRICE_CENTS,
    purchaseMinCents: e.PURCHASE_MIN_CENTS,
    purchaseMaxCents: e.PURCHASE_MAX_CENTS,
    checkoutLifetimeSeconds: e.CHECKOUT_SESSION_MINUTES * 60,
    holdHours: {
      BASIC: e.KYC_HOLD_HOURS_BASIC,
      STANDARD: e.KYC_HOLD_HOURS_STANDARD,
      PREMIUM: e.KYC_HOLD_HOURS_PREMIUM,
    },
  };
}

function deliveryConfig(e: Env): DeliveryConfig {
  return {
    treasuryPrivateKey: (e.TREASURY_PRIVATE_KEY ?? DEV_TREASURY_PRIVATE_KEY) as `0x${string}`,
    workerEnabled: e.DELIVERY_WORKER === "on",
    confirmations: e.DELIVERY_CONFIRMATIONS,
    pollMs: e.DELIVERY_POLL_MS,
    batchSize: e.DELIVERY_BATCH_SIZE,
    rebroadcastSeconds: e.DELIVERY_REBROADCAST_SECONDS,
    floatAmount: BigInt(e.DELIVERY_FLOAT_BOON) * 10n ** 18n,
    minExpirySeconds: e.GIFT_MIN_EXPIRY_SECONDS,
    maxExpirySeconds: e.GIFT_MAX_EXPIRY_SECONDS,
    testCrashAt: e.DELIVERY_TEST_CRASH_AT,
  };
}

function isOrigin(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.origin === value && (parsed.protocol === "http:" || parsed.protocol === "https:");
  } catch {
    return false;
  }
}
