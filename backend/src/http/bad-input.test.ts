import { api, type SignedIn, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import { authTableCounts } from "@boon/backend/test-support/db-counts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let app: TestApp;
let user: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  user = await signIn(app);
  admin = await signIn(app, { role: "admin" });
});
afterAll(async () => {
  await app.close();
});

const SQL = "'; DROP TABLE users; --";
const huge = "x".repeat(200 * 1024);

type Case = {
  name: string;
  method: "GET" | "POST";
  path: string | (() => string);
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  as?: "user" | "admin";
  status: number;
  code?: string;
};

const siweBad: Case[] = [
  {
    name: "wrong types",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: { message: 1, signature: true },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "missing fields",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: {},
    status: 400,
    code: "invalid_request",
  },
  {
    name: "unknown field",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: { message: "m", signature: "0x00", admin: true },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "SQL in message",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: { message: SQL, signature: "0x00" },
    status: 400,
    code: "siwe_malformed",
  },
  {
    name: "SQL in signature",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: { message: "m", signature: SQL },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "oversized",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: { message: huge, signature: "0x00" },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "array body",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    body: [1, 2],
    status: 400,
    code: "invalid_request",
  },
  { name: "JSON null", method: "POST", path: "/v1/auth/siwe/verify", rawBody: "null", status: 400 },
  {
    name: "not JSON",
    method: "POST",
    path: "/v1/auth/siwe/verify",
    rawBody: "message=x",
    contentType: "application/x-www-form-urlencoded",
    status: 400,
    code: "invalid_request",
  },
  {
    name: "query on nonce",
    method: "GET",
    path: "/v1/auth/siwe/nonce?nonce=abc",
    status: 400,
    code: "invalid_request",
  },
];

const emailBad: Case[] = [
  {
    name: "email wrong type",
    method: "POST",
    path: "/v1/auth/email/start",
    body: { email: 42 },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "not an email",
    method: "POST",
    path: "/v1/auth/email/start",
    body: { email: "nope" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "SQL as email",
    method: "POST",
    path: "/v1/auth/email/start",
    body: { email: `a${SQL}@x.com` },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "unknown field",
    method: "POST",
    path: "/v1/auth/email/start",
    body: { email: "a@example.com", role: "admin" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "oversized",
    method: "POST",
    path: "/v1/auth/email/start",
    body: { email: huge },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "too long email",
    method: "POST",
    path: "/v1/auth/email/start",
    body: { email: `${"a".repeat(250)}@example.com` },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "code wrong type",
    method: "POST",
    path: "/v1/auth/email/verify",
    body: { email: "a@example.com", code: 123456 },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "SQL as code",
    method: "POST",
    path: "/v1/auth/email/verify",
    body: { email: "a@example.com", code: "' OR 1=1 --" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "short code",
    method: "POST",
    path: "/v1/auth/email/verify",
    body: { email: "a@example.com", code: "12345" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "unknown field",
    method: "POST",
    path: "/v1/auth/email/verify",
    body: { email: "a@example.com", code: "123456", x: 1 },
    status: 400,
    code: "invalid_request",
  },
];

const sessionBad: Case[] = [
  {
    name: "refresh with a body",
    method: "POST",
    path: "/v1/auth/refresh",
    body: { refreshToken: "x" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "logout with a body",
    method: "POST",
    path: "/v1/auth/logout",
    body: { all: true },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "me with a query",
    method: "GET",
    path: "/v1/me?id=1",
    as: "user",
    status: 400,
    code: "invalid_request",
  },
  {
    name: "link wallet wrong types",
    method: "POST",
    path: "/v1/me/wallets",
    as: "user",
    body: { message: [], signature: 1 },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "link wallet unknown field",
    method: "POST",
    path: "/v1/me/wallets",
    as: "user",
    body: { message: "m", signature: "0x00", userId: "x" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "link wallet SQL",
    method: "POST",
    path: "/v1/me/wallets",
    as: "user",
    body: { message: SQL, signature: "0x00" },
    status: 400,
    code: "siwe_malformed",
  },
  {
    name: "link wallet oversized",
    method: "POST",
    path: "/v1/me/wallets",
    as: "user",
    body: { message: huge, signature: "0x00" },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "admin get SQL id",
    method: "GET",
    path: "/v1/admin/users/'%20OR%20'1'='1",
    as: "admin",
    status: 400,
    code: "invalid_request",
  },
  {
    name: "admin role wrong type",
    method: "POST",
    path: () => `/v1/admin/users/${user.userId}/role`,
    as: "admin",
    body: { role: 1 },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "admin role unknown field",
    method: "POST",
    path: () => `/v1/admin/users/${user.userId}/role`,
    as: "admin",
    body: { role: "admin", reason: "x" },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "admin role SQL",
    method: "POST",
    path: () => `/v1/admin/users/${user.userId}/role`,
    as: "admin",
    body: { role: SQL },
    status: 400,
    code: "invalid_request",
  },
  {
    name: "admin role oversized",
    method: "POST",
    path: () => `/v1/admin/users/${user.userId}/role`,
    as: "admin",
    body: { role: huge },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "mailbox bad filter",
    method: "GET",
    path: "/dev/mailbox?to=not-an-email",
    status: 400,
    code: "invalid_request",
  },
];

describe("bad input on every endpoint -> 4xx, error shape, nothing written", () => {
  it.each([...siweBad, ...emailBad, ...sessionBad])("$method $path: $name", async (c) => {
    const before = await authTableCounts(app.pool);
    const headers: Record<string, string> = {};
    if (c.as === "user") Object.assign(headers, user.headers);
    if (c.as === "admin") Object.assign(headers, admin.headers);
    if (c.contentType) headers["content-type"] = c.contentType;
    const path = typeof c.path === "function" ? c.path() : c.path;
    const res = await api(app, c.method, path, {
      headers,
      ...(c.body === undefined ? {} : { body: c.body }),
      ...(c.rawBody === undefined ? {} : { rawBody: c.rawBody }),
    });
    expect(res.status).toBe(c.status);
    expect(typeof res.body.error.message).toBe("string");
    if (c.code) expect(res.body.error.code).toBe(c.code);
    if (res.body.error.code === "invalid_request")
      expect(Array.isArray(res.body.error.details)).toBe(true);
    expect(await authTableCounts(app.pool)).toEqual(before);
    const { rows } = await app.pool.query("SELECT role FROM users WHERE id = $1", [user.userId]);
    expect(rows[0].role).toBe("user");
  });

  it("an email with SQL meta-characters that is a valid address is stored verbatim", async () => {
    const email = "o'brien+test@example.com";
    const res = await api(app, "POST", "/v1/auth/email/start", { body: { email } });
    expect(res.status).toBe(202);
    const { rows } = await app.pool.query("SELECT email FROM email_codes WHERE email = $1", [
      email,
    ]);
    expect(rows).toHaveLength(1);
  });
});
