// Gifts to X accounts end to end on a real chain, with the real indexer: a card user gifts @alice
// by handle and by post link (resolved through the local X), the delivery worker escrows them for
// socialId("x", alice's id); Alice signs in with X, proves a wallet, reads her open gifts from the
// API, gets an attestation and claims them all with one claimSocialBatch. Then the verifier key is
// rotated: the old key's attestations stop working on chain, the new key's work.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { api, signIn } from "@boon/backend/test-support";
import { startChainApp, stopChainApp, type TestChain } from "@boon/backend/test-support/chain-app";
import { waitIndexed } from "@boon/backend/test-support/chain-indexer";
import { BOON, chainEnv, creditUser, drain, testWorker } from "@boon/backend/test-support/delivery";
import { signSiwe } from "@boon/backend/test-support/siwe";
import {
  type SocialTestApp,
  signInWithX,
  startSocialTestApp,
} from "@boon/backend/test-support/social";
import { devAccounts, giftVaultAbi, socialId, xPostContext } from "@boon/contracts";
import type { Indexer } from "@boon/indexer/stack";
import { freePort } from "@boon/scripts/stack";
import { X_DEV_ACCOUNTS, X_DEV_TWEETS } from "@boon/scripts/stand-ins";
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createWalletClient,
  type Hex,
  http,
  parseEventLogs,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAttestation } from "../attestations/attestation.service.ts";
import { localKeySigner } from "../attestations/signer.ts";
import { checkVerifierRole } from "../attestations/verifier-role.ts";
import type { DeliveryWorker } from "../delivery/worker.ts";

const { alice } = X_DEV_ACCOUNTS;
const VIEWS = "onchain";

let chain: TestChain;
let app: SocialTestApp;
let worker: DeliveryWorker;
let indexer: Indexer;

beforeAll(async () => {
  ({ chain, app, indexer } = await startChainApp(
    (chain) =>
      startSocialTestApp({ env: { ...chainEnv(chain, VIEWS), DELIVERY_FLOAT_BOON: "1000" } }),
    { indexerViews: VIEWS },
  ));
  worker = testWorker(app, chain);
}, 240_000);

afterAll(() => stopChainApp({ chain, app, indexer }));

/** Someone with gas who relays the claim (anyone may): the tokens still go to the attested wallet. */
const relayer = () =>
  createWalletClient({
    chain: hardhat,
    transport: http(chain.rpcUrl),
    account: privateKeyToAccount(devAccounts.bob.privateKey),
  });

type OpenGift = {
  giftId: string;
  claim: {
    token: Address;
    sender: Address;
    kind: number;
    recipient: Hex;
    amount: string;
    expiry: number;
  };
};
type Attestation = { wallet: Address; deadline: string; compact: { r: Hex; yParityAndS: Hex } };

function claimArgs(
  gifts: OpenGift[],
  attestation: Attestation,
  wallet: Address = attestation.wallet,
) {
  return [
    gifts.map((g) => BigInt(g.giftId)),
    gifts.map((g) => ({ ...g.claim, amount: BigInt(g.claim.amount) })),
    wallet,
    BigInt(attestation.deadline),
    attestation.compact,
  ] as const;
}

async function claim(gifts: OpenGift[], attestation: Attestation) {
  const hash = await relayer().writeContract({
    address: chain.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "claimSocialBatch",
    args: claimArgs(gifts, attestation),
  });
  return chain.client.waitForTransactionReceipt({ hash });
}

/** The custom error a claim would revert with (simulated: nothing is sent). */
async function claimRevert(gifts: OpenGift[], attestation: Attestation, wallet?: Address) {
  try {
    await chain.client.simulateContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "claimSocialBatch",
      args: claimArgs(gifts, attestation, wallet),
      account: relayer().account,
    });
  } catch (error) {
    const reverted =
      error instanceof BaseError
        ? error.walk((e) => e instanceof ContractFunctionRevertedError)
        : null;
    if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName;
    throw error;
  }
  return undefined;
}

