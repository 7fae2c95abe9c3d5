import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "@boon/contracts";
import { createConfig } from "ponder";
import { loadSettings } from "./lib/settings.ts";

const settings = loadSettings();
const { contracts, startBlock } = settings.deployment;

export default createConfig({
  // Without DATABASE_URL, Ponder's embedded PGlite keeps `ponder dev` zero-setup.
  database: settings.databaseUrl
    ? { kind: "postgres", connectionString: settings.databaseUrl }
    : { kind: "pglite" },
  chains: {
    boon: {
      id: settings.chainId,
      rpc: settings.rpcUrl,
      pollingInterval: settings.pollingIntervalMs,
      // A local chain restarts with the same block numbers: cached RPC answers would be stale.
      disableCache: settings.local,
    },
  },
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
