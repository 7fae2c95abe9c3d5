import type { Address, Hex } from "viem";

/**
 * The well-known Hardhat development accounts (mnemonic "test test ... junk"). Local defaults only:
 * every part of the stack reads its real keys from the environment outside the local chain.
 */
export const devAccounts = {
  /** Deployer and admin of every contract. */
  admin: {
    address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    privateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  },
  /** GiftVault VERIFIER_ROLE: signs social-account attestations (backend). */
  verifier: {
    address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    privateKey: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  },
  /** RewardDistributor REWARD_SIGNER_ROLE: signs watch-to-earn vouchers (backend). */
  rewardSigner: {
    address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    privateKey: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  },
  /** On-ramp treasury with MINTER_ROLE: delivers card-paid credits on chain (backend). */
  treasury: {
    address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    privateKey: "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  },
  /** The gas-free claim relayer (backend): pays the gas of claims for recipients without ETH. */
  relayer: {
    address: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
    privateKey: "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  },
  /** Demo users with test ETH and BOON on the local chain. */
  alice: {
    address: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    privateKey: "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  },
  bob: {
    address: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
    privateKey: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  },
  carol: {
    address: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
    privateKey: "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  },
} as const satisfies Record<string, { address: Address; privateKey: Hex }>;
