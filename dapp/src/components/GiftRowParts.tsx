import { formatBoon } from "../lib/amount.ts";

/** A gift's amount at the end of its row: + coming in, − going out. */
export function GiftAmount({ direction, amount }: { direction: "in" | "out"; amount: bigint }) {
  return (
    <p className={`gift-amount gift-amount-${direction}`}>
      {direction === "in" ? "+" : "−"}
      {formatBoon(amount)} <span className="unit">BOON</span>
    </p>
  );
}

/** " · X post": the post a gift answers, after the row's other details. */
export function XPostLink({ href }: { href: string }) {
  return (
    <>
      {" · "}
      <a href={href} target="_blank" rel="noreferrer">
        X post
      </a>
    </>
  );
}
