import type { Queryable } from "../db/pool.ts";

export type NewAttestation = {
  userId: string;
  xUserId: string;
  socialId: `0x${string}`;
  wallet: `0x${string}`;
  destination: "wallet" | "credits";
  giftIds: bigint[];
  deadline: bigint;
  chainId: number;
  vault: `0x${string}`;
  verifier: `0x${string}`;
  signature: string;
  requestId: string | undefined;
};

/** Records a signed attestation (the audit of the verifier, and a credits claim's intent). */
export async function insertAttestation(db: Queryable, a: NewAttestation): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO social_attestations (user_id, x_user_id, social_id, wallet, destination, gift_ids,
       deadline, chain_id, vault, verifier, signature, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      a.userId,
      a.xUserId,
      a.socialId,
      a.wallet,
      a.destination,
      a.giftIds.map(String),
      a.deadline.toString(),
      a.chainId,
      a.vault,
      a.verifier,
      a.signature,
      a.requestId ?? null,
    ],
  );
  return (rows[0] as { id: string }).id;
}