const indexed = () => waitIndexed(indexer, chain);

describe("gifts to an X account, claimed on chain", () => {
  const wallet = privateKeyToAccount(generatePrivateKey());
  let aliceSession: { cookie: string };
  let gifts: OpenGift[];

  it("a card user's gifts to @alice (by handle and by post) are escrowed for socialId(x, alice's id)", async () => {
    const sender = await signIn(app, { email: "card@example.com" });
    await creditUser(app.pool, sender.userId, 100n * BOON);
    const post = X_DEV_TWEETS.aliceThread;
    for (const [to, amount, key] of [
      ["@alice", 5n * BOON, "gift-handle-1"],
      [`https://x.com/alice/status/${post.id}`, 3n * BOON, "gift-post-1"],
    ] as const) {
      const res = await api(app, "POST", "/v1/gifts", {
        body: { kind: "x", to, amount: amount.toString(), message: "for you" },
        headers: { ...sender.headers, "idempotency-key": key },
      });
      expect(res.status).toBe(201);
    }
    await drain(worker, app.pool);
    const { rows } = await app.pool.query<{ tx_hash: Hex; status: string }>(
      "SELECT tx_hash, status FROM deliveries WHERE kind = 'gift_social' ORDER BY created_at",
    );
    expect(rows.map((r) => r.status)).toEqual(["confirmed", "confirmed"]);
    const sent = [];
    for (const row of rows) {
      const receipt = await chain.client.getTransactionReceipt({ hash: row.tx_hash });
      sent.push(
        ...parseEventLogs({ abi: giftVaultAbi, eventName: "SocialGiftSent", logs: receipt.logs }),
      );
    }
    expect(sent.map((e) => e.args.socialId)).toEqual([
      socialId("x", alice.id),
      socialId("x", alice.id),
    ]);
    expect(sent.map((e) => e.args.context)).toEqual([`0x${"0".repeat(64)}`, xPostContext(post.id)]);
  });

  it("Alice signs in with X, proves a wallet and sees both gifts, ready to claim", async () => {
    aliceSession = await signInWithX(app, "alice");
    const { message, signature } = await signSiwe(app, wallet);
    const linked = await api(app, "POST", "/v1/me/wallets", {
      body: { message, signature },
      headers: aliceSession,
    });
    expect(linked.status).toBe(201);
    await indexed();
    const res = await api(app, "GET", "/v1/me/x/gifts", { headers: aliceSession });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      vault: chain.contracts.giftVault,
      socialId: socialId("x", alice.id),
      totals: [{ token: chain.contracts.boonToken, amount: (8n * BOON).toString(), count: 2 }],
    });
    gifts = res.body.gifts;
    expect(gifts.map((g) => g.claim.amount).sort()).toEqual(
      [(3n * BOON).toString(), (5n * BOON).toString()].sort(),
    );
    expect(
      res.body.gifts.some(
        (g: { postId: string | null }) => g.postId === X_DEV_TWEETS.aliceThread.id,
      ),
    ).toBe(true);
  });

  it("an attestation from the API claims every gift to the proven wallet, and only to it", async () => {
    const res = await api(app, "POST", "/v1/me/x/attestations", {
      body: { wallet: wallet.address, giftIds: gifts.map((g) => g.giftId) },
      headers: aliceSession,
    });
    expect(res.status).toBe(201);
    const attestation = res.body as Attestation;
    // A copy of the claim paying someone else is refused (the attestation names the wallet).
    expect(await claimRevert(gifts, attestation, relayer().account.address)).toBe(
      "InvalidSignature",
    );
    const receipt = await claim(gifts, attestation);
    expect(receipt.status).toBe("success");
    expect(await chain.balanceOf(wallet.address)).toBe(8n * BOON);
    const claimed = parseEventLogs({
      abi: giftVaultAbi,
      eventName: "GiftClaimed",
      logs: receipt.logs,
    });
    expect(claimed.map((e) => e.args.to)).toEqual([wallet.address, wallet.address]);
    // Claimed once: the same claim again finds no open gift.
    expect(await claimRevert(gifts, attestation)).toBe("UnknownGift");
    await indexed();
    const after = await api(app, "GET", "/v1/me/x/gifts", { headers: aliceSession });
    expect(after.body.gifts).toEqual([]);
  });
});

