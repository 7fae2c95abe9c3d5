import { GiftKind } from "@boon/contracts";
import { type Address, getAddress, isAddress } from "viem";
import { parseBoon } from "./amount.ts";
import { parseRecipient, type Recipient } from "./recipient.ts";

/** An X recipient as typed (resolved before sending); `line` names it in errors. */
export type XBatchEntry = {
  kind: typeof GiftKind.Social;
  x: Extract<Recipient, { kind: "x" }>;
  line: number;
  amount: bigint;
};

export type BatchEntry =
  | { kind: typeof GiftKind.Address; to: Address; amount: bigint }
  | { kind: typeof GiftKind.Link; amount: bigint }
  | XBatchEntry;

export type ParsedBatch =
  | { ok: true; entries: BatchEntry[]; total: bigint }
  | { ok: false; errors: string[] };

export const MAX_BATCH = 100;

/**
 * A pasted list or CSV, one gift a line: `recipient, amount`, where recipient is an address, the
 * word `link` (a claim link is made for it), or an X account (`@handle`, `x.com/handle`, or a post
 * link, whose author receives it; looked up before sending by `resolveBatch`). Commas, semicolons or tabs separate; a header row and
 * blank lines are skipped. Every bad line is reported by its number.
 */
export function parseBatch(text: string): ParsedBatch {
  const entries: BatchEntry[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const row = line.trim();
    if (row === "" || row.startsWith("#")) return;
    const cells = row.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, ""));
    const [recipient = "", amountText = "", ...rest] = cells;
    if (index === 0 && /^(recipient|address|to)$/i.test(recipient)) return;
    const where = `Line ${index + 1}`;
    if (rest.some((cell) => cell !== "")) {
      errors.push(`${where}: expected "recipient, amount".`);
      return;
    }
    const amount = parseBoon(amountText);
    if (!amount.ok) {
      errors.push(`${where}: ${amount.message}`);
      return;
    }
    if (recipient.toLowerCase() === "link") {
      entries.push({ kind: GiftKind.Link, amount: amount.value });
    } else if (isAddress(recipient, { strict: false })) {
      entries.push({ kind: GiftKind.Address, to: getAddress(recipient), amount: amount.value });
    } else {
      const parsed = /^0x/i.test(recipient) ? null : parseRecipient(recipient);
      if (parsed?.ok && parsed.recipient.kind === "x") {
        const x = parsed.recipient;
        entries.push({ kind: GiftKind.Social, x, line: index + 1, amount: amount.value });
      } else {
        errors.push(
          `${where}: "${recipient}" is not an address, "link", an @handle or an x.com link.`,
        );
      }
    }
  });
  if (errors.length === 0 && entries.length === 0) errors.push("Add at least one line.");
  if (entries.length > MAX_BATCH) errors.push(`At most ${MAX_BATCH} gifts in one batch.`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entries, total: entries.reduce((sum, entry) => sum + entry.amount, 0n) };
}
