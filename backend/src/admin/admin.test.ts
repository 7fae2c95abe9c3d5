import { api, signIn, useTestApp } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";

const app = useTestApp();

describe("admin routes", () => {
  it("users and analysts get 403, anonymous 401, admins 200", async () => {
    const target = await signIn(app, { email: "target@example.com" });
    const path = `/v1/admin/users/${target.userId}`;
    expect((await api(app, "GET", path)).status).toBe(401);
    for (const role of ["user", "analyst"] as const) {
      const caller = await signIn(app, { role });
      const res = await api(app, "GET", path, { headers: caller.headers });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
      const change = await api(app, "POST", `${path}/role`, {
        headers: caller.headers,
        body: { role: "admin" },
      });
      expect(change.status).toBe(403);
    }
    // A user cannot promote themselves either.
    const self = await signIn(app);
    const selfPromote = await api(app, "POST", `/v1/admin/users/${self.userId}/role`, {
      headers: self.headers,
      body: { role: "admin" },
    });
    expect(selfPromote.status).toBe(403);
    const { rows } = await app.pool.query("SELECT role FROM users WHERE id = $1", [self.userId]);
    expect(rows[0].role).toBe("user");

    const admin = await signIn(app, { role: "admin" });
    const ok = await api(app, "GET", path, { headers: admin.headers });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe("target@example.com");
  });

  it("changing a role is audited in the same transaction", async () => {
    const admin = await signIn(app, { role: "admin" });
    const target = await signIn(app);
    const res = await api(app, "POST", `/v1/admin/users/${target.userId}/role`, {
      headers: { ...admin.headers, "x-request-id": "role-change-1" },
      body: { role: "analyst" },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("analyst");
    const { rows } = await app.pool.query(
      "SELECT actor_user_id, action, details, request_id FROM audit_log WHERE subject_id = $1",
      [target.userId],
    );
    expect(rows).toEqual([
      {
        actor_user_id: admin.userId,
        action: "user.role_changed",
        details: { from: "user", to: "analyst" },
        request_id: "role-change-1",
      },
    ]);
  });

  it("a demoted admin loses admin access at once, before the access token expires", async () => {
    const a = await signIn(app, { role: "admin" });
    const b = await signIn(app, { role: "admin" });
    await api(app, "POST", `/v1/admin/users/${b.userId}/role`, {
      headers: a.headers,
      body: { role: "user" },
    });
    const res = await api(app, "GET", `/v1/admin/users/${a.userId}`, { headers: b.headers });
    expect(res.status).toBe(403);
  });

  it("a revoked session cannot use admin routes", async () => {
    const admin = await signIn(app, { role: "admin" });
    await api(app, "POST", "/v1/auth/logout", { headers: admin.headers });
    const res = await api(app, "GET", `/v1/admin/users/${admin.userId}`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(res.status).toBe(401);
  });

  it("admins cannot change their own role", async () => {
    const admin = await signIn(app, { role: "admin" });
    const res = await api(app, "POST", `/v1/admin/users/${admin.userId}/role`, {
      headers: admin.headers,
      body: { role: "user" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("cannot_change_own_role");
  });

  it("unknown users are 404 and invalid ids 400, with nothing written", async () => {
    const admin = await signIn(app, { role: "admin" });
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      (await api(app, "GET", `/v1/admin/users/${missing}`, { headers: admin.headers })).status,
    ).toBe(404);
    const change = await api(app, "POST", `/v1/admin/users/${missing}/role`, {
      headers: admin.headers,
      body: { role: "user" },
    });
    expect(change.status).toBe(404);
    const bad = await api(app, "GET", "/v1/admin/users/1%20OR%201=1", { headers: admin.headers });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    const badRole = await api(app, "POST", `/v1/admin/users/${admin.userId}/role`, {
      headers: admin.headers,
      body: { role: "superuser" },
    });
    expect(badRole.status).toBe(400);
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.role_changed' AND subject_id = $1",
      [missing],
    );
    expect(rows[0].n).toBe(0);
  });
});
