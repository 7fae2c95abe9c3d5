/** What was just sent: the claim links (their key finds the gift) and how many were delivered. */
export type Created = {
  links: { url: string; amount: bigint }[];
  delivered: number;
  note?: string;
  /** A gift to an X account: the reply the sender may post to tell the recipient. */
  x?: { handle: string; intentUrl: string };
};

export type SendMode = "single" | "batch";
export type PayWith = "wallet" | "credits";
export type FormErrors = Partial<Record<string, string>>;
