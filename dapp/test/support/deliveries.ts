import type { Delivery } from "../../src/api/deliveries.ts";

/** A queued withdrawal of 2.5 BOON to Bob, as the dApp reads it; `patch` makes it any other. */
export const deliveryOf = (patch: Partial<Delivery>): Delivery => ({
  id: "d1",
  type: "withdrawal",
  giftKind: null,
  status: "queued",
  amount: 2_500_000_000_000_000_000n,
  recipient: "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
  recipientLabel: null,
  message: "",
  txHash: null,
  giftId: null,
  failure: null,
  createdAt: "2026-11-22T00:00:00.000Z",
  ...patch,
});
