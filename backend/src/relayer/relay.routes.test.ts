// The relay API without a chain: what it says about itself, and the refusals that need no chain.
import { randomUUID } from "node:crypto";
import { api, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import { devAccounts } from "@boon/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { RELAYER: "off" } });
});

afterAll(async () => {
  await app?.close();
});

const linkClaim = {
  kind: "link",
  giftId: "1",
  to: devAccounts.alice.address,
  signature: `0x${"11".repeat(65)}`,
};

describe("the relay API", () => {
  it("says it is off, with the custody address and the limits, and refuses claims with 503", async () => {
    const info = await api(app, "GET", "/v1/relay");
    expect(info.body).toEqual({
      enabled: false,
      custodyAddress: devAccounts.treasury.address,
      chainId: app.config.chainId,
      limits: { perUserPerDay: 20, perIpPerHour: 30 },
    });
    const res = await api(app, "POST", "/v1/relay/claims", { body: linkClaim });
    expect([res.status, res.body.error.code]).toEqual([503, "relay_disabled"]);
    const count = await app.pool.query("SELECT count(*)::int AS n FROM relay_claims");
    expect(count.rows[0]).toEqual({ n: 0 });
  });

  it("refuses malformed claims with 400 before anything else", async () => {
    for (const body of [
      { ...linkClaim, giftId: "-1" },
      { ...linkClaim, giftId: (2n ** 256n).toString() },
      { ...linkClaim, signature: "0x1234" },
      { ...linkClaim, to: devAccounts.alice.address.toLowerCase().replace("a", "A") },
      { kind: "link_batch", to: devAccounts.alice.address, claims: [] },
      { kind: "social", to: { wallet: devAccounts.alice.address, credits: true } },
      { kind: "social", to: {} },
      { kind: "nope" },
    ]) {
      const res = await api(app, "POST", "/v1/relay/claims", { body });
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([
        400,
        "invalid_request",
      ]);
    }
  });

  it("answers 404 for an unknown claim and lists only the caller's claims", async () => {
    const unknown = await api(app, "GET", `/v1/relay/claims/${randomUUID()}`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "relay_claim_not_found"]);
    expect((await api(app, "GET", "/v1/me/relay/claims")).status).toBe(401);
    const user = await signIn(app);
    const mine = await api(app, "GET", "/v1/me/relay/claims", { headers: user.headers });
    expect(mine.body).toEqual({ items: [] });
  });
});
