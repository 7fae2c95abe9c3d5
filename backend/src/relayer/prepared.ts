import type { Address } from "viem";
import type { CallArgs, Destination, RelayKind } from "./relay-claims.repository.ts";

/** A claim that passed its own checks (gifts, signatures, who may ask), ready to simulate. */
export type PreparedClaim = {
  kind: RelayKind;
  destination: Destination;
  recipient: Address;
  giftIds: bigint[];
  callArgs: CallArgs;
  amount: bigint;
  attestationId: string | null;
};
