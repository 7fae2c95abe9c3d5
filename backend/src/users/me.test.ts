import { api, signIn, useTestApp } from "@boon/backend/test-support";
import { signSiwe } from "@boon/backend/test-support/siwe";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

const app = useTestApp();

const newAccount = () => privateKeyToAccount(generatePrivateKey());

/** How many wallet rows have `value` in `column`. */
async function walletsWhere(column: "user_id" | "address", value: string) {
  const { rows } = await app.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM wallets WHERE ${column} = $1`,
    [value],
  );
  return rows[0]?.n;
}

describe("GET /v1/me", () => {
  it("shows the caller's email, wallets and role", async () => {
    const wallet = newAccount().address;
    const user = await signIn(app, { email: "Me@Example.com", wallet, role: "analyst" });
    const res = await api(app, "GET", "/v1/me", { headers: user.headers });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.userId, email: "me@example.com", role: "analyst" });
    expect(res.body.wallets.map((w: { address: string }) => w.address)).toEqual([wallet]);
  });

  it("cannot be pointed at another user", async () => {
    const a = await signIn(app);
    const b = await signIn(app, { email: "b-private@example.com" });
    const res = await api(app, "GET", `/v1/me?userId=${b.userId}`, { headers: a.headers });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(JSON.stringify(res.body)).not.toContain("b-private");
  });
});

describe("POST /v1/me/wallets (link by SIWE)", () => {
  it("links a second wallet to an email user; repeating is idempotent", async () => {
    const user = await signIn(app, { email: "linker@example.com" });
    const wallet = newAccount();
    const signed = await signSiwe(app, wallet);
    const res = await api(app, "POST", "/v1/me/wallets", {
      headers: user.headers,
      body: { message: signed.message, signature: signed.signature },
    });
    expect(res.status).toBe(201);
    expect(res.body.address).toBe(wallet.address);

    const again = await signSiwe(app, wallet);
    const repeat = await api(app, "POST", "/v1/me/wallets", {
      headers: user.headers,
      body: { message: again.message, signature: again.signature },
    });
    expect(repeat.status).toBe(200);

    const second = newAccount();
    const s2 = await signSiwe(app, second);
    await api(app, "POST", "/v1/me/wallets", {
      headers: user.headers,
      body: { message: s2.message, signature: s2.signature },
    });
    const me = await api(app, "GET", "/v1/me", { headers: user.headers });
    expect(me.body.wallets.map((w: { address: string }) => w.address).sort()).toEqual(
      [wallet.address, second.address].sort(),
    );
    const audit = await app.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'wallet.linked' AND subject_id = $1",
      [user.userId],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it("refuses a wallet that belongs to another user", async () => {
    const wallet = newAccount();
    const owner = await signIn(app, { wallet: wallet.address });
    const thief = await signIn(app);
    const signed = await signSiwe(app, wallet);
    const res = await api(app, "POST", "/v1/me/wallets", {
      headers: thief.headers,
      body: { message: signed.message, signature: signed.signature },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("wallet_linked_to_other_user");
    const { rows } = await app.pool.query("SELECT user_id FROM wallets WHERE address = $1", [
      wallet.address,
    ]);
    expect(rows[0].user_id).toBe(owner.userId);
  });

  it("needs a signature by the wallet being linked", async () => {
    const user = await signIn(app);
    const signed = await signSiwe(app, newAccount());
    const forged = await newAccount().signMessage({ message: signed.message });
    const res = await api(app, "POST", "/v1/me/wallets", {
      headers: user.headers,
      body: { message: signed.message, signature: forged },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("siwe_bad_signature");
  });

  it("refuses a message whose address has a bad checksum, writing nothing", async () => {
    const user = await signIn(app);
    const wallet = newAccount();
    const signed = await signSiwe(app, wallet);
    const lower = signed.message.replace(wallet.address, wallet.address.toLowerCase());
    const res = await api(app, "POST", "/v1/me/wallets", {
      headers: user.headers,
      body: { message: lower, signature: await wallet.signMessage({ message: lower }) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_address");
    expect(await walletsWhere("user_id", user.userId)).toBe(0);
    const nonce = await app.pool.query("SELECT used_at FROM siwe_nonces WHERE nonce = $1", [
      signed.nonce,
    ]);
    expect(nonce.rows[0].used_at).toBeNull();
  });

  it("requires a session", async () => {
    const signed = await signSiwe(app, newAccount());
    const res = await api(app, "POST", "/v1/me/wallets", {
      body: { message: signed.message, signature: signed.signature },
    });
    expect(res.status).toBe(401);
  });

  it("refuses a logged-out (or stolen) access token: no new way into the account", async () => {
    const user = await signIn(app);
    const logout = await api(app, "POST", "/v1/auth/logout", { headers: user.headers });
    expect(logout.status).toBe(204);
    // The access token itself has minutes left; only the session behind it has ended.
    const stolen = { authorization: `Bearer ${user.accessToken}` };
    expect((await api(app, "GET", "/v1/me", { headers: stolen })).status).toBe(200);
    const intruder = newAccount();
    const signed = await signSiwe(app, intruder);
    const res = await api(app, "POST", "/v1/me/wallets", {
      headers: stolen,
      body: { message: signed.message, signature: signed.signature },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect(await walletsWhere("address", intruder.address)).toBe(0);
  });
});