describe("rotating the verifier key", () => {
  const newKey = generatePrivateKey();
  const newVerifier = privateKeyToAccount(newKey).address;
  const oldVerifier = devAccounts.verifier.address as Address;

  async function setRole(fn: "grantRole" | "revokeRole", account: Address) {
    const role = await chain.client.readContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "VERIFIER_ROLE",
    });
    const hash = await chain.admin.writeContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: fn,
      args: [role, account],
      chain: hardhat,
      account: chain.admin.account ?? null,
    });
    await chain.client.waitForTransactionReceipt({ hash });
  }

  it("grant the new key, switch, revoke the old: old attestations die, the new key's work", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const user = await signIn(app);
    const carolSession = await signInWithX(app, "carol");
    const carolId = (await api(app, "GET", "/v1/me", { headers: carolSession })).body.id as string;
    // Carol's wallet, as a SIWE link records it (the API path is exercised above).
    await app.pool.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2)", [
      wallet.address,
      carolId,
    ]);
    await creditUser(app.pool, user.userId, 10n * BOON);
    const res = await api(app, "POST", "/v1/gifts", {
      body: { kind: "x", to: "@carol", amount: (2n * BOON).toString() },
      headers: { ...user.headers, "idempotency-key": "rotation-gift-1" },
    });
    expect(res.status).toBe(201);
    await drain(worker, app.pool);
    await indexed();
    const open = (await api(app, "GET", "/v1/me/x/gifts", { headers: carolSession })).body
      .gifts as OpenGift[];
    expect(open).toHaveLength(1);

    const deps = {
      pool: app.pool,
      config: app.config,
      chainClient: app.deps.chainClient,
      contracts: app.deps.social.contracts,
    };
    const request = {
      userId: carolId,
      to: { wallet: wallet.address },
      giftIds: [],
      requestId: undefined,
    };
    const beforeRotation = await issueAttestation({ ...deps, signer: app.deps.verifier }, request);
    expect(beforeRotation.verifier).toBe(oldVerifier);

    // 1. Grant the new key. 2. Switch the backend to it (here: its signer). 3. Revoke the old one.
    await setRole("grantRole", newVerifier);
    expect(await checkVerifierRole(chain.client, chain.contracts.giftVault, newVerifier)).toEqual({
      ok: true,
    });
    await setRole("revokeRole", oldVerifier);

    const check = await checkVerifierRole(chain.client, chain.contracts.giftVault, oldVerifier);
    expect(check.ok).toBe(false);
    // Handed out before the rotation and still before its deadline, yet refused by the vault.
    expect(await claimRevert(open, beforeRotation)).toBe("InvalidSignature");
    const afterRotation = await issueAttestation(
      { ...deps, signer: localKeySigner(newKey) },
      request,
    );
    expect(afterRotation.verifier).toBe(newVerifier);
    expect((await claim(open, afterRotation)).status).toBe("success");
    expect(await chain.balanceOf(wallet.address)).toBe(2n * BOON);
  });

  it("the backend refuses to start with a key that is not a verifier", async () => {
    const run = await runMain({
      DATABASE_URL: app.databaseUrl,
      PORT: String(await freePort()),
      RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      GIFT_VAULT_ADDRESS: chain.contracts.giftVault,
      BOON_TOKEN_ADDRESS: chain.contracts.boonToken,
      VERIFIER_PRIVATE_KEY: devAccounts.verifier.privateKey, // revoked above
      DELIVERY_WORKER: "off",
      ONCHAIN_EVENTS: "off",
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`${oldVerifier} does not hold VERIFIER_ROLE`);
  });
});

/** `node src/main.ts` until it exits (or 30 s). */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const main = path.join(path.dirname(fileURLToPath(import.meta.url)), "../main.ts");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
