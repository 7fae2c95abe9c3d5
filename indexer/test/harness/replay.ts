import {
  type Abi,
  type AbiEvent,
  decodeEventLog,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
} from "viem";
import type { MemoryDb } from "./memory-db.ts";
import { registrations } from "./registry.ts";

/**
 * A decoded log as Ponder hands it to a handler: `Contract:Event`, its `id` (ordered like the chain,
 * as Ponder's checkpoint ids are), args, block, transaction (with its sender), log.
 */
export type RecordedEvent = {
  name: string;
  id: string;
  args: Record<string, unknown>;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex; from: Hex };
  log: { address: Hex; logIndex: number };
};

export type Where = {
  block: bigint;
  timestamp: bigint;
  tx: Hex;
  logIndex: number;
  address: Hex;
  /** The transaction's sender (a relayer, for claims); the zero address when it does not matter. */
  from?: Hex;
};

/** An event id like Ponder's: fixed-width decimals, so ids sort like the chain's order. */
export function eventIdOf(where: Where): string {
  return `${where.timestamp.toString().padStart(10, "0")}${where.block.toString().padStart(16, "0")}${String(where.logIndex).padStart(16, "0")}`;
}

/**
 * Builds the event a handler receives for `eventName` of `abi`, by encoding `args` into a log and
 * decoding it back like Ponder does (addresses in lower case): arguments that do not fit the real
 * ABI fail here instead of passing a test that the chain would never produce.
 */
export function recordEvent(
  contract: string,
  abi: Abi,
  eventName: string,
  args: Record<string, unknown>,
  where: Where,
): RecordedEvent {
  const item = abi.find((x): x is AbiEvent => x.type === "event" && x.name === eventName);
  if (!item) throw new Error(`${contract} has no event ${eventName}`);
  const topics = encodeEventTopics({ abi: [item], eventName, args } as never);
  const dataInputs = item.inputs.filter((input) => !input.indexed);
  const data = encodeAbiParameters(
    dataInputs,
    dataInputs.map((input) => args[input.name ?? ""]),
  );
  const decoded = decodeEventLog({
    abi: [item],
    topics: topics as [Hex, ...Hex[]],
    data,
    strict: true,
  });
  return {
    name: `${contract}:${eventName}`,
    id: eventIdOf(where),
    args: lowerCaseAddresses(decoded.args as Record<string, unknown>),
    block: { number: where.block, timestamp: where.timestamp },
    transaction: { hash: where.tx, from: (where.from ?? `0x${"0".repeat(40)}`) as Hex },
    log: { address: where.address.toLowerCase() as Hex, logIndex: where.logIndex },
  };
}

function lowerCaseAddresses(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    out[key] =
      typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value) ? value.toLowerCase() : value;
  }
  return out;
}

export type ReplayContext = {
  db: MemoryDb;
  contracts: Record<string, { address: Hex }>;
};

/** Feeds events, in order, to the handlers registered with the fake `ponder:registry`. */
export async function replay(events: RecordedEvent[], context: ReplayContext): Promise<void> {
  for (const event of events) {
    const handler = registrations.get(event.name);
    if (!handler) throw new Error(`no handler registered for ${event.name}`);
    await handler({
      event: event as never,
      context: {
        db: context.db,
        contracts: context.contracts,
        chain: { id: 31337, name: "boon" },
      } as never,
    });
  }
}
