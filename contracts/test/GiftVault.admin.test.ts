import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { domainSeparator, keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { addressKey, GiftKind, giftVaultDomain, socialId } from "../src/eip712.ts";
import { DAY, deployBoon, keyFor, MAX_EXPIRY, MIN_EXPIRY, verifier } from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const { assertions } = viem;
const social = socialId("x", "42");

describe("GiftVault administration", () => {
  it("starts with its roles, bounds, first id and EIP-712 domain", async () => {
    const { vault, admin, chainId } = await networkHelpers.loadFixture(deployBoon);
    const adminAddress = admin.account.address;
    assert.equal(await vault.read.VERIFIER_ROLE(), keccak256(toHex("VERIFIER_ROLE")));
    assert.equal(await vault.read.PAUSER_ROLE(), keccak256(toHex("PAUSER_ROLE")));
    assert.equal(
      await vault.read.SOCIAL_CLAIM_TYPEHASH(),
      keccak256(toHex("SocialClaim(bytes32 socialId,address wallet,uint256 deadline)")),
    );
    assert.equal(
      await vault.read.LINK_CLAIM_TYPEHASH(),
      keccak256(toHex("LinkClaim(uint256 giftId,address recipient)")),
    );
    assert.equal(await vault.read.hasRole([zeroHash, adminAddress]), true);
    assert.equal(await vault.read.hasRole([await vault.read.PAUSER_ROLE(), adminAddress]), true);
    assert.equal(
      await vault.read.hasRole([await vault.read.VERIFIER_ROLE(), verifier.address]),
      true,
    );
    assert.deepEqual(await vault.read.expiryBounds(), [MIN_EXPIRY, MAX_EXPIRY]);
    assert.equal(await vault.read.nextGiftId(), 1n);
    assert.equal(
      await vault.read.domainSeparator(),
      domainSeparator({ domain: giftVaultDomain(chainId, vault.address) }),
    );
  });

  it("deploys without a verifier when given the zero address, and refuses bad bounds", async () => {
    const { admin } = await networkHelpers.loadFixture(deployBoon);
    const vault = await viem.deployContract("GiftVault", [
      admin.account.address,
      zeroAddress,
      60,
      120,
    ]);
    assert.equal(await vault.read.hasRole([await vault.read.VERIFIER_ROLE(), zeroAddress]), false);
    await assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("GiftVault", [admin.account.address, zeroAddress, 121, 120]),
      vault,
      "InvalidExpiryBounds",
      [121, 120],
    );
  });

  it("lets only the admin change the allow-list and the expiry bounds", async () => {
    const { vault, token, carol } = await networkHelpers.loadFixture(deployBoon);
    await assertions.emitWithArgs(
      vault.write.setTokenAllowed([token.address, false]),
      vault,
      "TokenAllowed",
      [token.address, false],
    );
    assert.equal(await vault.read.isTokenAllowed([token.address]), false);
    await assertions.emitWithArgs(
      vault.write.setExpiryBounds([10, 20]),
      vault,
      "ExpiryBoundsSet",
      [10, 20],
    );
    assert.deepEqual(await vault.read.expiryBounds(), [10, 20]);
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.setExpiryBounds([21, 20]),
      vault,
      "InvalidExpiryBounds",
      [21, 20],
    );
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.setExpiryBounds([0, 0]),
      vault,
      "InvalidExpiryBounds",
      [0, 0],
    );
    const asCarol = { account: carol.account };
    const denied = [carol.account.address, zeroHash] as const;
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.setTokenAllowed([token.address, true], asCarol),
      vault,
      "AccessControlUnauthorizedAccount",
      [...denied],
    );
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.setExpiryBounds([1, 2], asCarol),
      vault,
      "AccessControlUnauthorizedAccount",
      [...denied],
    );
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.grantRole([await vault.read.VERIFIER_ROLE(), carol.account.address], asCarol),
      vault,
      "AccessControlUnauthorizedAccount",
      [...denied],
    );
  });

  it("pauses every send, claim and refund, and only for the pauser", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token, alice, carol, admin, now } = b;
    const linkKey = keyFor("link");
    const expiry = (await now()) + DAY;
    const sent = await b.sentGifts(
      await vault.write.giftToLink([token.address, linkKey.address, 5n, expiry, zeroHash, ""], {
        account: alice.account,
      }),
    );
    const { giftId, gift } = sent[0] ?? assert.fail("no gift");
    const pauserRole = await vault.read.PAUSER_ROLE();
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.pause({ account: carol.account }),
      vault,
      "AccessControlUnauthorizedAccount",
      [carol.account.address, pauserRole],
    );
    await assertions.emitWithArgs(vault.write.pause(), vault, "Paused", [admin.account.address]);
    assert.equal(await vault.read.paused(), true);

    const as = { account: alice.account };
    const to = carol.account.address;
    const permit = { value: 0n, deadline: 0n, v: 27, r: zeroHash, s: zeroHash };
    const request = [{ kind: GiftKind.Social, recipient: social, amount: 1n }];
    const signature = await b.signLink(linkKey, { giftId, recipient: to });
    const blocked = [
      () => vault.write.giftToAddress([token.address, to, 1n, zeroHash, ""], as),
      () => vault.write.giftToAddressWithPermit([token.address, to, 1n, zeroHash, "", permit], as),
      () => vault.write.giftToSocial([token.address, social, 1n, expiry, zeroHash, ""], as),
      () =>
        vault.write.giftToSocialWithPermit(
          [token.address, social, 1n, expiry, zeroHash, "", permit],
          as,
        ),
      () => vault.write.giftToLink([token.address, linkKey.address, 1n, expiry, zeroHash, ""], as),
      () =>
        vault.write.giftToLinkWithPermit(
          [token.address, linkKey.address, 1n, expiry, zeroHash, "", permit],
          as,
        ),
      () => vault.write.sendGifts([token.address, request, expiry, zeroHash, ""], as),
      () =>
        vault.write.sendGiftsWithPermit([token.address, request, expiry, zeroHash, "", permit], as),
      () => vault.write.claimSocial([giftId, gift, to, 0n, "0x"]),
      () => vault.write.claimSocialBatch([[giftId], [gift], to, 0n, "0x"]),
      () => vault.write.claimLink([giftId, gift, to, signature]),
      () => vault.write.claimLinkBatch([[giftId], [gift], to, [signature]]),
      () => vault.write.refund([giftId, gift]),
      () => vault.write.refundBatch([[giftId], [gift]]),
    ];
    for (const call of blocked)
      await assertions.revertWithCustomError(call(), vault, "EnforcedPause");

    await assertions.revertWithCustomErrorWithArgs(
      vault.write.unpause({ account: carol.account }),
      vault,
      "AccessControlUnauthorizedAccount",
      [carol.account.address, pauserRole],
    );
    await assertions.emitWithArgs(vault.write.unpause(), vault, "Unpaused", [
      admin.account.address,
    ]);
    await vault.write.claimLink([giftId, gift, to, signature]);
    assert.equal(await b.balanceOf(to), 5n);
    assert.equal(gift.recipient, addressKey(linkKey.address));
  });
});
