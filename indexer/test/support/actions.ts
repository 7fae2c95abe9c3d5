import {
  addressKey,
  batchGiftIds,
  boonTokenAbi,
  type Deployment,
  devAccounts,
  type EscrowedGift,
  GiftKind,
  giftVaultAbi,
  giftVaultDomain,
  rewardDistributorAbi,
  rewardDistributorDomain,
  signLinkClaim,
  signRewardVoucher,
  signSocialClaim,
} from "@boon/contracts";
import { rpc } from "@boon/scripts/stack";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  type Log,
  maxUint256,
  padHex,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

export type DevName = keyof typeof devAccounts;

/**
 * A sent gift as its send event describes it, with its vault id (null for an address gift, which
 * has none) and its entry in the send (0 unless a batch): what claims and refunds pass back.
 */
export type SentGift = EscrowedGift & {
  id: bigint | null;
  entry: number;
  receipt: TransactionReceipt;
};

/** Drives the deployed Boon contracts with viem, as the dev accounts. */
export class Boon {
  #salt = 0n;
  readonly client;
  readonly deployment: Deployment;
  readonly rpcUrl: string;

  constructor(rpcUrl: string, deployment: Deployment) {
    this.rpcUrl = rpcUrl;
    this.deployment = deployment;
    this.client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  }

  /** What the indexer follows: the three contracts from the deployment's start block. */
  get source() {
    return {
      contracts: Object.values(this.deployment.contracts),
      startBlock: this.deployment.startBlock,
    };
  }

  account(name: DevName): PrivateKeyAccount {
    return privateKeyToAccount(devAccounts[name].privateKey);
  }

