import type { Hash } from "viem";

/** What was just sent: what and to whom, its transaction, and the claim links (their key finds the gift). */
export type Created = {
  headline: string;
  txHash?: Hash;
  links: { url: string; amount: bigint }[];
  note?: string;
  /** A gift to an X account: the reply the sender may post to tell the recipient. */
  x?: { handle: string; intentUrl: string };
  /** A batch's gifts to X accounts: one ready-made reply each. */
  xReplies?: { handle: string; intentUrl: string }[];
};

export type SendMode = "single" | "batch";
export type PayWith = "wallet" | "credits";
export type FormErrors = Partial<Record<string, string>>;
