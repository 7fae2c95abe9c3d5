import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther, parseSignature, zeroAddress } from "viem";
import { permitTypes } from "../src/index.ts";
import { deployBoon, MAX_UINT256, SUPPLY_CAP } from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const { assertions } = connection.viem;

describe("BoonToken", () => {
  it("is an 18-decimal ERC-20 named Boon with a hard cap", async () => {
    const { token } = await networkHelpers.loadFixture(deployBoon);
    assert.equal(await token.read.name(), "Boon");
    assert.equal(await token.read.symbol(), "BOON");
    assert.equal(await token.read.decimals(), 18);
    assert.equal(await token.read.cap(), SUPPLY_CAP);
  });

  it("lets a minter mint up to the cap and no further", async () => {
    const { token, admin, carol } = await networkHelpers.loadFixture(deployBoon);
    const room = SUPPLY_CAP - (await token.read.totalSupply());
    await assertions.emitWithArgs(
      token.write.mint([carol.account.address, room]),
      token,
      "Transfer",
      [zeroAddress, carol.account.address, room],
    );
    assert.equal(await token.read.totalSupply(), SUPPLY_CAP);
    await assertions.revertWithCustomErrorWithArgs(
      token.write.mint([admin.account.address, 1n]),
      token,
      "ERC20ExceededCap",
      [SUPPLY_CAP + 1n, SUPPLY_CAP],
    );
  });

  it("refuses minting without MINTER_ROLE", async () => {
    const { token, carol } = await networkHelpers.loadFixture(deployBoon);
    await assertions.revertWithCustomErrorWithArgs(
      token.write.mint([carol.account.address, 1n], { account: carol.account }),
      token,
      "AccessControlUnauthorizedAccount",
      [carol.account.address, await token.read.MINTER_ROLE()],
    );
  });

  it("lets the admin revoke a minter", async () => {
    const { token, distributor } = await networkHelpers.loadFixture(deployBoon);
    const minterRole = await token.read.MINTER_ROLE();
    assert.equal(await token.read.hasRole([minterRole, distributor.address]), true);
    await token.write.revokeRole([minterRole, distributor.address]);
    assert.equal(await token.read.hasRole([minterRole, distributor.address]), false);
  });

  it("lets any holder burn its own tokens, and another's only within an allowance", async () => {
    const { token, alice, carol } = await networkHelpers.loadFixture(deployBoon);
    const supply = await token.read.totalSupply();
    await assertions.emitWithArgs(
      token.write.burn([5n], { account: alice.account }),
      token,
      "Transfer",
      [alice.account.address, zeroAddress, 5n],
    );
    assert.equal(await token.read.totalSupply(), supply - 5n);
    await assertions.revertWithCustomErrorWithArgs(
      token.write.burnFrom([alice.account.address, 1n], { account: carol.account }),
      token,
      "ERC20InsufficientAllowance",
      [carol.account.address, 0n, 1n],
    );
  });

  it("accepts an EIP-2612 permit once", async () => {
    const { token, alice, carol, chainId } = await networkHelpers.loadFixture(deployBoon);
    const owner = alice.account.address;
    const spender = carol.account.address;
    const value = parseEther("5");
    const deadline = MAX_UINT256;
    const signature = await alice.signTypedData({
      account: alice.account,
      domain: { name: "Boon", version: "1", chainId, verifyingContract: token.address },
      types: permitTypes,
      primaryType: "Permit",
      message: { owner, spender, value, nonce: 0n, deadline },
    });
    const { r, s, v } = parseSignature(signature);
    const permit = () => token.write.permit([owner, spender, value, deadline, Number(v), r, s]);
    await assertions.emitWithArgs(permit(), token, "Approval", [owner, spender, value]);
    assert.equal(await token.read.allowance([owner, spender]), value);
    assert.equal(await token.read.nonces([owner]), 1n);
    await assertions.revertWithCustomError(permit(), token, "ERC2612InvalidSigner");
  });
});
