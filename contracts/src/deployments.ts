import type { Address } from "viem";

/** What the deploy step writes for one chain and every other part of the stack reads. */
export type Deployment = {
  chainId: number;
  /** First block any Boon contract exists in: where indexers start. */
  startBlock: number;
  deployedAt: string;
  contracts: {
    boonToken: Address;
    giftVault: Address;
    rewardDistributor: Address;
  };
};

const addressPattern = /^0x[0-9a-fA-F]{40}$/;

/** Validates a parsed deployments file, with a clear error for each wrong field. */
export function parseDeployment(value: unknown, source = "deployment"): Deployment {
  const fail = (why: string): never => {
    throw new Error(`${source}: ${why}`);
  };
  if (typeof value !== "object" || value === null) return fail("not an object");
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.chainId)) fail("chainId must be an integer");
  if (!Number.isSafeInteger(v.startBlock) || (v.startBlock as number) < 0)
    fail("startBlock must be a block number");
  const contracts = (v.contracts ?? {}) as Record<string, unknown>;
  for (const name of ["boonToken", "giftVault", "rewardDistributor"]) {
    if (typeof contracts[name] !== "string" || !addressPattern.test(contracts[name] as string)) {
      fail(`contracts.${name} must be an address`);
    }
  }
  return value as Deployment;
}
