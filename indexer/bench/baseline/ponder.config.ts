import { boonTokenAbi } from "@boon/contracts";
import { createConfig } from "ponder";
import { loadSettings, ponderChains } from "../../lib/settings.ts";

// The benchmark's baseline: the same chain, database and RPC settings as the indexer, but only
// BoonToken Transfer events and one plain insert each.
const settings = loadSettings();

export default createConfig({
  database: { kind: "postgres", connectionString: settings.databaseUrl },
  chains: ponderChains(settings),
  contracts: {
    BoonToken: {
      chain: "boon",
      abi: boonTokenAbi,
      address: settings.deployment.contracts.boonToken,
      startBlock: settings.deployment.startBlock,
    },
  },
});
