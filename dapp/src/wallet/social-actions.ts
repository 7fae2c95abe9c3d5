import { giftVaultAbi, randomSalt } from "@boon/contracts";
import type { Address, Hash, Hex } from "viem";
import { writeContract } from "wagmi/actions";
import type { Attestation, OpenXGift } from "../api/x.ts";
import type { AppConfig } from "../config/config.ts";
import type { Permit } from "./gift-actions.ts";
import type { WagmiConfig } from "./wagmi.ts";

export type SocialGift = {
  /** socialId("x", numeric X user id). */
  socialId: Hex;
  amount: bigint;
  expiry: number;
  context: Hex;
  message: string;
};

/**
 * Escrows a gift for an X account. The salt is 64 random bits (contracts/README.md, "Gift ids"): a
 * sender has no open gift under it, short of a collision the vault refuses (`GiftIdInUse`).
 */
export function sendSocialGift(
  wagmi: WagmiConfig,
  config: AppConfig,
  gift: SocialGift,
  permit: Permit | null,
): Promise<Hash> {
  const { giftVault: vault, boonToken: token } = config.contracts;
  const args = [
    token,
    gift.socialId,
    gift.amount,
    gift.expiry,
    randomSalt(),
    gift.context,
    gift.message,
  ] as const;
  return permit
    ? writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "giftToSocialWithPermit",
        args: [...args, permit],
      })
    : writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "giftToSocial",
        args,
      });
}

/** The claimSocialBatch call for `gifts`, paid to the attestation's wallet. */
function claimSocialBatchArgs(gifts: OpenXGift[], attestation: Attestation) {
  return [
    gifts.map((gift) => BigInt(gift.giftId)),
    gifts.map(({ claim }) => ({
      token: claim.token as Address,
      sender: claim.sender as Address,
      kind: claim.kind,
      recipient: claim.recipient,
      amount: claim.amount,
      expiry: claim.expiry,
    })),
    attestation.wallet as Address,
    attestation.deadline,
    attestation.compact,
  ] as const;
}

/** The fallback when gas-free claims are unavailable: the connected wallet sends the batch itself. */
export function claimSocialBatch(
  wagmi: WagmiConfig,
  config: AppConfig,
  gifts: OpenXGift[],
  attestation: Attestation,
): Promise<Hash> {
  return writeContract(wagmi, {
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "claimSocialBatch",
    args: claimSocialBatchArgs(gifts, attestation),
  });
}
