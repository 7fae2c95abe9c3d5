// The OpenAPI document against the running server: every operation it lists is driven with bad
// input, no credentials, an oversized or undecodable body, and every status the server answers
// must be one the document lists for that operation.
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { creditUser } from "@boon/backend/test-support/delivery";
import { type MoneyTestApp, startMoneyTestApp } from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Parameter = { name: string; in: string; schema: { type?: string } };
type Operation = {
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

let app: MoneyTestApp;
let admin: SignedIn;
let doc: Document;
beforeAll(async () => {
  app = await startMoneyTestApp();
  admin = await signIn(app, { role: "admin" });
  doc = (await api(app, "GET", "/openapi.json")).body;
});
afterAll(async () => {
  await app.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

/** A concrete URL for a path template: `{id}` becomes `id`. */
const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);

type Probe = {
  name: string;
  path?: (path: string) => string;
  headers?: Record<string, string>;
  rawBody?: string;
  signedIn?: boolean;
};

const RANDOM_ID = "3f1c3a52-4a0e-4b59-9a53-2f4f5f0b8a11";
// The probes end the admin's session (POST /v1/auth/logout): later tests sign in again.
const probes: Probe[] = [
  { name: "no credentials", signedIn: false },
  { name: "a valid call without a body", path: (p) => fill(p, RANDOM_ID) },
  { name: "an unknown query parameter", path: (p) => `${fill(p, RANDOM_ID)}?unexpected=1` },
  { name: "a malformed path parameter", path: (p) => fill(p, "not-an-id") },
  { name: "an empty JSON object", rawBody: "{}" },
  { name: "broken JSON", rawBody: '{"amountCents":' },
  { name: "a JSON array", rawBody: "[1,2,3]" },
  { name: "an oversized body", rawBody: JSON.stringify({ pad: "x".repeat(600 * 1024) }) },
  {
    name: "an unsupported charset",
    rawBody: "{}",
    headers: { "content-type": "application/json; charset=latin1" },
  },
  { name: "an unsupported encoding", rawBody: "{}", headers: { "content-encoding": "snappy" } },
];

describe("the OpenAPI document lists every status the server gives", () => {
  it("for every operation and every kind of bad request", async () => {
    const undocumented: string[] = [];
    for (const { path, method, op } of operations()) {
      for (const probe of probes) {
        if (probe.rawBody !== undefined && method === "GET") continue;
        const url = (probe.path ?? ((p) => fill(p, RANDOM_ID)))(path);
        const res = await api(app, method, url, {
          headers: {
            ...(probe.signedIn === false ? {} : admin.headers),
            "idempotency-key": `probe-${Math.random().toString(36).slice(2)}`,
            ...(probe.rawBody === undefined ? {} : { "content-type": "application/json" }),
            ...probe.headers,
          },
          ...(probe.rawBody === undefined ? {} : { rawBody: probe.rawBody }),
        });
        const message = (res.body as { error?: { message?: string } })?.error?.message ?? "";
        if (!(String(res.status) in op.responses) || message.startsWith("No route for"))
          undocumented.push(`${method} ${path} (${probe.name}): ${res.status} ${message}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("documents the purchase amount range that the server enforces", async () => {
    const body = doc.paths["/v1/purchases"]?.post?.requestBody?.content["application/json"]?.schema;
    const amount = (body?.properties as Record<string, Record<string, unknown>>)?.amountCents;
    expect(amount).toMatchObject({
      minimum: app.config.money.purchaseMinCents,
      maximum: app.config.money.purchaseMaxCents,
    });
  });
});

describe("integer query parameters", () => {
  it("accept decimal integers only: no hex, exponents, signs, spaces or fractions", async () => {
    const caller = await signIn(app, { role: "admin" });
    const integerParams = operations().flatMap(({ path, method, op }) =>
      (op.parameters ?? [])
        .filter((p) => p.in === "query" && p.schema.type === "integer")
        .map((p) => ({ path, method, name: p.name })),
    );
    expect(integerParams.length).toBeGreaterThan(0);
    const accepted: string[] = [];
    for (const { path, method, name } of integerParams) {
      const get = (value: string) =>
        api(app, method, `${path}?${name}=${encodeURIComponent(value)}`, {
          headers: caller.headers,
        });
      expect((await get("10")).status).toBe(200);
      for (const bad of ["0x10", "1e2", " 1", "1 ", "+5", "5.0", "", "010", "1_0", "Infinity"]) {
        const res = await get(bad);
        if (res.status !== 400 || res.body.error.code !== "invalid_request")
          accepted.push(`${method} ${path}?${name}=${JSON.stringify(bad)}: ${res.status}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe("text PostgreSQL cannot store", () => {
  const resolve = (schema: Schema): Schema =>
    schema.$ref
      ? resolve(doc.components?.schemas?.[schema.$ref.split("/").at(-1) as string] ?? {})
      : schema;
  const isText = (schema: Schema) =>
    (schema.type === "string" || (Array.isArray(schema.type) && schema.type.includes("string"))) &&
    schema.enum === undefined &&
    schema.const === undefined;

  /** A literal: `const`, or an enum of one value. */
  const constantOf = (schema: Schema) =>
    schema.const ?? (schema.enum?.length === 1 ? schema.enum[0] : undefined);

  /**
   * Every text field of a body schema: its path, and a body with `value` there, with the constants
   * (discriminators) of its variant and of every enclosing object, so the body reaches that field.
   */
  function textFields(
    raw: Schema,
    wrap: (inner: Record<string, unknown>) => unknown = (inner) => inner,
    path: string[] = [],
  ): Array<{ path: string; body: (value: string) => unknown }> {
    const schema = resolve(raw);
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants) return variants.flatMap((variant) => textFields(variant, wrap, path));
    if (!schema.properties) return [];
    const here = Object.fromEntries(
      Object.entries(schema.properties)
        .map(([key, prop]) => [key, constantOf(resolve(prop))] as const)
        .filter(([, value]) => value !== undefined),
    );
    return Object.entries(schema.properties).flatMap(([key, prop]) => {
      const child = resolve(prop);
      if (isText(child))
        return [
          {
            path: [...path, key].join("."),
            body: (value: string) => wrap({ ...here, [key]: value }),
          },
        ];
      return textFields(child, (inner) => wrap({ ...here, [key]: inner }), [...path, key]);
    });
  }

  const STORABLE = /NUL .*unpaired surrogate/;
  const refusedAsText = (res: { status: number; body: unknown }, path: string) =>
    res.status === 400 &&
    (
      (res.body as { error: { details?: { path: string; message: string }[] } }).error.details ?? []
    ).some((issue) => issue.path === path && STORABLE.test(issue.message));

  it("a NUL or an unpaired surrogate in any text field of any body is a 400 from the shared text type", async () => {
    const caller = await signIn(app, { role: "admin" });
    const accepted: string[] = [];
    let checked = 0;
    for (const { path, method, op } of operations()) {
      const schema = op.requestBody?.content["application/json"]?.schema as Schema | undefined;
      if (!schema) continue;
      for (const field of textFields(schema)) {
        for (const [name, value] of [
          ["NUL", "a\u0000b"],
          ["a lone surrogate", "a\ud800b"],
        ]) {
          checked++;
          const res = await api(app, method, fill(path, RANDOM_ID), {
            headers: { ...caller.headers, "idempotency-key": `text-${checked}-${Date.now()}` },
            rawBody: JSON.stringify(field.body(value as string)),
          });
          if (!refusedAsText(res, field.path))
            accepted.push(
              `${method} ${path} ${field.path} (${name}): ${res.status} ${JSON.stringify(res.body)}`,
            );
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(accepted).toEqual([]);
  });

  it("a NUL in any text query or path parameter is a 400 from the shared text type", async () => {
    const caller = await signIn(app, { role: "admin" });
    const accepted: string[] = [];
    for (const { path, method, op } of operations()) {
      for (const p of op.parameters ?? []) {
        if (!isText(resolve(p.schema)) || (p.in !== "query" && p.in !== "path")) continue;
        const url =
          p.in === "path"
            ? fill(path.replace(`{${p.name}}`, "a%00b"), RANDOM_ID)
            : `${fill(path, RANDOM_ID)}?${p.name}=a%00b`;
        const res = await api(app, method, url, { headers: caller.headers });
        if (!refusedAsText(res, p.name)) accepted.push(`${method} ${url}: ${res.status}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("a gift message with a NUL byte is a 400, not a 500", async () => {
    const sender = await signIn(app);
    await creditUser(app.pool, sender.userId, 10n ** 18n);
    const res = await api(app, "POST", "/v1/gifts", {
      headers: { ...sender.headers, "idempotency-key": "nul-gift-message-1" },
      body: { kind: "link", amount: "1", message: "hello\u0000world" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
  });
});

describe("caching", () => {
  it("every response of every operation is Cache-Control: no-store, errors included", async () => {
    const caller = await signIn(app);
    const cached: string[] = [];
    for (const { path, method } of operations()) {
      for (const headers of [caller.headers, {}]) {
        const res = await api(app, method, fill(path, RANDOM_ID), {
          headers: {
            ...headers,
            "idempotency-key": `cache-${Math.random().toString(36).slice(2)}`,
          },
          ...(method === "POST" ? { rawBody: "{}" } : {}),
        });
        if (res.headers.get("cache-control") !== "no-store")
          cached.push(`${method} ${path} -> ${res.status}: ${res.headers.get("cache-control")}`);
      }
    }
    expect(cached).toEqual([]);
    // The per-user reads the issue names, signed in and answered.
    for (const path of ["/v1/me", "/v1/me/balance", "/v1/me/limits", "/v1/me/ledger"]) {
      const res = await api(app, "GET", path, { headers: caller.headers });
      expect({ path, status: res.status, cache: res.headers.get("cache-control") }).toEqual({
        path,
        status: 200,
        cache: "no-store",
      });
    }
  });
});
