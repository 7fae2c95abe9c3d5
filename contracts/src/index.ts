export { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "./abis.ts";
export { devAccounts } from "./accounts.ts";
export { localChain, localRpcUrl } from "./chain.ts";
export { xPostContext, xPostIdOf } from "./context.ts";
export {
  type Deployment,
  deploymentProblems,
  deploymentSchema,
  parseDeployment,
} from "./deployments.ts";
export {
  compactSignature,
  giftVaultDomain,
  linkClaimTypes,
  permitTypes,
  rewardDistributorDomain,
  rewardVoucherTypes,
  signLinkClaim,
  signRewardVoucher,
  signSocialClaim,
  socialClaimTypes,
  type TypedDataSigner,
} from "./eip712.ts";
export {
  addressKey,
  batchGiftIds,
  type EscrowedGift,
  escrowedGift,
  GiftKind,
  type GiftKindName,
  giftCommitment,
  giftIdOf,
  giftKindName,
  giftKindNames,
  giftKindOf,
  linkGiftId,
  randomSalt,
  socialId,
} from "./gifts.ts";
