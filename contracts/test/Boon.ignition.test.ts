import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther, zeroHash } from "viem";
import BoonModule from "../ignition/modules/Boon.ts";
import { devAccounts } from "../src/accounts.ts";
import { addressKey, GiftKind } from "../src/index.ts";

const connection = await network.create();
const { ignition, viem, networkHelpers } = connection;

describe("Boon Ignition module", () => {
  it("deploys the three contracts with roles wired and BOON allowed", async () => {
    const { token, vault, distributor } = await ignition.deploy(BoonModule);
    const [admin] = await viem.getWalletClients();
    assert.ok(admin);
    const minter = await token.read.MINTER_ROLE();
    assert.equal(await token.read.hasRole([minter, distributor.address]), true);
    assert.equal(await token.read.hasRole([minter, devAccounts.treasury.address]), true);
    assert.equal(await token.read.hasRole([minter, admin.account.address]), false);
    assert.equal(await token.read.hasRole([zeroHash, admin.account.address]), true);
    // BOON is allowed and, being a plain OpenZeppelin ERC-20, marked exact
    assert.deepEqual(await vault.read.tokenConfig([token.address]), [true, true]);
    assert.equal(
      await vault.read.hasRole([await vault.read.VERIFIER_ROLE(), devAccounts.verifier.address]),
      true,
    );
    assert.equal(
      await distributor.read.hasRole([
        await distributor.read.REWARD_SIGNER_ROLE(),
        devAccounts.rewardSigner.address,
      ]),
      true,
    );
    assert.equal((await distributor.read.token()).toLowerCase(), token.address.toLowerCase());

    // the treasury can mint and a gift of BOON goes through the deployed vault
    const treasury = await viem.getWalletClient(devAccounts.treasury.address);
    await token.write.mint([treasury.account.address, parseEther("1")], {
      account: treasury.account,
    });
    await token.write.approve([vault.address, parseEther("1")], { account: treasury.account });
    const expiry = (await networkHelpers.time.latest()) + 2 * 3600;
    await vault.write.sendGifts(
      [
        token.address,
        [{ kind: GiftKind.Address, recipient: addressKey(devAccounts.bob.address), amount: 1n }],
        expiry,
        0n,
        zeroHash,
        "",
      ],
      { account: treasury.account },
    );
    assert.equal(await token.read.balanceOf([devAccounts.bob.address]), 1n);
  });
});
