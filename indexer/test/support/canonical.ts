import { boonTokenAbi, giftVaultAbi } from "@boon/contracts";
import type { Address } from "viem";
import type { Boon } from "./actions.ts";

/** What the canonical chain says, read straight from its logs and state. */
export async function canonical(boon: Boon) {
  const { client, deployment } = boon;
  const fromBlock = BigInt(deployment.startBlock);
  const sent = await client.getContractEvents({
    address: deployment.contracts.giftVault,
    abi: giftVaultAbi,
    eventName: "GiftSent",
    fromBlock,
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
  holders.delete("0x0000000000000000000000000000000000000000");
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
  return {
    gifts: sent.map((log) => ({
      id: String(log.args.giftId),
      sender: (log.args.sender as Address).toLowerCase(),
      amount: String(log.args.amount),
      sentTx: log.transactionHash,
    })),
    transfers: transfers.map((log) => ({
      id: `${log.transactionHash}-${log.logIndex}`,
      amount: String(log.args.value),
    })),
    balances,
  };
}
