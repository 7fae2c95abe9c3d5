// The OpenAPI document against the running server: every operation it lists is driven with bad
// input, no credentials, an oversized or undecodable body, and every status the server answers
// must be one the document lists for that operation.
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { type MoneyTestApp, startMoneyTestApp } from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Parameter = { name: string; in: string; schema: { type?: string } };
type Operation = {
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: unknown };

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
          headers: admin.headers,
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
