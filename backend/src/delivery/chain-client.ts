import { boonTokenAbi, giftVaultAbi } from "@boon/contracts";
import {
  BaseError,
  createPublicClient,
  decodeErrorResult,
  type Hex,
  http,
  type PublicClient,
  RawContractError,
} from "viem";

/**
 * A public client for the worker: no response caching (the block number must be fresh every tick),
 * JSON-RPC batching and a few quick transport retries; the worker retries anything that still fails.
 */
export function deliveryChainClient(rpcUrl: string): PublicClient {
  return createPublicClient({
    cacheTime: 0,
    // Concurrent calls (receipt checks) share one HTTP request as a JSON-RPC batch.
    transport: http(rpcUrl, {
      batch: { batchSize: 50, wait: 0 },
      timeout: 10_000,
      retryCount: 2,
      retryDelay: 50,
    }),
  }) as PublicClient;
}

const ERROR_ABI = [...giftVaultAbi, ...boonTokenAbi].filter((item) => item.type === "error");

/** A short, human-readable reason from a revert (custom error name and arguments when known). */
export function revertReason(error: unknown): { code: string; reason: string } {
  const data =
    error instanceof BaseError
      ? (error.walk((e) => e instanceof RawContractError) as RawContractError | null)?.data
      : undefined;
  if (typeof data === "string" && data.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: ERROR_ABI, data: data as Hex });
      const args = (decoded.args ?? []).map((arg) => String(arg)).join(", ");
      return { code: "reverted", reason: `${decoded.errorName}(${args})` };
    } catch {
      return { code: "reverted", reason: `reverted with data ${data.slice(0, 74)}` };
    }
  }
  const message = error instanceof BaseError ? error.shortMessage : String(error);
  return { code: "reverted", reason: message.slice(0, 300) };
}

/** Whether an RPC error says the node already has (or has mined) this transaction or nonce. */
export function isAlreadyKnown(error: unknown): boolean {
  const text = errorText(error).toLowerCase();
  return (
    text.includes("already known") ||
    text.includes("known transaction") ||
    text.includes("already imported") ||
    text.includes("nonce too low") ||
    text.includes("is lower than the current nonce")
  );
}

export function errorText(error: unknown): string {
  if (error instanceof BaseError) return `${error.shortMessage} ${error.details ?? ""}`.trim();
  return error instanceof Error ? error.message : String(error);
}
