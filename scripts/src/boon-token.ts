// The BOON set-up senders need before gifting, shared by the demo data and the indexer bench.
import { boonTokenAbi, type Deployment } from "@boon/contracts";
import {
  type Account,
  type Address,
  type Chain,
  type Hex,
  maxUint256,
  type Transport,
  type WalletClient,
} from "viem";

type Sender = WalletClient<Transport, Chain, Account>;
type Contracts = Pick<Deployment["contracts"], "boonToken" | "giftVault">;

/** The treasury (it holds MINTER_ROLE) mints `amount` BOON to `to`; the transaction's hash. */
export function mintBoon(
  treasury: Sender,
  contracts: Contracts,
  to: Address,
  amount: bigint,
): Promise<Hex> {
  return treasury.writeContract({
    address: contracts.boonToken,
    abi: boonTokenAbi,
    functionName: "mint",
    args: [to, amount],
  });
}

/** `owner` lets the GiftVault take any amount of its BOON, so it approves once for good. */
export function approveGiftVault(owner: Sender, contracts: Contracts): Promise<Hex> {
  return owner.writeContract({
    address: contracts.boonToken,
    abi: boonTokenAbi,
    functionName: "approve",
    args: [contracts.giftVault, maxUint256],
  });
}
