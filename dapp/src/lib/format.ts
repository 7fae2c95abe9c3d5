/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Unix seconds as a short local date and time. */
export function formatTime(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** "in 3 days" / "2 hours ago", relative to `now` (unix seconds). */
export function relativeTime(seconds: bigint | number, now: number = Date.now() / 1000): string {
  const delta = Number(seconds) - now;
  const abs = Math.abs(delta);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (abs >= size) return format.format(Math.round(delta / size), unit);
  }
  return format.format(Math.round(delta), "second");
}

/** A gift id for people: escrowed gift ids are 256-bit hashes, shown by their ends. */
export function shortGiftId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/** A 66-character transaction hash as 0x1234…abcd (the full hash stays a copy away). */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 6)}…${hash.slice(-4)}` : hash;
}
