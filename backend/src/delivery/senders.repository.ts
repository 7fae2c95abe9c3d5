import type { Queryable } from "../db/pool.ts";

type Row = Record<string, unknown>;

export type Sender = {
  address: `0x${string}`;
  chainId: number;
  nextNonce: bigint;
  floatAvailable: bigint;
  approvedVault: `0x${string}` | null;
};

/**
 * Creates the sender's row at `chainNonce` if missing and raises its next nonce to `chainNonce`
 * (a key also used elsewhere must never make us reuse a nonce). Run at worker start.
 */
export async function syncSender(
  db: Queryable,
  address: string,
  chainId: number,
  chainNonce: bigint,
): Promise<void> {
  await db.query(
    `INSERT INTO delivery_senders (address, chain_id, next_nonce) VALUES ($1, $2, $3)
     ON CONFLICT (address, chain_id) DO UPDATE
       SET next_nonce = GREATEST(delivery_senders.next_nonce, EXCLUDED.next_nonce), updated_at = now()`,
    [address, chainId, chainNonce.toString()],
  );
}

/** The sender's row, locked for the rest of the transaction (one signer at a time per key). */
export async function lockSender(db: Queryable, address: string, chainId: number): Promise<Sender> {
  const { rows } = await db.query(
    `SELECT address, chain_id, next_nonce, float_available::text AS float_available, approved_vault
       FROM delivery_senders WHERE address = $1 AND chain_id = $2 FOR UPDATE`,
    [address, chainId],
  );
  const row = rows[0] as Row | undefined;
  if (!row) throw new Error(`delivery sender ${address} is not initialised`);
  return {
    address: row.address as `0x${string}`,
    chainId: row.chain_id as number,
    nextNonce: row.next_nonce as bigint,
    floatAvailable: BigInt(row.float_available as string),
    approvedVault: row.approved_vault as `0x${string}` | null,
  };
}

export async function updateSender(
  db: Queryable,
  s: Pick<Sender, "address" | "chainId" | "nextNonce" | "floatAvailable" | "approvedVault">,
): Promise<void> {
  await db.query(
    `UPDATE delivery_senders SET next_nonce = $3, float_available = $4, approved_vault = $5, updated_at = now()
      WHERE address = $1 AND chain_id = $2`,
    [s.address, s.chainId, s.nextNonce.toString(), s.floatAvailable.toString(), s.approvedVault],
  );
}

/** Adds `delta` to the sender's float (tokens back from a refund or an unspent failed gift). */
export async function adjustFloat(
  db: Queryable,
  sender: { address: string; chainId: number },
  delta: bigint,
): Promise<void> {
  await db.query(
    `UPDATE delivery_senders SET float_available = float_available + $3, updated_at = now()
      WHERE address = $1 AND chain_id = $2`,
    [sender.address, sender.chainId, delta.toString()],
  );
}

export async function clearApprovedVault(
  db: Queryable,
  sender: { address: string; chainId: number },
): Promise<void> {
  await db.query(
    "UPDATE delivery_senders SET approved_vault = NULL, updated_at = now() WHERE address = $1 AND chain_id = $2",
    [sender.address, sender.chainId],
  );
}
