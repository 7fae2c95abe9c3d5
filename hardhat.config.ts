import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";
import { localRpcUrl } from "./contracts/src/chain.ts";

const require = createRequire(import.meta.url);

// solc cannot be downloaded on our machines; the npm `solc` package ships the same compiler as wasm.
// The IR pipeline (viaIR) costs 0.9-1.7k gas less per hot path than the legacy one (npm run bench:gas).
// Its function dispatcher is a linear search by selector, so every external function whose selector
// sorts before a hot one costs that one ~22 gas: keep the ABI lean.
const solc = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "prague", viaIR: true },
};

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    profiles: { default: solc, production: solc },
  },
  paths: {
    sources: "contracts/src",
    tests: { solidity: "contracts/test", nodejs: "contracts/test" },
    artifacts: "contracts/artifacts",
    cache: "contracts/cache",
    ignition: "contracts/ignition",
  },
  test: {
    solidity: { fuzz: { runs: 256 }, invariant: { runs: 50, depth: 200 } },
  },
  networks: {
    localhost: { type: "http", chainType: "l1", url: localRpcUrl },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
