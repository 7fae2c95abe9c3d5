import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "@boon/contracts";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  UserRejectedRequestError,
} from "viem";
import { describe, expect, it } from "vitest";
import { decodeRevert, describeError, errorMessages } from "./contract-errors.ts";

const revert = (errorName: string, args?: readonly unknown[]) => {
  const data = encodeErrorResult({ abi: giftVaultAbi, errorName, args } as never);
  return new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: giftVaultAbi, data, functionName: "claimLink" }),
    { abi: giftVaultAbi, functionName: "claimLink", args: [] },
  );
};

describe("contract errors", () => {
  it("has a sentence for every custom error of the Boon contracts", () => {
    const abis = [...giftVaultAbi, ...boonTokenAbi, ...rewardDistributorAbi];
    const names = abis.filter((item) => item.type === "error").map((item) => item.name);
    expect(names.filter((name) => !(name in errorMessages))).toEqual([]);
  });
  it("decodes raw revert data with the Boon ABIs", () => {
    const data = encodeErrorResult({ abi: giftVaultAbi, errorName: "UnknownGift", args: [5n] });
    expect(decodeRevert(data)).toEqual({ name: "UnknownGift", args: [5n] });
    expect(decodeRevert("0xdeadbeef")).toBeNull();
  });
  it("explains a reverted claim in plain words", () => {
    const described = describeError(revert("GiftExpired", [3n, 1_700_000_000]));
    expect(described.name).toBe("GiftExpired");
    expect(described.message).toMatch(/^This gift expired on .+; it can no longer be claimed/);
    expect(describeError(revert("InvalidSignature")).message).toMatch(/signature does not match/);
  });
  it("says when the user cancelled in the wallet", () => {
    expect(describeError(new UserRejectedRequestError(new Error("no"))).title).toBe("Cancelled");
  });
  it("keeps other errors' messages", () => {
    expect(describeError(new Error("network down"))).toEqual({
      title: "Something went wrong",
      message: "network down",
    });
  });
});
