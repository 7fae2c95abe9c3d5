import { ConfigError } from "@boon/contracts/config-error";
import { type SmtpStandIn, smtpStandInEnv, startSmtpStandIn } from "@boon/scripts/stand-ins";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../../src/app.ts";
import { ACCESS_COOKIE, REFRESH_COOKIE, type Role } from "../../src/auth/roles.ts";
import { startSession } from "../../src/auth/session.service.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Pool } from "../../src/db/pool.ts";
import { withTransaction } from "../../src/db/transaction.ts";
import { type AppDeps, buildDeps } from "../../src/deps.ts";
import { createLogger } from "../../src/ops/logger.ts";
import { listen } from "../../src/server.ts";
import { createTestDatabase } from "./database.ts";

export type TestApp = {
  baseUrl: string;
  pool: Pool;
  /** The app's own database (another process, e.g. an indexer, may use it too). */
  databaseUrl: string;
  config: Config;
  deps: AppDeps;
  /** The app's own local SMTP: every email it sends lands here (`waitForMessage`, `refuseNext`). */
  mail: SmtpStandIn;
  close: () => Promise<void>;
};

export type TestAppOverrides = {
  /** Environment variables on top of the test defaults (validated like real ones). */
  env?: Record<string, string | undefined>;
  /** Config fields to force after validation (e.g. nodeEnv without production secrets). */
  config?: Partial<Config>;
  /** Replace built dependencies (e.g. a fake mailer or chain client). */
  deps?: Partial<AppDeps>;
};

/** Test defaults: quiet logs, no chain RPC, limits high enough not to trip unless a test lowers them. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  RPC_URL: "none",
  PUBLIC_URL: "http://localhost:4000",
  DAPP_ORIGIN: "http://localhost:5173",
  JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123456789",
  RATE_LIMIT_IP_PER_MINUTE: "100000",
  RATE_LIMIT_USER_PER_MINUTE: "100000",
  RATE_LIMIT_AUTH_PER_MINUTE: "100000",
  RATE_LIMIT_MONEY_PER_MINUTE: "100000",
};

/**
 * A real HTTP server on a free port over a fresh, migrated database, sending its email to a local
 * SMTP of its own (SMTP_URL points at it unless `overrides.env` says otherwise).
 */
export async function startTestApp(overrides: TestAppOverrides = {}): Promise<TestApp> {
  const [db, mail] = await Promise.all([createTestDatabase(), startSmtpStandIn()]);
  try {
    const env = { ...TEST_ENV, ...smtpStandInEnv(mail), ...overrides.env };
    const config = { ...loadConfig(env), ...overrides.config };
    const logger = createLogger(config.logLevel);
    const deps = buildDeps(config, db.pool, logger, {
      defaultMetrics: false,
      ...(overrides.deps ? { overrides: overrides.deps } : {}),
    });
    const server = await listen(createApp(deps), 0, "127.0.0.1");
    return {
      baseUrl: `http://127.0.0.1:${server.port}`,
      pool: db.pool,
      databaseUrl: db.url,
      config,
      deps,
      mail,
      close: async () => {
        await server.close(1_000);
        deps.mailer.close();
        await deps.redis?.quit().catch(() => {});
        await Promise.all([db.drop(), mail.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([db.drop(), mail.stop()]);
    throw error;
  }
}

export type SignedIn = {
  userId: string;
  sessionId: string;
  role: Role;
  /** Send with fetch: carries both session cookies. */
  headers: { cookie: string };
  accessToken: string;
  refreshToken: string;
};

/**
 * Creates a user (with the given role, email and wallet) and a real session for it, as a sign-in
 * would. Use it to test routes behind auth without repeating a sign-in flow.
 */
export async function signIn(
  ctx: Pick<TestApp, "pool" | "config">,
  options: { role?: Role; email?: string; wallet?: `0x${string}` } = {},
): Promise<SignedIn> {
  const role = options.role ?? "user";
  const session = await withTransaction(ctx.pool, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO users (email, role) VALUES ($1, $2) RETURNING id",
      [options.email?.toLowerCase() ?? null, role],
    );
    const userId = (rows[0] as { id: string }).id;
    if (options.wallet) {
      await db.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2)", [
        options.wallet,
        userId,
      ]);
    }
    return startSession(db, ctx.config, { id: userId, role }, "test");
  });
  return {
    userId: session.auth.userId,
    sessionId: session.auth.sessionId,
    role,
    headers: {
      cookie: `${ACCESS_COOKIE}=${session.accessToken}; ${REFRESH_COOKIE}=${session.refreshToken}`,
    },
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

export type ApiResponse<T = unknown> = { status: number; body: T; headers: Headers };

/** fetch + JSON for tests: `api(app, "POST", "/v1/x", { body, headers })`. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies ad hoc
export async function api<T = any>(
  ctx: Pick<TestApp, "baseUrl">,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${ctx.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json") && text !== "")
    parsed = JSON.parse(text);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** `name=value` pairs from a response's Set-Cookie headers (empty value = cleared). */
export function cookiesFrom(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = (pair ?? "").indexOf("=");
    if (index > 0)
      out[(pair as string).slice(0, index).trim()] = decodeURIComponent(
        (pair as string).slice(index + 1),
      );
  }
  return out;
}

/** A Cookie header carrying the session cookies set by a response. */
export function sessionCookieHeader(headers: Headers): { cookie: string } {
  const cookies = cookiesFrom(headers);
  return {
    cookie: [ACCESS_COOKIE, REFRESH_COOKIE]
      .filter((name) => cookies[name])
      .map((name) => `${name}=${cookies[name]}`)
      .join("; "),
  };
}

/**
 * Something a whole test file shares (an app, an app with stand-ins): started before its tests,
 * closed after them. The object is filled in by `beforeAll`, so read it inside hooks and tests only.
 */
export function useStarted<T extends { close: () => Promise<void> }>(start: () => Promise<T>): T {
  const started = {} as T;
  beforeAll(async () => {
    Object.assign(started, await start());
  });
  afterAll(async () => {
    await started.close?.();
  });
  return started;
}

/** A test app for the calling test file (see useStarted). */
export function useTestApp(overrides: TestAppOverrides = {}): TestApp {
  return useStarted(() => startTestApp(overrides));
}

/**
 * A test app beside a stand-in of an outside service it talks to: the stand-in stops with the app,
 * or at once when the app cannot start.
 */
export async function startBeside<S extends { stop: () => Promise<void> }>(
  standIn: S,
  start: () => Promise<TestApp>,
): Promise<TestApp> {
  try {
    const app = await start();
    return {
      ...app,
      close: async () => {
        await standIn.stop();
        await app.close();
      },
    };
  } catch (error) {
    await standIn.stop();
    throw error;
  }
}

/** The problems loadConfig finds in `env` (none when it is valid). */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
