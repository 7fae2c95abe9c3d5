import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { addressKey, GiftKind, socialId } from "../src/index.ts";
import {
  DAY,
  deployBoon,
  garbageSignature,
  keyFor,
  MAX_EXPIRY,
  MIN_EXPIRY,
  nextSalt,
  verifier,
} from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const { assertions } = viem;
const social = socialId("x", "42");

describe("GiftVault administration", () => {
  it("starts with its roles, bounds, token config and EIP-712 domain", async () => {
    const { vault, token, admin, chainId } = await networkHelpers.loadFixture(deployBoon);
    const adminAddress = admin.account.address;
    assert.equal(await vault.read.VERIFIER_ROLE(), keccak256(toHex("VERIFIER_ROLE")));
    assert.equal(await vault.read.PAUSER_ROLE(), keccak256(toHex("PAUSER_ROLE")));
    assert.equal(await vault.read.hasRole([zeroHash, adminAddress]), true);
    assert.equal(await vault.read.hasRole([await vault.read.PAUSER_ROLE(), adminAddress]), true);
    assert.equal(
      await vault.read.hasRole([await vault.read.VERIFIER_ROLE(), verifier.address]),
      true,
    );
    assert.deepEqual(await vault.read.expiryBounds(), [MIN_EXPIRY, MAX_EXPIRY]);
    assert.deepEqual(await vault.read.tokenConfig([token.address]), [true, true]);
    assert.equal(await vault.read.paused(), false);
    // EIP-5267: what every signer builds its domain from
    const [, name, version, domainChainId, verifyingContract] = await vault.read.eip712Domain();
    assert.deepEqual(
      [name, version, domainChainId, verifyingContract],
      ["Boon GiftVault", "1", BigInt(chainId), getAddress(vault.address)],
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

  it("lets only the admin configure tokens and the expiry bounds", async () => {
    const { vault, token, carol } = await networkHelpers.loadFixture(deployBoon);
    // exactness is the admin's explicit, evented statement: configuring never implies it
    for (const [allowed, exact] of [
      [false, true],
      [true, false],
    ] as const) {
      await assertions.emitWithArgs(
        vault.write.setTokenConfig([token.address, allowed, exact]),
        vault,
        "TokenConfigured",
        [token.address, allowed, exact],
      );
      assert.deepEqual(await vault.read.tokenConfig([token.address]), [allowed, exact]);
    }
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
      vault.write.setTokenConfig([token.address, true, true], asCarol),
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
      () => vault.write.giftToSocial([token.address, social, 1n, expiry, 1n, zeroHash, ""], as),
      () =>
        vault.write.giftToSocialWithPermit(
          [token.address, social, 1n, expiry, 1n, zeroHash, "", permit],
          as,
        ),
      () => vault.write.giftToLink([token.address, linkKey.address, 1n, expiry, zeroHash, ""], as),
      () =>
        vault.write.giftToLinkWithPermit(
          [token.address, linkKey.address, 1n, expiry, zeroHash, "", permit],
          as,
        ),
      () => vault.write.sendGifts([token.address, request, expiry, 1n, zeroHash, ""], as),
      () =>
        vault.write.sendGiftsWithPermit(
          [token.address, request, expiry, 1n, zeroHash, "", permit],
          as,
        ),
      () => vault.write.claimSocial([giftId, gift, to, 0n, garbageSignature]),
      () => vault.write.claimSocialBatch([[giftId], [gift], to, 0n, garbageSignature]),
      () => vault.write.claimLink([giftId, gift, to, signature]),
      () => vault.write.claimLinkBatch([[giftId], [gift], to, [signature]]),
      () => vault.write.refund([giftId, gift]),
      () => vault.write.refundBatch([[giftId], [gift]]),
    ];
    for (const call of blocked)
      await assertions.revertWithCustomError(call(), vault, "EnforcedPause");
    await assertions.revertWithCustomError(vault.write.pause(), vault, "EnforcedPause");
    // a token configured while paused is paused too
    const other = await b.viem.deployContract("MockToken", ["Other", 18]);
    await vault.write.setTokenConfig([other.address, true, true]);
    await assertions.revertWithCustomError(
      vault.write.giftToAddress([other.address, to, 1n, zeroHash, ""], as),
      vault,
      "EnforcedPause",
    );

    await assertions.revertWithCustomErrorWithArgs(
      vault.write.unpause({ account: carol.account }),
      vault,
      "AccessControlUnauthorizedAccount",
      [carol.account.address, pauserRole],
    );
    await assertions.emitWithArgs(vault.write.unpause(), vault, "Unpaused", [
      admin.account.address,
    ]);
    await assertions.revertWithCustomError(vault.write.unpause(), vault, "ExpectedPause");
    await vault.write.claimLink([giftId, gift, to, signature]);
    assert.equal(await b.balanceOf(to), 5n);
    assert.equal(gift.recipient, addressKey(linkKey.address));
  });

  it("keeps every configured token's copy of the bounds current", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token, alice, now, viem: v } = b;
    const other = await v.deployContract("MockToken", ["Other", 18]);
    await vault.write.setTokenConfig([other.address, true, false]);
    await vault.write.setExpiryBounds([10, 20]);
    const send = (address: `0x${string}`, lifetime: number) =>
      now().then((t) =>
        vault.write.giftToSocial([address, social, 1n, t + lifetime, nextSalt(), zeroHash, ""], {
          account: alice.account,
        }),
      );
    for (const address of [token.address, other.address]) {
      await assertions.revertWithCustomError(send(address, 25), vault, "InvalidExpiry");
    }
    await send(token.address, 15);
    // a token configured after the change gets the current bounds
    const late = await v.deployContract("MockToken", ["Late", 18]);
    await vault.write.setTokenConfig([late.address, true, true]);
    await assertions.revertWithCustomError(send(late.address, 25), vault, "InvalidExpiry");
  });

  it("caps the configured-token list, which bounds the gas of pause and bound changes", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token } = b;
    // BOON is the first; 31 more fill the list
    for (let i = 1; i < 32; i++) {
      await vault.write.setTokenConfig([keyFor(`token-${i}`).address, true, false]);
    }
    // reconfiguring a listed token is always possible
    await vault.write.setTokenConfig([token.address, true, true]);
    await assertions.revertWithCustomError(
      vault.write.setTokenConfig([keyFor("token-32").address, true, false]),
      vault,
      "TooManyTokens",
    );
    await vault.write.pause();
    await vault.write.setExpiryBounds([60, 120]);
    await vault.write.unpause();
  });
});
