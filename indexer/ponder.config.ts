import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "@boon/contracts";
import { createConfig } from "ponder";
import { loadSettings, ponderChains } from "./lib/settings.ts";

const settings = loadSettings();
const { contracts, startBlock } = settings.deployment;

export default createConfig({
  // Without DATABASE_URL, Ponder's embedded PGlite keeps `ponder dev` zero-setup.
  database: settings.databaseUrl
    ? { kind: "postgres", connectionString: settings.databaseUrl }
    : { kind: "pglite" },
  chains: ponderChains(settings),
  contracts: {
    BoonToken: { chain: "boon", abi: boonTokenAbi, address: contracts.boonToken, startBlock },
    GiftVault: { chain: "boon", abi: giftVaultAbi, address: contracts.giftVault, startBlock },
    RewardDistributor: {
      chain: "boon",
      abi: rewardDistributorAbi,
      address: contracts.rewardDistributor,
      startBlock,
    },
  },
});
