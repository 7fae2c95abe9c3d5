import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, parseEther, toHex } from "viem";
import { devAccounts } from "../../src/accounts.ts";

const DAY = 24 * 60 * 60;

/**
 * Deploys BoonToken, GiftVault and RewardDistributor with roles wired: the distributor and the
 * treasury can mint, the vault allows BOON (marked exact), the verifier and reward signer come from parameters
 * (local defaults: Hardhat dev accounts #1 and #2, treasury #3).
 */
export default buildModule("Boon", (m) => {
  const admin = m.getAccount(0);
  const verifier = m.getParameter<string>("verifier", devAccounts.verifier.address);
  const rewardSigner = m.getParameter<string>("rewardSigner", devAccounts.rewardSigner.address);
  const treasury = m.getParameter<string>("treasury", devAccounts.treasury.address);
  const supplyCap = m.getParameter<bigint>("supplyCap", parseEther("1000000000"));
  const minExpiry = m.getParameter<number>("minExpirySeconds", 60 * 60);
  const maxExpiry = m.getParameter<number>("maxExpirySeconds", 90 * DAY);
  const dailyCap = m.getParameter<bigint>("rewardDailyCap", parseEther("1000000"));
  const maxClaim = m.getParameter<bigint>("rewardMaxClaim", parseEther("10000"));

  const token = m.contract("BoonToken", [admin, supplyCap]);
  const vault = m.contract("GiftVault", [admin, verifier, minExpiry, maxExpiry]);
  const distributor = m.contract("RewardDistributor", [
    token,
    admin,
    rewardSigner,
    dailyCap,
    maxClaim,
  ]);

  const minterRole = keccak256(toHex("MINTER_ROLE"));
  m.call(token, "grantRole", [minterRole, distributor], { id: "GrantMinterToDistributor" });
  m.call(token, "grantRole", [minterRole, treasury], { id: "GrantMinterToTreasury" });
  // BOON is an OpenZeppelin ERC-20 without fees or hooks: allowed, and exact (no balance checks)
  m.call(vault, "setTokenConfig", [token, true, true], { id: "AllowBoonInVault" });

  return { token, vault, distributor };
});
