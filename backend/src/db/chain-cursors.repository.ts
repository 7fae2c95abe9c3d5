import type { Queryable } from "../db/pool.ts";

/** How far a log scanner has read, per chain and contract. */
export async function readCursor(db: Queryable, name: string): Promise<bigint | undefined> {
  const { rows } = await db.query<{ block_number: bigint }>(
    "SELECT block_number FROM chain_cursors WHERE name = $1",
    [name],
  );
  return rows[0]?.block_number;
}

export async function writeCursor(db: Queryable, name: string, block: bigint): Promise<void> {
  await db.query(
    `INSERT INTO chain_cursors (name, block_number) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET block_number = GREATEST(chain_cursors.block_number, EXCLUDED.block_number), updated_at = now()`,
    [name, block.toString()],
  );
}
