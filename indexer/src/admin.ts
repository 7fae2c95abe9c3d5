import type { Context } from "ponder:registry";
import { adminEvent, contractState, roleMember } from "ponder:schema";
import type { Hex } from "viem";
import { roleName } from "./logic/roles.ts";

// Administrative events are rare: they are logged as they come and folded into small state tables.

type Db = Context["db"];

export type LogMeta = {
  /** Ponder's `event.id`. */
  id: string;
  contract: Hex;
  blockNumber: bigint;
  timestamp: bigint;
  txHash: Hex;
  logIndex: number;
};

/** Event arguments as JSON: integers become decimal strings. */
export function jsonArgs(args: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    out[key] = typeof value === "boolean" ? value : String(value);
  }
  return out;
}

export async function logAdminEvent(
  db: Db,
  meta: LogMeta,
  name: string,
  args: Record<string, unknown>,
): Promise<void> {
  await db.insert(adminEvent).values({
    id: meta.id,
    contract: meta.contract,
    name,
    args: jsonArgs(args),
    blockNumber: meta.blockNumber,
    timestamp: meta.timestamp,
    txHash: meta.txHash,
  });
}

export async function setRole(
  db: Db,
  meta: LogMeta,
  args: { role: Hex; account: Hex; sender: Hex },
  active: boolean,
): Promise<void> {
  await logAdminEvent(db, meta, active ? "RoleGranted" : "RoleRevoked", args);
  const accountAddress = args.account.toLowerCase() as Hex;
  await db
    .insert(roleMember)
    .values({
      contract: meta.contract,
      role: roleName(args.role),
      account: accountAddress,
      active,
      updatedBlock: meta.blockNumber,
    })
    .onConflictDoUpdate({ active, updatedBlock: meta.blockNumber });
}

export async function setPaused(
  db: Db,
  meta: LogMeta,
  args: { account: Hex },
  paused: boolean,
): Promise<void> {
  await logAdminEvent(db, meta, paused ? "Paused" : "Unpaused", args);
  await db
    .insert(contractState)
    .values({ contract: meta.contract, paused, updatedBlock: meta.blockNumber })
    .onConflictDoUpdate({ paused, updatedBlock: meta.blockNumber });
}

/** The fields of a Ponder event that every admin handler needs. */
export function metaOf(event: {
  id: string;
  log: { address: Hex; logIndex: number };
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
}): LogMeta {
  return {
    id: event.id,
    contract: event.log.address.toLowerCase() as Hex,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  };
}
