import { boonTokenAbi, giftVaultAbi } from "@boon/contracts";
import { act, renderHook, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hash,
} from "viem";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NoticesProvider } from "../app/notices.tsx";
import { TransactionFailed, useTransaction } from "./use-transaction.ts";

const receipt = vi.fn();
vi.mock("wagmi", () => ({ usePublicClient: () => ({ waitForTransactionReceipt: receipt }) }));

const hash = `0x${"ab".repeat(32)}` as Hash;
const spender = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const wrapper = ({ children }: { children: ReactNode }) => (
  <NoticesProvider>{children}</NoticesProvider>
);
const notices = () => screen.getByRole("list", { name: "Notices" }).textContent ?? "";
const errors = () => screen.getByRole("list", { name: "Errors" }).textContent ?? "";

beforeEach(() => receipt.mockReset());

describe("useTransaction", () => {
  it("goes from wallet to pending (with the hash) to confirmed", async () => {
    let release: (value: unknown) => void = () => {};
    receipt.mockReturnValue(new Promise((resolve) => (release = resolve)));
    const { result } = renderHook(() => useTransaction(), { wrapper });
    let done: Promise<unknown> = Promise.resolve();
    await act(async () => {
      done = result.current("Sending the gift", async () => hash);
    });
    expect(notices()).toContain("Sending the gift: pending");
    expect(notices()).toContain("0xabab…abab");
    expect(screen.getByTitle(hash)).toBeTruthy();
    await act(async () => {
      release({ status: "success", transactionHash: hash });
      await done;
    });
    expect(notices()).toContain("Sending the gift: confirmed");
    expect(receipt).toHaveBeenCalledWith({ hash });
  });

  it("explains a refused transaction with the contract's error in plain words", async () => {
    const data = encodeErrorResult({ abi: giftVaultAbi, errorName: "UnknownGift", args: [9n] });
    const refused = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: giftVaultAbi, data, functionName: "claimLink" }),
      { abi: giftVaultAbi, functionName: "claimLink", args: [] },
    );
    const { result } = renderHook(() => useTransaction(), { wrapper });
    await act(async () => {
      await expect(result.current("Claiming", () => Promise.reject(refused))).rejects.toBe(refused);
    });
    expect(errors()).toContain("Claiming: the transaction was refused");
    expect(errors()).toContain("This gift does not exist or has already been claimed or refunded.");
    expect(receipt).not.toHaveBeenCalled();
  });

  it("reports a transaction reverted on chain", async () => {
    receipt.mockResolvedValue({ status: "reverted", transactionHash: hash });
    const { result } = renderHook(() => useTransaction(), { wrapper });
    await act(async () => {
      await expect(result.current("Refunding", async () => hash)).rejects.toBeInstanceOf(
        TransactionFailed,
      );
    });
    expect(errors()).toContain("Refunding: failed");
  });

  it("offers the approval an allowance error asks for, and runs it", async () => {
    const data = encodeErrorResult({
      abi: boonTokenAbi,
      errorName: "ERC20InsufficientAllowance",
      args: [spender, 0n, 10n ** 18n],
    });
    const refused = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: boonTokenAbi, data, functionName: "transferFrom" }),
      { abi: boonTokenAbi, functionName: "transferFrom", args: [] },
    );
    receipt.mockResolvedValue({ status: "success", transactionHash: hash, logs: [] });
    const approve = vi.fn(async () => hash);
    const { result } = renderHook(() => useTransaction({ approve }), { wrapper });
    await act(async () => {
      await expect(result.current("Sending the gift", () => Promise.reject(refused))).rejects.toBe(
        refused,
      );
    });
    expect(errors()).toContain("The vault may spend 0 BOON but needs 1. Approve more and retry.");
    await act(async () => {
      screen.getByRole("button", { name: "Approve 1 BOON" }).click();
    });
    expect(approve).toHaveBeenCalledWith(10n ** 18n);
    expect(notices()).toContain("Approving BOON: confirmed");
  });
});
