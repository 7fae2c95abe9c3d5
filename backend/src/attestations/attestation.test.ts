// The verifier's attestations over HTTP (the on-chain claim is in social.chain.test.ts): only for
// the caller's own linked X account, only to a wallet they proved by SIWE or to Boon's custody
// address, audited, evented and rate limited.
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { signSiwe } from "@boon/backend/test-support/siwe";
import { linkX, type SocialTestApp, startSocialTestApp } from "@boon/backend/test-support/social";
import { devAccounts, giftVaultDomain, socialClaimTypes, socialId } from "@boon/contracts";
import { X_DEV_ACCOUNTS } from "@boon/scripts/stand-ins";
import { type Address, recoverTypedDataAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEventsAfter, START } from "../events/events.repository.ts";

const VAULT = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707" as Address;
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
const { alice } = X_DEV_ACCOUNTS;

let app: SocialTestApp;
let user: SignedIn;
const wallet = privateKeyToAccount(generatePrivateKey());

beforeAll(async () => {
  app = await startSocialTestApp({
    env: {
      GIFT_VAULT_ADDRESS: VAULT,
      BOON_TOKEN_ADDRESS: TOKEN,
      RATE_LIMIT_ATTESTATIONS_PER_MINUTE: "8",
    },
  });
  user = await signIn(app);
  await linkX(app, user.headers, "alice");
  // The wallet is proven the way the dApp proves it: a SIWE message it signed.
  const { message, signature } = await signSiwe(app, wallet);
  const linked = await api(app, "POST", "/v1/me/wallets", {
    body: { message, signature },
    headers: user.headers,
  });
  expect(linked.status).toBe(201);
});
afterAll(async () => {
  await app.close();
});

const attest = (body: unknown, who: SignedIn = user) =>
  api(app, "POST", "/v1/me/x/attestations", { body, headers: who.headers });

const stored = async () =>
  (await app.pool.query("SELECT count(*)::int AS n FROM social_attestations")).rows[0].n as number;

describe("POST /v1/me/x/attestations", () => {
  it("signs SocialClaim(your social id, your proven wallet, a deadline under 10 minutes)", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await attest({ wallet: wallet.address, giftIds: ["1", "2"] });
    expect(res.status).toBe(201);
    const body = res.body;
    expect(body).toMatchObject({
      socialId: socialId("x", alice.id),
      wallet: wallet.address,
      destination: "wallet",
      verifier: devAccounts.verifier.address,
      chainId: app.config.chainId,
      vault: VAULT,
    });
    const deadline = Number(body.deadline);
    expect(deadline - before).toBeGreaterThanOrEqual(
      app.config.social.verifier.attestationTtlSeconds,
    );
    expect(deadline - before).toBeLessThanOrEqual(600 + 5);
    const signer = await recoverTypedDataAddress({
      domain: giftVaultDomain(app.config.chainId, VAULT),
      types: socialClaimTypes,
      primaryType: "SocialClaim",
      message: {
        socialId: socialId("x", alice.id),
        wallet: wallet.address,
        deadline: BigInt(deadline),
      },
      signature: body.signature,
    });
    expect(signer).toBe(devAccounts.verifier.address);
    expect(body.compact).toEqual({
      r: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      yParityAndS: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });

    const { rows } = await app.pool.query("SELECT * FROM social_attestations WHERE id = $1", [
      body.id,
    ]);
    expect(rows[0]).toMatchObject({
      user_id: user.userId,
      x_user_id: alice.id,
      wallet: wallet.address,
      destination: "wallet",
      gift_ids: ["1", "2"],
    });
    const audit = await app.pool.query(
      "SELECT actor_user_id FROM audit_log WHERE action = 'x.attestation_signed' AND subject_id = $1",
      [body.id],
    );
    expect(audit.rows).toEqual([{ actor_user_id: user.userId }]);
    const events = await readEventsAfter(app.pool, START, { limit: 100, userId: user.userId });
    expect(events.find((e) => e.type === "x.attestation_issued")?.payload).toMatchObject({
      wallet: wallet.address,
      destination: "wallet",
      deadline: body.deadline,
    });
  });

  it("refuses credits: they go through the relayer, which credits the user when the claim confirms", async () => {
    const before = await stored();
    const res = await attest({ to: "credits" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("credits_through_relayer");
    expect(await stored()).toEqual(before);
    expect((await attest({ to: "credits", wallet: wallet.address })).status).toBe(400);
  });

  it("refuses a wallet the user has not proven (someone else's, or nobody's)", async () => {
    const other = privateKeyToAccount(generatePrivateKey()).address;
    await signIn(app, { wallet: other }); // another user's wallet
    const before = await stored();
    for (const address of [other, privateKeyToAccount(generatePrivateKey()).address]) {
      const res = await attest({ wallet: address });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("wallet_not_linked");
    }
    expect(await stored()).toBe(before);
  });

  it("never takes a social id: only the caller's own linked account can be attested", async () => {
    const bobs = socialId("x", X_DEV_ACCOUNTS.bob.id);
    const res = await attest({ wallet: wallet.address, socialId: bobs });
    expect(res.status).toBe(400);
    // A user without a linked X account gets nothing, whatever they send.
    const strangerWallet = privateKeyToAccount(generatePrivateKey()).address;
    const stranger = await signIn(app, { wallet: strangerWallet });
    const none = await attest({ wallet: strangerWallet }, stranger);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe("x_not_linked");
  });

  it("needs a live session", async () => {
    const leaving = await signIn(app);
    await api(app, "POST", "/v1/auth/logout", { headers: leaving.headers });
    expect((await attest({ wallet: wallet.address }, leaving)).status).toBe(401);
  });

  it("is rate limited per user", async () => {
    const busyWallet = privateKeyToAccount(generatePrivateKey()).address;
    const busy = await signIn(app, { wallet: busyWallet });
    await linkX(app, busy.headers, "bob");
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await attest({ wallet: busyWallet }, busy)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    expect(statuses.at(-1)).toBe(429);
  });
});
