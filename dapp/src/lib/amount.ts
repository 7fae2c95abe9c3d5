import { formatUnits, parseUnits } from "viem";

export const BOON_DECIMALS = 18;

/** A token amount for people: grouped thousands, at most `maxFraction` decimals, never a float. */
export function formatBoon(value: bigint, maxFraction = 4): string {
  const negative = value < 0n;
  const [whole = "0", fraction = ""] = formatUnits(negative ? -value : value, BOON_DECIMALS).split(
    ".",
  );
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = fraction.slice(0, maxFraction).replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

export type ParsedAmount = { ok: true; value: bigint } | { ok: false; message: string };

/** Parses what a person typed ("12.5", "1,000") into base units, with a reason when it is not an amount. */
export function parseBoon(input: string): ParsedAmount {
  const text = input.trim().replace(/[,_\s]/g, "");
  if (text === "") return { ok: false, message: "Enter an amount." };
  if (!/^\d*\.?\d*$/.test(text) || text === ".") {
    return { ok: false, message: "Use digits and at most one decimal point." };
  }
  const fraction = text.split(".")[1] ?? "";
  if (fraction.length > BOON_DECIMALS) {
    return { ok: false, message: `At most ${BOON_DECIMALS} decimal places.` };
  }
  const value = parseUnits(text, BOON_DECIMALS);
  if (value === 0n) return { ok: false, message: "The amount must be more than zero." };
  return { ok: true, value };
}

/** Integer cents as money text, e.g. 12345 -> "$123.45". */
export function formatCents(cents: number, currency = "USD"): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const symbol = currency === "USD" ? "$" : `${currency} `;
  return `${sign}${symbol}${whole}.${(abs % 100).toString().padStart(2, "0")}`;
}
