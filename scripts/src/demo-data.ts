import {
  type Deployment,
  devAccounts,
  giftIdOf,
  giftVaultAbi,
  linkGiftId,
  randomSalt,
  socialId,
  xPostContext,
} from "@boon/contracts";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  parseEther,
  zeroHash,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { approveGiftVault, mintBoon } from "./boon-token.ts";

export type DemoData = {
  /** A link gift nobody has claimed yet: its id and the link key that claims it. */
  linkGift: { giftId: bigint; linkPrivateKey: Hex };
  socialGift: { giftId: bigint; platform: string; userId: string };
};

/**
 * Seeds the local chain: BOON for the demo users (minted by the treasury, which holds
 * MINTER_ROLE) and a few gifts of every kind, so a newcomer sees a living product.
 */
export async function seedDemoData(rpcUrl: string, deployment: Deployment): Promise<DemoData> {
  const chain = defineChain({
    id: deployment.chainId,
    name: "Boon local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
  const wallet = (key: Hex) =>
    createWalletClient({ chain, transport: http(rpcUrl), account: privateKeyToAccount(key) });
  const { boonToken, giftVault } = deployment.contracts;
  const send = async (promise: Promise<Hex>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await promise });
    if (receipt.status !== "success")
      throw new Error(`demo transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };

  const treasury = wallet(devAccounts.treasury.privateKey);
  for (const user of [devAccounts.alice, devAccounts.bob, devAccounts.carol]) {
    await send(mintBoon(treasury, deployment.contracts, user.address, parseEther("10000")));
  }

  const alice = wallet(devAccounts.alice.privateKey);
  await send(approveGiftVault(alice, deployment.contracts));
  const now = Math.floor(Date.now() / 1000);
  const week = now + 7 * 24 * 60 * 60;
  const context = xPostContext("1850000000000000001");

  await send(
    alice.writeContract({
      address: giftVault,
      abi: giftVaultAbi,
      functionName: "giftToAddress",
      args: [
        boonToken,
        devAccounts.bob.address,
        parseEther("25"),
        context,
        "Thanks for the great thread!",
      ],
    }),
  );
  const platform = "x";
  const userId = "1234567890";
  const salt = randomSalt();
  await send(
    alice.writeContract({
      address: giftVault,
      abi: giftVaultAbi,
      functionName: "giftToSocial",
      args: [
        boonToken,
        socialId(platform, userId),
        parseEther("10"),
        week,
        salt,
        context,
        "Loved this post",
      ],
    }),
  );
  const linkPrivateKey = generatePrivateKey();
  const linkKey: Address = privateKeyToAccount(linkPrivateKey).address;
  await send(
    alice.writeContract({
      address: giftVault,
      abi: giftVaultAbi,
      functionName: "giftToLink",
      args: [boonToken, linkKey, parseEther("5"), week, zeroHash, "A little something for you"],
    }),
  );
  // Escrowed gift ids follow from the sender and the salt (a link gift's salt is its key).
  const sender = devAccounts.alice.address;
  return {
    linkGift: { giftId: linkGiftId(sender, linkKey), linkPrivateKey },
    socialGift: { giftId: giftIdOf(sender, salt), platform, userId },
  };
}
