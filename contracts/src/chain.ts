import { hardhat } from "viem/chains";

/**
 * The local development chain every part of the stack defaults to: `hardhat node`, chain id 31337
 * at http://127.0.0.1:8545 (viem's `hardhat` chain).
 */
export const localChain = hardhat;

/** The local chain's default JSON-RPC URL. */
export const localRpcUrl: string = hardhat.rpcUrls.default.http[0];
