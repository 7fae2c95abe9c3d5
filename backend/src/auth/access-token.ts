import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { type AuthContext, ROLES } from "./roles.ts";

const ISSUER = "boon-backend";
const AUDIENCE = "boon";

const claimsSchema = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  role: z.enum(ROLES),
  exp: z.number(),
});

function key(secret: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(secret);
}

/** A short-lived HS256 access token carrying user, role and session. */
export async function signAccessToken(
  auth: AuthContext,
  secret: string,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: auth.role, sid: auth.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(auth.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key(secret));
}

export type VerifyResult =
  | { ok: true; auth: AuthContext }
  | { ok: false; reason: "expired" | "invalid" };

type Verified = { ok: true; auth: AuthContext; exp: number } | Extract<VerifyResult, { ok: false }>;

async function verifyClaims(token: string, hmacKey: CryptoKey, now: Date): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, hmacKey, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      // jose checks exp, iss and aud only when present; a token without them never expires.
      requiredClaims: ["exp", "iat", "iss", "aud", "sub"],
      currentDate: now,
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: "invalid" };
    const { sub, role, sid, exp } = claims.data;
    return { ok: true, auth: { userId: sub, role, sessionId: sid }, exp };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}

/**
 * Verifies access tokens (HS256, issuer, audience, expiry, claims). Built once per app: the HMAC
 * key is imported once, and a token that verified is answered from memory until it expires (the
 * same token, byte for byte, carries the same signature; only time can change the answer). At most
 * `cacheSize` tokens are kept, oldest dropped first; only tokens that verified are kept, so
 * unverifiable input cannot fill it.
 */
export function accessTokenVerifier(
  secret: string,
  options: { cacheSize?: number; now?: () => Date } = {},
): (token: string) => Promise<VerifyResult> {
  const cacheSize = options.cacheSize ?? 10_000;
  const now = options.now ?? (() => new Date());
  const hmacKey = crypto.subtle.importKey(
    "raw",
    key(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const verified = new Map<string, { auth: AuthContext; exp: number }>();
  return async (token) => {
    const at = now();
    const known = verified.get(token);
    if (known) {
      // Expired exactly when jose says so: exp <= now, in whole seconds.
      if (known.exp > Math.floor(at.getTime() / 1000)) return { ok: true, auth: known.auth };
      verified.delete(token);
      return { ok: false, reason: "expired" };
    }
    const result = await verifyClaims(token, await hmacKey, at);
    if (!result.ok) return result;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
    verified.set(token, { auth: result.auth, exp: result.exp });
    return { ok: true, auth: result.auth };
  };
}
