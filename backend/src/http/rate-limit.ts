import type { Request, RequestHandler } from "express";
import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { Config } from "../config.ts";
import { rateLimited } from "../errors.ts";

export type RateLimiters = {
  /** Every request: per client IP, and per user once signed in. */
  global: RequestHandler;
  /** Sign-in endpoints (nonce, verify, email codes, refresh): per IP, strict. */
  auth: RequestHandler;
  /** Money endpoints: per user and per IP, strict. Put it on every route that moves money. */
  money: RequestHandler;
  /** Lookups at X (handle and post resolution): per user, so one user cannot spend X's quota. */
  xLookup: RequestHandler;
  /** Social attestations the verifier signs: per user. */
  attestation: RequestHandler;
};

type Limit = { keyPrefix: string; points: number; duration: number };

function makeLimiter(limit: Limit, redis: Redis | undefined): RateLimiterAbstract {
  if (!redis) return new RateLimiterMemory(limit);
  // If Redis is unreachable, each instance falls back to its own memory limits rather than failing open.
  return new RateLimiterRedis({
    ...limit,
    storeClient: redis,
    insuranceLimiter: new RateLimiterMemory(limit),
  });
}

function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** Consumes one point from each (limiter, key) pair; 429 `rate_limited` with Retry-After if any is spent. */
function limitBy(
  checks: (req: Request) => { limiter: RateLimiterAbstract; key: string }[],
): RequestHandler {
  return async (req, res, next) => {
    try {
      for (const { limiter, key } of checks(req)) {
        const result = await limiter.consume(key);
        res.setHeader("ratelimit-remaining", String(result.remainingPoints));
      }
      next();
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        next(
          rateLimited("rate_limited", "Too many requests; slow down and retry later", retryAfter),
        );
        return;
      }
      next(error);
    }
  };
}

export function createRateLimiters(config: Config, redis?: Redis): RateLimiters {
  const { ipPerMinute, userPerMinute, authPerMinute, moneyPerMinute } = config.rateLimits;
  const ip = makeLimiter({ keyPrefix: "rl:ip", points: ipPerMinute, duration: 60 }, redis);
  const user = makeLimiter({ keyPrefix: "rl:user", points: userPerMinute, duration: 60 }, redis);
  const auth = makeLimiter({ keyPrefix: "rl:auth", points: authPerMinute, duration: 60 }, redis);
  const moneyUser = makeLimiter(
    { keyPrefix: "rl:money:user", points: moneyPerMinute, duration: 60 },
    redis,
  );
  // Several users may share an IP (NAT), so the per-IP money limit is looser than the per-user one.
  const moneyIp = makeLimiter(
    { keyPrefix: "rl:money:ip", points: moneyPerMinute * 4, duration: 60 },
    redis,
  );
  const { xLookupsPerMinute, attestationsPerMinute } = config.social.rateLimits;
  const xLookup = makeLimiter(
    { keyPrefix: "rl:x-lookup", points: xLookupsPerMinute, duration: 60 },
    redis,
  );
  const attestation = makeLimiter(
    { keyPrefix: "rl:attestation", points: attestationsPerMinute, duration: 60 },
    redis,
  );
  const perUser = (limiter: RateLimiterAbstract) =>
    limitBy((req) => [{ limiter, key: req.auth?.userId ?? `ip:${clientIp(req)}` }]);
  return {
    xLookup: perUser(xLookup),
    attestation: perUser(attestation),
    global: limitBy((req) => [
      { limiter: ip, key: clientIp(req) },
      ...(req.auth ? [{ limiter: user, key: req.auth.userId }] : []),
    ]),
    auth: limitBy((req) => [{ limiter: auth, key: clientIp(req) }]),
    money: limitBy((req) => [
      { limiter: moneyIp, key: clientIp(req) },
      ...(req.auth ? [{ limiter: moneyUser, key: req.auth.userId }] : []),
    ]),
  };
}
