// X's rate limits (https://docs.x.com/x-api/fundamentals/rate-limits): per endpoint, per 15-minute
// window, counted per app for the app-only bearer token and per user (and app) for a user token.
// Every API answer carries `x-rate-limit-limit`, `x-rate-limit-remaining` and `x-rate-limit-reset`
// (Unix seconds); a spent window answers 429 until the reset.
import type { Clock } from "../clock.ts";

export type XEndpoint =
  | "GET /2/users/me"
  | "GET /2/users/by/username/:username"
  | "GET /2/tweets/:id";

/** Requests per window; `perApp` absent means the endpoint refuses app-only authentication. */
export type EndpointLimits = { perApp?: number; perUser: number };

/** X's published limits (per 15 minutes). */
export const X_RATE_LIMITS: Record<XEndpoint, EndpointLimits> = {
  "GET /2/users/me": { perUser: 75 },
  "GET /2/users/by/username/:username": { perApp: 300, perUser: 900 },
  "GET /2/tweets/:id": { perApp: 450, perUser: 900 },
};

export const WINDOW_SECONDS = 15 * 60;

/** Who is counted: the app (app-only token) or one user of one app (user token). */
export type Caller = { kind: "app" } | { kind: "user"; clientId: string; userId: string };

export type Taken = { allowed: boolean; headers: Record<string, string> };

export type RateLimiter = {
  take(endpoint: XEndpoint, caller: Caller): Taken;
  /** Spends the endpoint's current window for every caller (a test control). */
  exhaust(endpoint: XEndpoint): void;
  /** Starts every window afresh. */
  reset(): void;
};

export function createRateLimiter(
  clock: Clock,
  overrides: Partial<Record<XEndpoint, EndpointLimits>> = {},
): RateLimiter {
  const limits = { ...X_RATE_LIMITS, ...overrides };
  const windows = new Map<string, { resetAt: number; remaining: number }>();
  const exhaustedUntil = new Map<XEndpoint, number>();
  const headers = (limit: number, remaining: number, resetAt: number) => ({
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(remaining),
    "x-rate-limit-reset": String(Math.ceil(resetAt / 1000)),
  });
  return {
    take(endpoint, caller) {
      const limit =
        (caller.kind === "app" ? limits[endpoint].perApp : limits[endpoint].perUser) ?? 0;
      const now = clock.now();
      const forcedUntil = exhaustedUntil.get(endpoint) ?? 0;
      if (forcedUntil > now) return { allowed: false, headers: headers(limit, 0, forcedUntil) };
      const key =
        caller.kind === "app"
          ? `${endpoint}|app`
          : `${endpoint}|${caller.clientId}|${caller.userId}`;
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { resetAt: now + WINDOW_SECONDS * 1000, remaining: limit };
        windows.set(key, window);
      }
      if (window.remaining <= 0)
        return { allowed: false, headers: headers(limit, 0, window.resetAt) };
      window.remaining -= 1;
      return { allowed: true, headers: headers(limit, window.remaining, window.resetAt) };
    },
    exhaust(endpoint) {
      exhaustedUntil.set(endpoint, clock.now() + WINDOW_SECONDS * 1000);
    },
    reset() {
      windows.clear();
      exhaustedUntil.clear();
    },
  };
}
