import { readDeployment } from "@boon/contracts/deployments";
import { type Address, getAddress } from "viem";
import type { Config } from "./config.ts";

/** The deployed Boon contracts the backend calls: app-wide, read by delivery, X gifts and the verifier. */
export type Contracts = { boonToken: Address; giftVault: Address };

/**
 * The contract addresses: from the environment (BOON_TOKEN_ADDRESS and GIFT_VAULT_ADDRESS), else
 * from the chain's deployments file; throws while neither says. Checksummed: rows store the vault
 * this way and refunds are matched on it exactly.
 */
export function contractsOf(config: Config): Contracts {
  const { boonToken, giftVault } = config.contracts ?? readDeployment(config.chainId).contracts;
  return { boonToken: getAddress(boonToken), giftVault: getAddress(giftVault) };
}
