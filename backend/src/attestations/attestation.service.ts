// The social verifier: signs `SocialClaim(socialId, wallet, deadline)` (contracts/README.md) so the
// GiftVault pays the open gifts of an X account to a wallet. Only ever for the signed-in user's
// own linked X account (the API never takes a social id) and a wallet that user proved by SIWE, or
// Boon's custody address when the gifts are to become Boon credits; with a short deadline. Every
// attestation is stored (audit, and a credits claim's intent), audited and written as an event in
// the transaction that signs it.
import { compactSignature, giftVaultDomain, socialClaimTypes } from "@boon/contracts";
import { type Address, getAddress, type PublicClient, parseSignature } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { Config } from "../config.ts";
import type { Contracts } from "../contracts.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { unavailable, unprocessable } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { findXAccountOfUser } from "../social/x-accounts.repository.ts";
import { xNotLinked } from "../social/x-tokens.ts";
import { isWalletOf } from "../users/user.repository.ts";
import { insertAttestation, type NewAttestation } from "./attestations.repository.ts";
import type { AttestationSigner } from "./signer.ts";

export type AttestationDeps = {
  pool: Pool;
  config: Config;
  signer: AttestationSigner;
  chainClient: PublicClient | undefined;
  contracts(): Promise<Contracts>;
};

export type AttestationRequest = {
  userId: string;
  /** A wallet the user proved by SIWE, or Boon's custody address ("credits"). */
  to: { wallet: Address } | { credits: true };
  giftIds: bigint[];
  requestId: string | undefined;
};

/** Boon's custody address: where claims into credits pay (the delivery treasury's address). */
export const custodyAddress = (config: Config) =>
  privateKeyToAddress(config.delivery.treasuryPrivateKey);

export async function issueAttestation(deps: AttestationDeps, request: AttestationRequest) {
  const contracts = await deps.contracts().catch(() => {
    throw unavailable("contracts_unknown", "The GiftVault's address is not known yet");
  });
  const deadline = BigInt(
    (await chainNow(deps.chainClient)) + deps.config.social.verifier.attestationTtlSeconds,
  );
  const destination = "wallet" in request.to ? ("wallet" as const) : ("credits" as const);
  const wallet =
    "wallet" in request.to ? getAddress(request.to.wallet) : custodyAddress(deps.config);
  const domain = giftVaultDomain(deps.config.chainId, contracts.giftVault);
  return withTransaction(deps.pool, async (db) => {
    // Locked: an unlink racing this signature waits, or wins and leaves nothing to sign for.
    const account = await findXAccountOfUser(db, request.userId, { lock: true });
    if (!account) throw xNotLinked();
    if (destination === "wallet" && !(await isWalletOf(db, request.userId, wallet)))
      throw unprocessable(
        "wallet_not_linked",
        "Attestations name only wallets you proved are yours: link this wallet first (sign in with it)",
      );
    const message = { socialId: account.socialId, wallet, deadline };
    const signature = await deps.signer.signTypedData({
      domain,
      types: socialClaimTypes,
      primaryType: "SocialClaim",
      message,
    });
    const stored = {
      userId: request.userId,
      xUserId: account.xUserId,
      socialId: account.socialId,
      wallet,
      destination,
      giftIds: request.giftIds,
      deadline,
      chainId: deps.config.chainId,
      vault: contracts.giftVault,
      verifier: deps.signer.address,
      signature: signature.toLowerCase(),
      requestId: request.requestId,
    };
    const id = await insertAttestation(db, stored);
    await audited(db, id, stored);
    return view(id, stored, signature);
  });
}

async function audited(db: PoolClient, id: string, a: NewAttestation) {
  const details = {
    xUserId: a.xUserId,
    socialId: a.socialId,
    wallet: a.wallet,
    destination: a.destination,
    deadline: a.deadline.toString(),
    verifier: a.verifier,
    giftIds: a.giftIds.map(String),
  };
  await recordAudit(db, {
    actorUserId: a.userId,
    action: "x.attestation_signed",
    subjectType: "attestation",
    subjectId: id,
    details,
    ...(a.requestId ? { requestId: a.requestId } : {}),
  });
  await appendEvent(db, {
    type: "x.attestation_issued",
    subject: { type: "attestation", id },
    userId: a.userId,
    payload: details,
  });
}

function view(id: string, a: NewAttestation, signature: `0x${string}`) {
  parseSignature(signature); // a signer returning anything but a 65-byte signature is a bug
  return {
    id,
    socialId: a.socialId,
    wallet: a.wallet,
    destination: a.destination,
    deadline: a.deadline.toString(),
    expiresAt: new Date(Number(a.deadline) * 1000).toISOString(),
    signature,
    /** The EIP-2098 form claimSocial / claimSocialBatch take. */
    compact: compactSignature(signature),
    verifier: a.verifier,
    chainId: a.chainId,
    vault: a.vault,
  };
}

/** Chain time when the chain answers (it may run ahead of the clock), else the clock. */
async function chainNow(client: PublicClient | undefined): Promise<number> {
  const clock = Math.floor(Date.now() / 1000);
  if (!client) return clock;
  try {
    const block = await client.getBlock({ blockTag: "latest" });
    return Math.max(clock, Number(block.timestamp));
  } catch {
    return clock;
  }
}
