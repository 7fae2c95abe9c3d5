import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { type AuthContext, ROLES } from "./roles.ts";

const ISSUER = "boon-backend";
const AUDIENCE = "boon";

const claimsSchema = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  role: z.enum(ROLES),
});

function key(secret: string): Uint8Array {
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

export async function verifyAccessToken(token: string, secret: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      // jose checks exp, iss and aud only when present; a token without them never expires.
      requiredClaims: ["exp", "iat", "iss", "aud", "sub"],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: "invalid" };
    return {
      ok: true,
      auth: { userId: claims.data.sub, role: claims.data.role, sessionId: claims.data.sid },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
