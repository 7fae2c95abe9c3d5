import { Redis } from "ioredis";
import type Stripe from "stripe";
import { createPublicClient, http, type PublicClient } from "viem";
import { type AttestationSigner, localKeySigner } from "./attestations/signer.ts";
import { type SessionGuards, sessionGuards } from "./auth/middleware.ts";
import type { Config } from "./config.ts";
import type { Pool } from "./db/pool.ts";
import { createRateLimiters, type RateLimiters } from "./http/rate-limit.ts";
import { createLedgerService, type LedgerService } from "./ledger/ledger.service.ts";
import { createMailer, type Mailer } from "./mail/mailer.ts";
import type { Logger } from "./ops/logger.ts";
import { createMetrics, type Metrics } from "./ops/metrics.ts";
import { createStripeClient } from "./purchases/stripe-client.ts";
import { createSocialContext, type SocialContext } from "./social/social-context.ts";

/** Everything the routes need; built once at start (or per test app). */
export type AppDeps = {
  config: Config;
  pool: Pool;
  logger: Logger;
  metrics: Metrics;
  rateLimit: RateLimiters;
  /** Sends over SMTP to SMTP_URL (a provider in production, the local SMTP stand-in in development). */
  mailer: Mailer;
  /** Verifies ERC-1271/6492 smart-wallet signatures; undefined when no RPC_URL is configured. */
  chainClient: PublicClient | undefined;
  redis: Redis | undefined;
  /** Route guards that check the session in the database (privileged and money routes). */
  guards: SessionGuards;
  // ---- MONEY: add ledger/on-ramp dependencies below this line ----
  /** The official Stripe client (real Stripe with STRIPE_SECRET_KEY, else the local stand-in). */
  stripe: Stripe;
  ledger: LedgerService;
  // ---- SOCIAL ----
  /** X: OAuth client, API, resolver, token cipher (src/social/). */
  social: SocialContext;
  /** The social verifier's key (VERIFIER_PRIVATE_KEY locally; a KMS could implement it). */
  verifier: AttestationSigner;
};

export type BuildDepsOptions = { defaultMetrics?: boolean; overrides?: Partial<AppDeps> };

export function buildDeps(
  config: Config,
  pool: Pool,
  logger: Logger,
  options: BuildDepsOptions = {},
): AppDeps {
  const o = options.overrides ?? {};
  const redis =
    "redis" in o
      ? o.redis
      : config.redisUrl
        ? new Redis(config.redisUrl, {
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            lazyConnect: false,
          })
        : undefined;
  redis?.on("error", (error: Error) => logger.warn({ err: error }, "redis error"));
  const chainClient = config.rpcUrl
    ? (createPublicClient({
        transport: http(config.rpcUrl, { timeout: 5_000, retryCount: 0 }),
      }) as PublicClient)
    : undefined;
  const metrics = o.metrics ?? createMetrics({ defaultMetrics: options.defaultMetrics ?? true });
  return {
    config,
    pool,
    logger,
    metrics,
    rateLimit: o.rateLimit ?? createRateLimiters(config, redis),
    mailer: o.mailer ?? createMailer(config.mail),
    chainClient: "chainClient" in o ? o.chainClient : chainClient,
    redis,
    guards: sessionGuards(pool),
    stripe: o.stripe ?? createStripeClient(config.stripe),
    ledger:
      o.ledger ??
      createLedgerService({
        holdHours: config.money.holdHours,
        onJournal: (kind) => metrics.journalsPosted.inc({ kind }),
      }),
    social: o.social ?? createSocialContext(config, pool, logger),
    verifier: o.verifier ?? localKeySigner(config.social.verifier.privateKey),
  };
}
