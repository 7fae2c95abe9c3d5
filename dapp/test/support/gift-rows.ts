import { type GiftRow, UNSETTLED } from "../../src/api/gift-row.ts";

export const alice = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
export const bob = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

/** A delivered 5 BOON address gift from Alice to Bob, as the indexer has it; `patch` makes any other. */
export const giftRowOf = (patch: Partial<GiftRow>): GiftRow => ({
  eventId: "1",
  entry: 0,
  giftId: null,
  kind: "address",
  token: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  sender: alice.toLowerCase() as `0x${string}`,
  recipient: bob.toLowerCase() as `0x${string}`,
  amount: 5_000_000_000_000_000_000n,
  expiry: null,
  context: null,
  message: "",
  status: "delivered",
  claimedBy: null,
  relayer: null,
  sentBlock: 1n,
  sentTimestamp: 1_800_000_000n,
  sentTx: "0x01",
  ...UNSETTLED,
  ...patch,
});
