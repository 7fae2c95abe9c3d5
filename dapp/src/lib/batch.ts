import { GiftKind } from "@boon/contracts";
import { type Address, getAddress, isAddress } from "viem";
import { parseBoon } from "./amount.ts";

export type BatchEntry =
  | { kind: typeof GiftKind.Address; to: Address; amount: bigint }
  | { kind: typeof GiftKind.Link; amount: bigint };

export type ParsedBatch =
  | { ok: true; entries: BatchEntry[]; total: bigint }
  | { ok: false; errors: string[] };

export const MAX_BATCH = 100;

/**
 * A pasted list or CSV, one gift a line: `recipient, amount`, where recipient is an address or the
 * word `link` (a claim link is made for it). Commas, semicolons or tabs separate; a header row and
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
      errors.push(`${where}: "${recipient}" is not an address or "link".`);
    }
  });
  if (errors.length === 0 && entries.length === 0) errors.push("Add at least one line.");
  if (entries.length > MAX_BATCH) errors.push(`At most ${MAX_BATCH} gifts in one batch.`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entries, total: entries.reduce((sum, entry) => sum + entry.amount, 0n) };
}
