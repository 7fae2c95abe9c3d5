import {
  api,
  cookiesFrom,
  sessionCookieHeader,
  startTestApp,
  useTestApp,
} from "@boon/backend/test-support";
import { authTableCounts } from "@boon/backend/test-support/db-counts";
import { type SiweOverrides, signSiwe } from "@boon/backend/test-support/siwe";
import type { PublicClient } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

const app = useTestApp();

const newAccount = () => privateKeyToAccount(generatePrivateKey());

/** Flips the case of the first letter in the hex part, breaking the EIP-55 checksum. */
function flipCase(address: string): string {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const c = address.charAt(i);
  const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  return address.slice(0, i) + flipped + address.slice(i + 1);
}

async function expectRejected(body: unknown, status: number, code: string) {
  const before = await authTableCounts(app.pool);
  const res = await api(app, "POST", "/v1/auth/siwe/verify", { body });
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.headers.getSetCookie()).toEqual([]);
  expect(await authTableCounts(app.pool)).toEqual(before);
  return res;
}

describe("SIWE sign-in", () => {
  it("nonce endpoint tells the client what to sign", async () => {
    const res = await api(app, "GET", "/v1/auth/siwe/nonce");
    expect(res.status).toBe(200);
    expect(res.body.nonce).toMatch(/^[a-zA-Z0-9]{8,}$/);
    expect(res.body.domain).toBe("localhost:5173");
    expect(res.body.chainId).toBe(31337);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("signs in a new wallet, creates its user, sets httpOnly session cookies", async () => {
    const account = newAccount();
    const signed = await signSiwe(app, account);
    const res = await api(app, "POST", "/v1/auth/siwe/verify", {
      body: { message: signed.message, signature: signed.signature },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe("user");
    expect(res.body.user.email).toBeNull();
    expect(res.body.user.wallets.map((w: { address: string }) => w.address)).toEqual([
      account.address,
    ]);

    const setCookies = res.headers.getSetCookie();
    const access = setCookies.find((c) => c.startsWith("boon_at="));
    const refresh = setCookies.find((c) => c.startsWith("boon_rt="));
    expect(access).toMatch(/HttpOnly/);
    expect(access).toMatch(/SameSite=Lax/);
    expect(refresh).toMatch(/HttpOnly/);
    expect(refresh).toMatch(/SameSite=Strict/);
    expect(refresh).toMatch(/Path=\/v1\/auth/);

    const me = await api(app, "GET", "/v1/me", { headers: sessionCookieHeader(res.headers) });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.user.id);

    const audit = await app.pool.query("SELECT action FROM audit_log WHERE subject_id = $1", [
      res.body.user.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(["user.created"]);
  });

  it("a second sign-in with the same wallet reaches the same user", async () => {
    const account = newAccount();
    const first = await signSiwe(app, account);
    const a = await api(app, "POST", "/v1/auth/siwe/verify", {
      body: { message: first.message, signature: first.signature },
    });
    const second = await signSiwe(app, account);
    const b = await api(app, "POST", "/v1/auth/siwe/verify", {
      body: { message: second.message, signature: second.signature },
    });
    expect(b.status).toBe(200);
    expect(b.body.user.id).toBe(a.body.user.id);
    expect(cookiesFrom(b.headers).boon_rt).not.toBe(cookiesFrom(a.headers).boon_rt);
  });

  it("rejects an address without its EIP-55 checksum (all-lowercase) or with a wrong one", async () => {
    const account = newAccount();
    const signed = await signSiwe(app, account);
    const lower = signed.message.replace(account.address, account.address.toLowerCase());
    await expectRejected(
      { message: lower, signature: await account.signMessage({ message: lower }) },
      400,
      "invalid_address",
    );

    const wrong = signed.message.replace(account.address, flipCase(account.address));
    await expectRejected(
      { message: wrong, signature: await account.signMessage({ message: wrong }) },
      400,
      "invalid_address",
    );
  });

  it("rejects a signature by another key", async () => {
    const signed = await signSiwe(app, newAccount());
    const forged = await newAccount().signMessage({ message: signed.message });
    await expectRejected({ message: signed.message, signature: forged }, 401, "siwe_bad_signature");
  });

  it("rejects a signature over a different message (tampered after signing)", async () => {
    const signed = await signSiwe(app, newAccount());
    const tampered = signed.message.replace("Sign in to Boon", "Sign in to Boom");
    await expectRejected(
      { message: tampered, signature: signed.signature },
      401,
      "siwe_bad_signature",
    );
  });

  it.each([
    {
      what: "a message for another domain",
      overrides: { domain: "evil.example" },
      code: "siwe_wrong_domain",
    },
    { what: "a message for another chain", overrides: { chainId: 1 }, code: "siwe_wrong_chain" },
    {
      what: "an expired message",
      overrides: { expirationTime: new Date(Date.now() - 1000) },
      code: "siwe_expired",
    },
    {
      what: "a message that is not valid yet",
      overrides: { notBefore: new Date(Date.now() + 3_600_000) },
      code: "siwe_not_yet_valid",
    },
    {
      what: "a nonce the server never issued",
      overrides: { nonce: "neverIssued12345" },
      code: "siwe_unknown_nonce",
    },
  ] satisfies { what: string; overrides: SiweOverrides; code: string }[])(
    "rejects $what",
    async ({ overrides, code }) => {
      const signed = await signSiwe(app, newAccount(), overrides);
      await expectRejected({ message: signed.message, signature: signed.signature }, 401, code);
    },
  );

  it("rejects a reused nonce (replaying a successful sign-in)", async () => {
    const signed = await signSiwe(app, newAccount());
    const body = { message: signed.message, signature: signed.signature };
    expect((await api(app, "POST", "/v1/auth/siwe/verify", { body })).status).toBe(200);
    await expectRejected(body, 401, "siwe_nonce_used");
  });

  it("rejects an expired nonce", async () => {
    const signed = await signSiwe(app, newAccount());
    await app.pool.query(
      "UPDATE siwe_nonces SET expires_at = now() - interval '1 second' WHERE nonce = $1",
      [signed.nonce],
    );
    await expectRejected(
      { message: signed.message, signature: signed.signature },
      401,
      "siwe_nonce_expired",
    );
  });

  it("lets exactly one of many parallel replays of one signed message through", async () => {
    const signed = await signSiwe(app, newAccount());
    const body = { message: signed.message, signature: signed.signature };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api(app, "POST", "/v1/auth/siwe/verify", { body })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 401).every((r) => r.body.error.code === "siwe_nonce_used"),
    ).toBe(true);
  });

  it("rejects text that is not a SIWE message", async () => {
    await expectRejected({ message: "hello", signature: "0x1234" }, 400, "siwe_malformed");
  });
});

describe("SIWE with smart wallets", () => {
  it("falls back to on-chain verification (ERC-1271/6492) when the signer is not an EOA", async () => {
    const calls: unknown[] = [];
    const chainClient = {
      verifyMessage: async (args: unknown) => {
        calls.push(args);
        return true;
      },
    } as unknown as PublicClient;
    const smart = await startTestApp({ deps: { chainClient } });
    try {
      const wallet = newAccount();
      const signed = await signSiwe(smart, wallet);
      // A contract wallet's signature is not an ECDSA signature by the address itself.
      const contractSignature = await newAccount().signMessage({ message: signed.message });
      const res = await api(smart, "POST", "/v1/auth/siwe/verify", {
        body: { message: signed.message, signature: contractSignature },
      });
      expect(res.status).toBe(200);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ address: wallet.address, message: signed.message });
    } finally {
      await smart.close();
    }
  });

  it("an unreachable RPC makes a non-EOA signature fail with 401, not a 500", async () => {
    const down = await startTestApp({ env: { RPC_URL: "http://127.0.0.1:9" } });
    try {
      const signed = await signSiwe(down, newAccount());
      const forged = await newAccount().signMessage({ message: signed.message });
      const res = await api(down, "POST", "/v1/auth/siwe/verify", {
        body: { message: signed.message, signature: forged },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("siwe_bad_signature");
    } finally {
      await down.close();
    }
  });
});
