import { batchGiftIds, boonTokenAbi, giftVaultAbi } from "@boon/contracts";
import { type Address, type Hex, parseEventLogs, zeroAddress } from "viem";
import type { Boon } from "./actions.ts";

/** A gift as the chain's send events say, in the indexer's terms. */
export type CanonicalGift = {
  sentTx: Hex;
  entry: number;
  giftId: string | null;
  sender: Address;
  amount: string;
};

/** What the canonical chain says, read straight from its logs and state. */
export async function canonical(boon: Boon) {
  const { client, deployment } = boon;
  const fromBlock = BigInt(deployment.startBlock);
  const sends = parseEventLogs({
    abi: giftVaultAbi,
    eventName: ["GiftDelivered", "SocialGiftSent", "LinkGiftSent", "GiftsSent"],
    logs: await client.getLogs({ address: deployment.contracts.giftVault, fromBlock }),
  });
  const transfers = await client.getContractEvents({
    address: deployment.contracts.boonToken,
    abi: boonTokenAbi,
    eventName: "Transfer",
    fromBlock,
  });
  const holders = new Set<Address>();
  for (const t of transfers) {
    holders.add(t.args.from as Address);
    holders.add(t.args.to as Address);
  }
  holders.delete(zeroAddress);
  const balances = new Map<string, bigint>();
  for (const holder of holders) {
    const balance = await client.readContract({
      address: deployment.contracts.boonToken,
      abi: boonTokenAbi,
      functionName: "balanceOf",
      args: [holder],
    });
    balances.set(holder.toLowerCase(), balance);
  }
  const gifts: CanonicalGift[] = sends.flatMap((log) => {
    const sender = (log.args.sender as Address).toLowerCase() as Address;
    const gift = (
      entry: number,
      giftId: bigint | null | undefined,
      amount: bigint | undefined,
    ) => ({
      sentTx: log.transactionHash,
      entry,
      giftId: giftId == null ? null : String(giftId),
      sender,
      amount: String(amount),
    });
    if (log.eventName !== "GiftsSent") {
      return [gift(0, "giftId" in log.args ? log.args.giftId : null, log.args.amount)];
    }
    const ids = batchGiftIds(sender, log.args.salt, log.args.gifts);
    return log.args.gifts.map((request, entry) => gift(entry, ids[entry], request.amount));
  });
  return {
    gifts,
    transfers: transfers.map((log) => ({
      txHash: log.transactionHash,
      from: (log.args.from as Address).toLowerCase(),
      to: (log.args.to as Address).toLowerCase(),
      amount: String(log.args.value),
    })),
    balances,
  };
}
