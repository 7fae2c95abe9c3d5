import { giftVaultAbi } from "@boon/contracts";
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  encodeFunctionData,
  type Hex,
} from "viem";
import type { CallArgs, Compact, StoredGift } from "./relay-claims.repository.ts";

/** What a relayed claim sends: one GiftVault call, the same for simulation and signing. */
export type ClaimCall = { giftIds: readonly bigint[]; recipient: Address; args: CallArgs };

const giftStruct = (g: StoredGift) => ({ ...g, amount: BigInt(g.amount) });

/**
 * The vault function and arguments: `claimLink` for one link gift (cheaper than a batch of one),
 * `claimLinkBatch` for more, `claimSocialBatch` for social gifts (one attestation for all).
 */
export function claimFunction(call: ClaimCall) {
  const { args } = call;
  const gifts = args.gifts.map(giftStruct);
  if (args.kind === "social") {
    return {
      abi: giftVaultAbi,
      functionName: "claimSocialBatch",
      args: [call.giftIds, gifts, call.recipient, BigInt(args.deadline), args.attestation],
    } as const;
  }
  if (call.giftIds.length === 1) {
    return {
      abi: giftVaultAbi,
      functionName: "claimLink",
      args: [
        call.giftIds[0] as bigint,
        gifts[0] as ReturnType<typeof giftStruct>,
        call.recipient,
        args.signatures[0] as Compact,
      ],
    } as const;
  }
  return {
    abi: giftVaultAbi,
    functionName: "claimLinkBatch",
    args: [call.giftIds, gifts, call.recipient, args.signatures],
  } as const;
}

export function claimCalldata(call: ClaimCall): Hex {
  return encodeFunctionData(claimFunction(call) as Parameters<typeof encodeFunctionData>[0]);
}

/** The vault's custom error name of a failed simulation, if it reverted with one. */
export function revertErrorName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}
