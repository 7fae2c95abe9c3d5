import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "@boon/contracts";
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  UserRejectedRequestError,
} from "viem";
import { formatBoon } from "./amount.ts";

type Args = readonly unknown[];
const big = (value: unknown) => (typeof value === "bigint" ? value : 0n);
const when = (seconds: unknown) => new Date(Number(big(seconds)) * 1000).toLocaleString();

/** Plain sentences for the custom errors of the Boon contracts and the OpenZeppelin bases. */
const sentences: Record<string, string> = {
  TokenNotAllowed: "This token cannot be gifted with Boon.",
  ZeroAmount: "The amount must be more than zero.",
  InvalidRecipient: "The recipient is missing or not valid (you cannot gift yourself).",
  TransferAmountMismatch:
    "The token moved a different amount than asked (fee-on-transfer tokens are not supported).",
  UnknownGift: "This gift does not exist or has already been claimed or refunded.",
  GiftIdInUse:
    "You already have an open gift under this id (the same claim link or salt). Try again.",
  TooManyTokens: "The vault cannot take another token.",
  WrongGiftKind: "This gift must be claimed another way (it is not this kind of gift).",
  InvalidSignature: "The signature does not match. The claim link may be wrong or already used.",
  AttestationExpired: "The account verification expired. Verify again and retry.",
  InvalidBatch: "The batch is empty or its lists do not line up.",
  InvalidExpiryBounds: "Those expiry bounds are not valid.",
  EnforcedPause: "Boon is paused for maintenance. Try again later.",
  ExpectedPause: "This works only while Boon is paused.",
  ReentrancyGuardReentrantCall: "The transaction tried to re-enter the contract and was stopped.",
  SafeERC20FailedOperation: "The token refused the transfer.",
  AccessControlUnauthorizedAccount: "Your account is not allowed to do this.",
  AccessControlBadConfirmation: "The role confirmation does not match your account.",
  ERC20InvalidReceiver: "Tokens cannot be sent to that address.",
  ERC20InvalidSender: "Tokens cannot be sent from that address.",
  ERC20InvalidSpender: "That spender address is not valid.",
  ERC20InvalidApprover: "That approver address is not valid.",
  ERC20ExceededCap: "This would mint past BOON's supply cap.",
  ERC2612ExpiredSignature: "The spending permit expired before it was used. Try again.",
  ERC2612InvalidSigner: "The spending permit was signed by another account.",
  InvalidAccountNonce: "The spending permit is out of date. Try again.",
  InvalidAccount: "The reward voucher is for another account.",
  NothingToClaim: "You have already claimed everything you earned.",
  VoucherExpired: "The reward voucher expired. Get a new one and retry.",
  InvalidCaps: "Those reward caps are not valid (the per-claim cap is a whole number of BOON).",
  ECDSAInvalidSignature: "The signature is not valid.",
  ECDSAInvalidSignatureLength: "The signature has the wrong length.",
  ECDSAInvalidSignatureS: "The signature is not valid.",
  ERC20InvalidCap: "That supply cap is not valid.",
  InvalidShortString: "A name in the contract is too long.",
  StringTooLong: "A text field is too long.",
};

/** "Approve more" errors: the positions of what the vault may spend and of what it needs. */
const allowanceArgs: Record<string, [allowance: number, needed: number]> = {
  InsufficientAllowance: [0, 1],
  ERC20InsufficientAllowance: [1, 2],
};
const approveMore =
  ([allowance, needed]: [number, number]) =>
  (args: Args) =>
    `The vault may spend ${formatBoon(big(args[allowance]))} BOON but needs ${formatBoon(big(args[needed]))}. Approve more and retry.`;

/** Sentences that name values the revert carries (dates, amounts). */
const sentencesWithArgs: Record<string, (args: Args) => string> = {
  InvalidExpiry: ([, earliest, latest]) =>
    `Choose an expiry between ${when(earliest)} and ${when(latest)}.`,
  GiftExpired: ([, expiry]) =>
    `This gift expired on ${when(expiry)}; it can no longer be claimed, only refunded to the sender.`,
  GiftNotExpired: ([, expiry]) =>
    `This gift can be refunded only after it expires on ${when(expiry)}.`,
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Not enough BOON: you have ${formatBoon(big(balance))} and need ${formatBoon(big(needed))}.`,
  ClaimAboveCap: ([amount, max]) =>
    `That is more than one claim may pay out (${formatBoon(big(amount))} > ${formatBoon(big(max))} BOON).`,
  DailyCapExceeded: ([, remaining]) =>
    big(remaining) > 0n
      ? `Only ${formatBoon(big(remaining))} BOON of today's reward budget is left. Try again tomorrow.`
      : "Today's reward budget is used up. Try again tomorrow.",
};

/** A sentence for every custom error of the Boon contracts and the OpenZeppelin bases. */
export const errorMessages: Record<string, (args: Args) => string> = {
  ...Object.fromEntries(
    Object.entries(sentences).map(([name, sentence]) => [name, () => sentence]),
  ),
  ...Object.fromEntries(Object.entries(allowanceArgs).map(([name, at]) => [name, approveMore(at)])),
  ...sentencesWithArgs,
};

const allAbis = [...giftVaultAbi, ...boonTokenAbi, ...rewardDistributorAbi];

/** What a person can do about an error, when its sentence names a fix. */
export type ErrorFix = { kind: "approve"; amount: bigint };
export type DescribedError = { title: string; message: string; name?: string; fix?: ErrorFix };

/** Errors whose sentence says "Approve more": the amount the vault needs to be allowed. */
function fixOf(name: string, args: Args): ErrorFix | undefined {
  const at = allowanceArgs[name];
  return at ? { kind: "approve", amount: big(args[at[1]]) } : undefined;
}

/** Decodes raw revert data with the Boon ABIs, or null when it is none of their errors. */
export function decodeRevert(data: Hex): { name: string; args: Args } | null {
  try {
    const decoded = decodeErrorResult({ abi: allAbis, data });
    return { name: decoded.errorName, args: (decoded.args ?? []) as Args };
  } catch {
    return null;
  }
}

function revertOf(error: BaseError): { name: string; args: Args } | null {
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    if (reverted.data?.errorName) {
      return { name: reverted.data.errorName, args: (reverted.data.args ?? []) as Args };
    }
    if (reverted.raw) return decodeRevert(reverted.raw);
  }
  const withData = error.walk((e) => typeof (e as { data?: unknown }).data === "string") as {
    data?: string;
  } | null;
  if (withData?.data && /^0x[0-9a-fA-F]{8,}$/.test(withData.data)) {
    return decodeRevert(withData.data as Hex);
  }
  return null;
}

/** Any error from a wallet or a contract call, as a sentence a person can act on. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) {
      return { title: "Cancelled", message: "You cancelled the request in your wallet." };
    }
    const revert = revertOf(error);
    if (revert) {
      const sentence = errorMessages[revert.name];
      const fix = fixOf(revert.name, revert.args);
      return {
        title: "The transaction was refused",
        message: sentence ? sentence(revert.args) : `The contract refused it (${revert.name}).`,
        name: revert.name,
        ...(fix ? { fix } : {}),
      };
    }
    return { title: "Something went wrong", message: error.shortMessage };
  }
  if (error instanceof Error) return { title: "Something went wrong", message: error.message };
  return { title: "Something went wrong", message: String(error) };
}
