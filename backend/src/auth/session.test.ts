import { api, cookiesFrom, signIn, useTestApp } from "@boon/backend/test-support";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signAccessToken } from "./access-token.ts";

const app = useTestApp();

const refreshWith = (token: string) =>
  api(app, "POST", "/v1/auth/refresh", { headers: { cookie: `boon_rt=${token}` } });

describe("refresh token rotation", () => {
  it("rotates: a new pair each time, for the same user and session", async () => {
    const user = await signIn(app);
    const res = await refreshWith(user.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.userId);
    const cookies = cookiesFrom(res.headers);
    expect(cookies.boon_rt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookies.boon_rt).not.toBe(user.refreshToken);
    expect(cookies.boon_at).toBeTruthy();
    const me = await api(app, "GET", "/v1/me", {
      headers: { cookie: `boon_at=${cookies.boon_at}` },
    });
    expect(me.body.id).toBe(user.userId);
    const next = await refreshWith(cookies.boon_rt as string);
    expect(next.status).toBe(200);
  });

  it("reuse of a spent token revokes the whole family, including the newest token", async () => {
    const user = await signIn(app);
    const first = await refreshWith(user.refreshToken);
    const newest = cookiesFrom(first.headers).boon_rt as string;

    const replay = await refreshWith(user.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("refresh_token_reused");
    expect(cookiesFrom(replay.headers).boon_rt).toBe("");

    const afterRevoke = await refreshWith(newest);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.error.code).toBe("session_expired");
    const { rows } = await app.pool.query("SELECT revoked_reason FROM sessions WHERE id = $1", [
      user.sessionId,
    ]);
    expect(rows[0].revoked_reason).toBe("refresh_token_reuse");
  });

  it("two refreshes racing with the same token: at most one wins", async () => {
    const user = await signIn(app);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => refreshWith(user.refreshToken)),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners.length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(results.length - winners.length);
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = $1",
      [user.sessionId],
    );
    expect(rows[0].n).toBe(1 + winners.length);
  });

  it("an unknown or malformed refresh token is 401 invalid_refresh_token", async () => {
    expect((await refreshWith("A".repeat(43))).body.error.code).toBe("invalid_refresh_token");
    expect((await refreshWith("'; DROP TABLE sessions; --")).body.error.code).toBe(
      "invalid_refresh_token",
    );
    const none = await api(app, "POST", "/v1/auth/refresh");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("invalid_refresh_token");
  });

  it("an expired refresh token does not work", async () => {
    const user = await signIn(app);
    await app.pool.query(
      "UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE session_id = $1",
      [user.sessionId],
    );
    const res = await refreshWith(user.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("session_expired");
  });

  it("a refresh picks up a role change", async () => {
    const user = await signIn(app);
    await app.pool.query("UPDATE users SET role = 'analyst' WHERE id = $1", [user.userId]);
    const res = await refreshWith(user.refreshToken);
    expect(res.body.user.role).toBe("analyst");
  });
});

describe("logout", () => {
  it("revokes the session and clears both cookies", async () => {
    const user = await signIn(app);
    const res = await api(app, "POST", "/v1/auth/logout", { headers: user.headers });
    expect(res.status).toBe(204);
    const cookies = cookiesFrom(res.headers);
    expect(cookies.boon_at).toBe("");
    expect(cookies.boon_rt).toBe("");
    const refresh = await refreshWith(user.refreshToken);
    expect(refresh.status).toBe(401);
    const { rows } = await app.pool.query("SELECT revoked_reason FROM sessions WHERE id = $1", [
      user.sessionId,
    ]);
    expect(rows[0].revoked_reason).toBe("logout");
  });

  it("with only an access token still ends the session", async () => {
    const user = await signIn(app);
    const res = await api(app, "POST", "/v1/auth/logout", {
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(res.status).toBe(204);
    expect((await refreshWith(user.refreshToken)).status).toBe(401);
  });

  it("is harmless when not signed in", async () => {
    expect((await api(app, "POST", "/v1/auth/logout")).status).toBe(204);
  });
});

describe("access tokens", () => {
  it("are accepted as a Bearer header too", async () => {
    const user = await signIn(app);
    const res = await api(app, "GET", "/v1/me", {
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(user.userId);
  });

  it("expired ones are 401 with a hint to refresh", async () => {
    const user = await signIn(app);
    const stale = await signAccessToken(
      { userId: user.userId, role: "user", sessionId: user.sessionId },
      app.config.jwtSecret,
      60,
      new Date(Date.now() - 3_600_000),
    );
    const res = await api(app, "GET", "/v1/me", { headers: { cookie: `boon_at=${stale}` } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect(res.body.error.message).toMatch(/expired/);
  });

  it("forged ones (other key, alg none, tampered role) are rejected", async () => {
    const user = await signIn(app);
    const otherKey = await signAccessToken(
      { userId: user.userId, role: "admin", sessionId: user.sessionId },
      "some-other-secret-some-other-secret-123",
      600,
    );
    const [header, payload] = user.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: "admin" })).toString("base64url")}.${user.accessToken.split(".")[2]}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
    const wrongAudience = await new SignJWT({ role: "user", sid: user.sessionId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.userId)
      .setIssuer("boon-backend")
      .setAudience("someone-else")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(app.config.jwtSecret));
    for (const token of [otherKey, tampered, none, wrongAudience, "garbage"]) {
      const res = await api(app, "GET", "/v1/me", {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
    }
  });

  it("a correctly signed token missing exp, iat, issuer or audience is rejected", async () => {
    const user = await signIn(app);
    const key = new TextEncoder().encode(app.config.jwtSecret);
    const claims = { role: "user", sid: user.sessionId };
    const token = (parts: { exp?: boolean; iat?: boolean; iss?: boolean; aud?: boolean }) => {
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject(user.userId);
      if (parts.exp !== false) jwt = jwt.setExpirationTime("5m");
      if (parts.iat !== false) jwt = jwt.setIssuedAt();
      if (parts.iss !== false) jwt = jwt.setIssuer("boon-backend");
      if (parts.aud !== false) jwt = jwt.setAudience("boon");
      return jwt.sign(key);
    };
    const complete = await api(app, "GET", "/v1/me", {
      headers: { authorization: `Bearer ${await token({})}` },
    });
    expect(complete.status).toBe(200);
    for (const missing of ["exp", "iat", "iss", "aud"]) {
      const res = await api(app, "GET", "/v1/me", {
        headers: { authorization: `Bearer ${await token({ [missing]: false })}` },
      });
      expect({ missing, status: res.status }).toEqual({ missing, status: 401 });
      expect(res.body.error.message).toBe("The access token is invalid");
    }
  });

  it("no token at all is 401 unauthenticated", async () => {
    const res = await api(app, "GET", "/v1/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });
});
