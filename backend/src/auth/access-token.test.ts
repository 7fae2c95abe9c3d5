import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { accessTokenVerifier, signAccessToken } from "./access-token.ts";
import type { AuthContext } from "./roles.ts";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const auth: AuthContext = { userId: randomUUID(), role: "user", sessionId: randomUUID() };
const T0 = new Date("2030-01-01T00:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A verifier whose clock the test moves. */
function verifierAt(start: Date, options: { cacheSize?: number } = {}) {
  let now = start;
  const verify = accessTokenVerifier(SECRET, { ...options, now: () => now });
  return {
    verify,
    setNow: (date: Date) => {
      now = date;
    },
  };
}

describe("accessTokenVerifier", () => {
  it("accepts a token it signed and returns its claims", async () => {
    const token = await signAccessToken(auth, SECRET, 600, T0);
    const { verify } = verifierAt(at(1));
    expect(await verify(token)).toEqual({ ok: true, auth });
    expect(await verify(token)).toEqual({ ok: true, auth });
  });

  it("refuses another key, a changed token, another issuer or audience, and no expiry", async () => {
    const { verify } = verifierAt(at(1));
    const other = await signAccessToken(auth, `${SECRET}-other`, 600, T0);
    expect(await verify(other)).toEqual({ ok: false, reason: "invalid" });
    const token = await signAccessToken(auth, SECRET, 600, T0);
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: auth.userId, role: "admin" })).toString(
      "base64url",
    );
    expect(await verify(`${header}.${forged}.${signature}`)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const key = new TextEncoder().encode(SECRET);
    const claims = { role: auth.role, sid: auth.sessionId };
    const sign = (jwt: SignJWT) =>
      jwt.setProtectedHeader({ alg: "HS256" }).setSubject(auth.userId).setIssuedAt(T0).sign(key);
    const wrongIssuer = await sign(
      new SignJWT(claims).setIssuer("someone-else").setAudience("boon").setExpirationTime(at(600)),
    );
    const wrongAudience = await sign(
      new SignJWT(claims).setIssuer("boon-backend").setAudience("other").setExpirationTime(at(600)),
    );
    const noExpiry = await sign(new SignJWT(claims).setIssuer("boon-backend").setAudience("boon"));
    for (const bad of [wrongIssuer, wrongAudience, noExpiry])
      expect(await verify(bad)).toEqual({ ok: false, reason: "invalid" });
  });

  it("says expired once the token's time is up, whether or not it was verified before", async () => {
    const token = await signAccessToken(auth, SECRET, 600, T0);
    const fresh = verifierAt(at(600));
    expect(await fresh.verify(token)).toEqual({ ok: false, reason: "expired" });

    const seen = verifierAt(at(599));
    expect(await seen.verify(token)).toEqual({ ok: true, auth });
    seen.setNow(at(600));
    expect(await seen.verify(token)).toEqual({ ok: false, reason: "expired" });
    expect(await seen.verify(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("keeps answering correctly when more tokens arrive than it remembers", async () => {
    const { verify, setNow } = verifierAt(at(1), { cacheSize: 2 });
    const users = Array.from({ length: 5 }, () => ({ ...auth, userId: randomUUID() }));
    const tokens = await Promise.all(users.map((user) => signAccessToken(user, SECRET, 600, T0)));
    for (const [i, token] of tokens.entries())
      expect(await verify(token)).toEqual({ ok: true, auth: users[i] });
    for (const [i, token] of tokens.entries())
      expect(await verify(token)).toEqual({ ok: true, auth: users[i] });
    setNow(at(600));
    for (const token of tokens)
      expect(await verify(token)).toEqual({ ok: false, reason: "expired" });
  });
});