  async #write(
    as: DevName | PrivateKeyAccount,
    address: Address,
    abi: readonly unknown[],
    functionName: string,
    args: readonly unknown[],
  ): Promise<TransactionReceipt> {
    const account = typeof as === "string" ? this.account(as) : as;
    const wallet = createWalletClient({ account, chain: hardhat, transport: http(this.rpcUrl) });
    const hash = await wallet.writeContract({ address, abi, functionName, args } as never);
    const receipt = await this.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
    return receipt;
  }

  /** Mints BOON with the treasury key and approves the vault for each account. */
  async fund(accounts: Address[], amount: bigint): Promise<void> {
    for (const to of accounts) {
      await this.#write("treasury", this.deployment.contracts.boonToken, boonTokenAbi, "mint", [
        to,
        amount,
      ]);
    }
    for (const name of ["alice", "bob"] as const) {
      await this.approveVault(name);
    }
  }

  approveVault(as: DevName) {
    const { boonToken, giftVault } = this.deployment.contracts;
    return this.#write(as, boonToken, boonTokenAbi, "approve", [giftVault, maxUint256]);
  }

  transfer(as: DevName, to: Address, amount: bigint) {
    return this.#write(as, this.deployment.contracts.boonToken, boonTokenAbi, "transfer", [
      to,
      amount,
    ]);
  }

  #gifts(receipt: TransactionReceipt): SentGift[] {
    const logs = parseEventLogs({
      abi: giftVaultAbi,
      eventName: ["GiftDelivered", "SocialGiftSent", "LinkGiftSent", "GiftsSent"],
      logs: receipt.logs as Log[],
    });
    return logs.flatMap((log): SentGift[] => {
      const base = { receipt, entry: 0, sender: log.args.sender };
      switch (log.eventName) {
        case "GiftDelivered":
          return [
            {
              ...base,
              id: null,
              token: log.args.token,
              kind: GiftKind.Address,
              recipient: addressKey(log.args.to),
              amount: log.args.amount,
              expiry: 0,
            },
          ];
        case "SocialGiftSent":
        case "LinkGiftSent":
          return [
            {
              ...base,
              id: log.args.giftId,
              token: log.args.token,
              kind: log.eventName === "SocialGiftSent" ? GiftKind.Social : GiftKind.Link,
              recipient:
                log.eventName === "SocialGiftSent"
                  ? log.args.socialId
                  : addressKey(log.args.linkKey),
              amount: log.args.amount,
              expiry: log.args.expiry,
            },
          ];
        default: {
          const ids = batchGiftIds(log.args.sender, log.args.salt, log.args.gifts);
          return log.args.gifts.map((request, entry) => ({
            ...base,
            entry,
            id: ids[entry] ?? null,
            token: log.args.token,
            kind: request.kind as EscrowedGift["kind"],
            recipient: request.recipient,
            amount: request.amount,
            expiry: request.kind === GiftKind.Address ? 0 : log.args.expiry,
          }));
        }
      }
    });
  }

  async giftToAddress(as: DevName, to: Address, amount: bigint, context: Hex, message: string) {
    return this.#sendGift(as, "giftToAddress", [to, amount, context, message]);
  }

  async giftToSocial(
    as: DevName,
    socialId: Hex,
    amount: bigint,
    expiry: number,
    context: Hex,
    message: string,
  ) {
    this.#salt += 1n;
    return this.#sendGift(as, "giftToSocial", [
      socialId,
      amount,
      expiry,
      this.#salt,
      context,
      message,
    ]);
  }

  async giftToLink(
    as: DevName,
    linkKey: Address,
    amount: bigint,
    expiry: number,
    context: Hex,
    message: string,
  ) {
    return this.#sendGift(as, "giftToLink", [linkKey, amount, expiry, context, message]);
  }

  async sendGifts(
    as: DevName,
    requests: { kind: number; recipient: Hex; amount: bigint }[],
    expiry: number,
    context: Hex,
    message: string,
  ) {
    const salt = this.#salt + 1n;
    this.#salt += BigInt(requests.length);
    return this.#sendGifts(as, "sendGifts", [requests, expiry, salt, context, message]);
  }

  async #sendGift(as: DevName, functionName: string, args: readonly unknown[]) {
    return (await this.#sendGifts(as, functionName, args))[0] as SentGift;
  }

  /** Calls one of GiftVault's send functions with BOON as the token; the gifts it sent. */
  async #sendGifts(as: DevName, functionName: string, args: readonly unknown[]) {
    const { boonToken, giftVault } = this.deployment.contracts;
    const receipt = await this.#write(as, giftVault, giftVaultAbi, functionName, [
      boonToken,
      ...args,
    ]);
    return this.#gifts(receipt);
  }

  /** Claims a social gift for `wallet` with a verifier attestation, relayed by `relayer`. */
  async claimSocial(relayer: DevName, gift: SentGift, wallet: Address) {
    const { giftVault } = this.deployment.contracts;
    const deadline = BigInt(await this.now()) + 3600n;
    const attestation = await signSocialClaim(
      this.account("verifier"),
      giftVaultDomain(this.deployment.chainId, giftVault),
      { socialId: gift.recipient, wallet, deadline },
    );
    return this.#write(relayer, giftVault, giftVaultAbi, "claimSocial", [
      idOf(gift),
      fields(gift),
      wallet,
      deadline,
      attestation,
    ]);
  }

  /** Claims a link gift for `to` with the link key's signature, relayed by `relayer`. */
  async claimLink(relayer: DevName, gift: SentGift, linkKey: PrivateKeyAccount, to: Address) {
    const { giftVault } = this.deployment.contracts;
    const signature = await signLinkClaim(
      linkKey,
      giftVaultDomain(this.deployment.chainId, giftVault),
      { giftId: idOf(gift), recipient: to },
    );
    return this.#write(relayer, giftVault, giftVaultAbi, "claimLink", [
      idOf(gift),
      fields(gift),
      to,
      signature,
    ]);
  }

  refundBatch(relayer: DevName, gifts: SentGift[]) {
    return this.#write(relayer, this.deployment.contracts.giftVault, giftVaultAbi, "refundBatch", [
      gifts.map(idOf),
      gifts.map(fields),
    ]);
  }

  /** Claims rewards up to `cumulative` for `account` with a reward-signer voucher. */
  async claimReward(relayer: DevName, account: Address, cumulative: bigint) {
    const { rewardDistributor } = this.deployment.contracts;
    const deadline = BigInt(await this.now()) + 3600n;
    const signature = await signRewardVoucher(
      this.account("rewardSigner"),
      rewardDistributorDomain(this.deployment.chainId, rewardDistributor),
      { account, cumulativeAmount: cumulative, deadline },
    );
    return this.#write(relayer, rewardDistributor, rewardDistributorAbi, "claim", [
      account,
      cumulative,
      deadline,
      signature,
    ]);
  }

  async now(): Promise<number> {
    const block = await this.client.getBlock();
    return Number(block.timestamp);
  }

  /** Moves the chain's clock forward and mines a block. */
  async increaseTime(seconds: number): Promise<void> {
    await rpc(this.rpcUrl, "evm_increaseTime", [seconds]);
    await rpc(this.rpcUrl, "evm_mine");
  }

  /** Mines blocks one by one (hardhat_mine with a count leaves zero parent hashes). */
  async mine(blocks: number): Promise<void> {
    for (let i = 0; i < blocks; i++) await rpc(this.rpcUrl, "evm_mine");
  }

  async head(): Promise<number> {
    return Number(await this.client.getBlockNumber({ cacheTime: 0 }));
  }
}

export const addressRecipient = (account: Address) =>
  padHex(account.toLowerCase() as Hex, { size: 32 });

export const kinds = GiftKind;

/** The vault id of an escrowed gift (address gifts have none, and cannot be claimed). */
function idOf(gift: SentGift): bigint {
  if (gift.id === null) throw new Error("an address gift has no id to claim or refund");
  return gift.id;
}

function fields(gift: SentGift): EscrowedGift {
  const { token, sender, kind, recipient, amount, expiry } = gift;
  return { token, sender, kind, recipient, amount, expiry };
}
