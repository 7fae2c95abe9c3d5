export { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "./abis.ts";
export { devAccounts } from "./accounts.ts";
export { parseXPostUrl, xPostContext, xPostIdOf } from "./context.ts";
export { type Deployment, parseDeployment } from "./deployments.ts";
export {
  addressKey,
  type EscrowedGift,
  GiftKind,
  giftCommitment,
  giftVaultDomain,
  linkClaimTypes,
  permitTypes,
  rewardDistributorDomain,
  rewardVoucherTypes,
  socialClaimTypes,
  socialId,
} from "./eip712.ts";
