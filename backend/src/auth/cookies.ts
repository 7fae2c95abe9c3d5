import type { CookieOptions, Response } from "express";
import type { Config } from "../config.ts";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "./roles.ts";
import type { IssuedSession } from "./session.service.ts";

// The refresh cookie is only ever sent to the auth endpoints, and never cross-site.
const REFRESH_PATH = "/v1/auth";

function base(config: Config): CookieOptions {
  return { httpOnly: true, secure: config.secureCookies };
}

export function setSessionCookies(res: Response, config: Config, session: IssuedSession): void {
  res.cookie(ACCESS_COOKIE, session.accessToken, {
    ...base(config),
    sameSite: "lax",
    path: "/",
    expires: session.accessTokenExpiresAt,
  });
  res.cookie(REFRESH_COOKIE, session.refreshToken, {
    ...base(config),
    sameSite: "strict",
    path: REFRESH_PATH,
    expires: session.refreshTokenExpiresAt,
  });
}

export function clearSessionCookies(res: Response, config: Config): void {
  res.clearCookie(ACCESS_COOKIE, { ...base(config), sameSite: "lax", path: "/" });
  res.clearCookie(REFRESH_COOKIE, { ...base(config), sameSite: "strict", path: REFRESH_PATH });
}
