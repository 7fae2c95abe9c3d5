import { type Address, getAddress, isAddress } from "viem";
// zod/mini: this schema also validates the dApp's build config, where every kilobyte counts.
import * as z from "zod/mini";

const address = z.pipe(
  z.string().check(z.refine((value) => isAddress(value, { strict: false }), "must be an address")),
  z.transform((value: string) => getAddress(value) as Address),
);

/** The deployments file of one chain, as the deploy step writes it and every reader checks it. */
export const deploymentSchema = z.object({
  chainId: z.int().check(z.positive()),
  /** First block any Boon contract exists in: where indexers start. */
  startBlock: z.int().check(z.nonnegative()),
  deployedAt: z.optional(z.string()),
  contracts: z.object({ boonToken: address, giftVault: address, rewardDistributor: address }),
});

/** What the deploy step writes for one chain and every other part of the stack reads. */
export type Deployment = z.output<typeof deploymentSchema>;

/** The problems of a parsed deployments file, one line each (empty when it is valid). */
export function deploymentProblems(value: unknown, source = "deployment"): string[] {
  const result = z.safeParse(deploymentSchema, value);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${source}: ${issue.path.join(".") || "value"} ${issue.message}`,
  );
}

/** Validates a parsed deployments file; throws one error listing every wrong field. */
export function parseDeployment(value: unknown, source = "deployment"): Deployment {
  const result = z.safeParse(deploymentSchema, value);
  if (!result.success) throw new Error(deploymentProblems(value, source).join("; "));
  return result.data;
}
