import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, type CompactSignature, type Hex, zeroAddress, zeroHash } from "viem";
import { addressKey, GiftKind, giftCommitment, giftVaultDomain, socialId } from "../src/index.ts";
import {
  type Boon,
  DAY,
  deployBoon,
  garbageSignature,
  HOUR,
  keyFor,
  malleate,
  nextSalt,
  verifier,
} from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const { assertions } = connection.viem;
const social = socialId("x", "42");
const linkKey = keyFor("link");

/** The vault refuses `call` for want of gift `giftId`: never escrowed, or already claimed or refunded. */
const refusedAsUnknown = (vault: Boon["vault"], call: Promise<Hex>, giftId: bigint) =>
  assertions.revertWithCustomErrorWithArgs(call, vault, "UnknownGift", [giftId]);

/** claimLink of an escrowed gift to `to`, signed by `linkKey` for exactly that gift and recipient. */
async function claimLinkTo(b: Boon, escrowed: Awaited<ReturnType<typeof escrow>>, to: Address) {
  const { giftId, gift } = escrowed;
  const signature = await b.signLink(linkKey, { giftId, recipient: to });
  return b.vault.write.claimLink([giftId, gift, to, signature]);
}

/** Escrows one gift (from alice unless `from` says otherwise) and returns its id and fields. */
async function escrow(b: Boon, kind: GiftKind, recipient: Hex, amount = 100n, from = b.alice) {
  const expiry = (await b.now()) + DAY;
  const as = { account: from.account };
  const hash =
    kind === GiftKind.Social
      ? await b.vault.write.giftToSocial(
          [b.token.address, recipient, amount, expiry, nextSalt(), zeroHash, ""],
          as,
        )
      : await b.vault.write.giftToLink(
          [b.token.address, `0x${recipient.slice(26)}` as Address, amount, expiry, zeroHash, ""],
          as,
        );
  const [sent] = await b.sentGifts(hash);
  if (!sent) throw new Error("no gift sent");
  return sent;
}

/** True while the vault holds `gift` open under `giftId`. */
async function isOpen(
  b: Boon,
  sent: { giftId: bigint; gift: Parameters<typeof giftCommitment>[0] },
) {
  return (await b.vault.read.giftCommitment([sent.giftId])) === giftCommitment(sent.gift);
}

const withinHour = async (b: Boon) => BigInt((await b.now()) + HOUR);

describe("GiftVault social claims", () => {
  it("pays only the attested wallet when a third party relays", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token, carol, relayer, balanceOf } = b;
    const { giftId, gift } = await escrow(b, GiftKind.Social, social);
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const attestation = await b.signSocial({ socialId: social, wallet, deadline });
    const claim = () =>
      vault.write.claimSocial([giftId, gift, wallet, deadline, attestation], {
        account: relayer.account,
      });
    await assertions.emitWithArgs(claim(), vault, "GiftClaimed", [
      giftId,
      wallet,
      relayer.account.address,
      token.address,
      gift.amount,
    ]);
    assert.equal(await balanceOf(wallet), gift.amount);
    assert.equal(await balanceOf(relayer.account.address), 0n);
    assert.equal(await balanceOf(vault.address), 0n);
    assert.equal(await vault.read.giftCommitment([giftId]), zeroHash);
    // reused: the gift ended, so the same claim cannot pay twice
    await refusedAsUnknown(vault, claim(), giftId);
  });

  it("rejects attestations for another chain, contract or wallet, expired, malleable or forged", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol, bob, chainId } = b;
    const { giftId, gift } = await escrow(b, GiftKind.Social, social);
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const message = { socialId: social, wallet, deadline };
    const claimWith = (attestation: CompactSignature, to: Address = wallet, until = deadline) =>
      vault.write.claimSocial([giftId, gift, to, until, attestation]);
    const rejected = async (attestation: CompactSignature, to?: Address) =>
      assertions.revertWithCustomError(claimWith(attestation, to), vault, "InvalidSignature");

    await rejected(
      await b.signSocial(message, undefined, giftVaultDomain(chainId + 1, vault.address)),
    );
    await rejected(
      await b.signSocial(message, undefined, giftVaultDomain(chainId, b.token.address)),
    );
    await rejected(await b.signSocial(message), bob.account.address);
    await rejected(await b.signSocial(message, keyFor("not-a-verifier")));
    await rejected(malleate(await b.signSocial(message)));
    await rejected(garbageSignature);

    const past = BigInt(await b.now());
    await assertions.revertWithCustomErrorWithArgs(
      claimWith(await b.signSocial({ ...message, deadline: past }), wallet, past),
      vault,
      "AttestationExpired",
      [past],
    );
    await assertions.revertWithCustomError(
      claimWith(await b.signSocial({ ...message, wallet: zeroAddress }), zeroAddress),
      vault,
      "InvalidRecipient",
    );
    assert.equal(await isOpen(b, { giftId, gift }), true);
  });

  it("stops accepting a verifier once its role is revoked, and accepts several verifiers", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol } = b;
    const first = await escrow(b, GiftKind.Social, social);
    const second = await escrow(b, GiftKind.Social, social);
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const message = { socialId: social, wallet, deadline };
    const newVerifier = keyFor("verifier-2");
    const role = await vault.read.VERIFIER_ROLE();
    await vault.write.grantRole([role, newVerifier.address]);
    // the old key is no longer the newest grant (no fast path) but still a verifier
    const oldAttestation = await b.signSocial(message);
    await vault.write.claimSocial([first.giftId, first.gift, wallet, deadline, oldAttestation]);
    await vault.write.revokeRole([role, verifier.address]);
    await assertions.revertWithCustomError(
      vault.write.claimSocial([second.giftId, second.gift, wallet, deadline, oldAttestation]),
      vault,
      "InvalidSignature",
    );
    await vault.write.claimSocial([
      second.giftId,
      second.gift,
      wallet,
      deadline,
      await b.signSocial(message, newVerifier),
    ]);
    assert.equal(await b.balanceOf(wallet), first.gift.amount + second.gift.amount);
  });

  it("claims while now < expiry and not at expiry", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol } = b;
    const wallet = carol.account.address;
    const open = await escrow(b, GiftKind.Social, social);
    const late = await escrow(b, GiftKind.Social, social);
    const deadline = BigInt(open.gift.expiry + DAY);
    const attestation = await b.signSocial({ socialId: social, wallet, deadline });
    await networkHelpers.time.setNextBlockTimestamp(open.gift.expiry - 1);
    await vault.write.claimSocial([open.giftId, open.gift, wallet, deadline, attestation]);
    await networkHelpers.time.setNextBlockTimestamp(late.gift.expiry);
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.claimSocial([late.giftId, late.gift, wallet, deadline, attestation]),
      vault,
      "GiftExpired",
      [late.giftId, late.gift.expiry],
    );
  });

  it("refuses wrong fields and the wrong claim function for the gift's kind", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol } = b;
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const { giftId, gift } = await escrow(b, GiftKind.Social, social);
    const attestation = await b.signSocial({ socialId: social, wallet, deadline });
    const doubled = { ...gift, amount: gift.amount * 2n };
    await refusedAsUnknown(
      vault,
      vault.write.claimSocial([giftId, doubled, wallet, deadline, attestation]),
      giftId,
    );
    await refusedAsUnknown(
      vault,
      vault.write.claimSocial([giftId + 1n, gift, wallet, deadline, attestation]),
      giftId + 1n,
    );
    // a link gift passed to claimSocial, with an attestation for its recipient key
    const link = await escrow(b, GiftKind.Link, addressKey(linkKey.address));
    const linkAttestation = await b.signSocial({ socialId: link.gift.recipient, wallet, deadline });
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.claimSocial([link.giftId, link.gift, wallet, deadline, linkAttestation]),
      vault,
      "WrongGiftKind",
      [link.giftId, GiftKind.Link],
    );
    // a social gift whose id looks like a key, passed to claimLink with that key's signature
    const lookalike = await escrow(b, GiftKind.Social, addressKey(linkKey.address));
    await assertions.revertWithCustomErrorWithArgs(
      claimLinkTo(b, lookalike, wallet),
      vault,
      "WrongGiftKind",
      [lookalike.giftId, GiftKind.Social],
    );
  });

  it("keeps the fast-path verifier a current holder through grants, revokes and renounces", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol, admin } = b;
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const message = { socialId: social, wallet, deadline };
    const role = await vault.read.VERIFIER_ROLE();
    const second = keyFor("verifier-2");
    const third = keyFor("verifier-3");
    await vault.write.grantRole([role, second.address]);
    await vault.write.grantRole([role, third.address]);
    // revoking the newest grant (the fast path) stops it; the others still work through the role
    await vault.write.revokeRole([role, third.address]);
    const [a, c, d] = [
      await escrow(b, GiftKind.Social, social, 1n),
      await escrow(b, GiftKind.Social, social, 2n),
      await escrow(b, GiftKind.Social, social, 4n),
    ];
    const claim = async (g: typeof a, signer = verifier) =>
      vault.write.claimSocial([
        g.giftId,
        g.gift,
        wallet,
        deadline,
        await b.signSocial(message, signer),
      ]);
    await assertions.revertWithCustomError(claim(a, third), vault, "InvalidSignature");
    await claim(a, second);
    // a verifier that renounces its role stops at once too
    await admin.sendTransaction({ to: second.address, value: 10n ** 18n });
    await vault.write.renounceRole([role, second.address], { account: second });
    await assertions.revertWithCustomError(claim(c, second), vault, "InvalidSignature");
    await claim(c);
    // granted again, a key is the fast path again
    await vault.write.grantRole([role, third.address]);
    await claim(d, third);
    assert.equal(await b.balanceOf(wallet), 7n);
  });

  it("claims a batch of one social id's gifts with one attestation", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol, relayer, publicClient } = b;
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const gifts = [
      await escrow(b, GiftKind.Social, social, 10n),
      await escrow(b, GiftKind.Social, social, 20n),
    ];
    const attestation = await b.signSocial({ socialId: social, wallet, deadline });
    const ids = gifts.map((g) => g.giftId);
    const fields = gifts.map((g) => g.gift);
    const hash = await vault.write.claimSocialBatch([ids, fields, wallet, deadline, attestation], {
      account: relayer.account,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const claimed = await vault.getEvents.GiftClaimed({}, { blockHash: receipt.blockHash });
    assert.deepEqual(
      claimed.map((e) => [e.args.giftId, e.args.amount]),
      [
        [ids[0], 10n],
        [ids[1], 20n],
      ],
    );
    assert.equal(await b.balanceOf(wallet), 30n);
  });

  it("refuses empty, uneven and mixed-id social batches", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol } = b;
    const wallet = carol.account.address;
    const deadline = await withinHour(b);
    const mine = await escrow(b, GiftKind.Social, social);
    const other = await escrow(b, GiftKind.Social, socialId("x", "43"));
    const attestation = await b.signSocial({ socialId: social, wallet, deadline });
    const batch = (ids: bigint[], gifts: (typeof mine.gift)[]) =>
      vault.write.claimSocialBatch([ids, gifts, wallet, deadline, attestation]);
    await assertions.revertWithCustomError(batch([], []), vault, "InvalidBatch");
    await assertions.revertWithCustomError(batch([mine.giftId], []), vault, "InvalidBatch");
    await assertions.revertWithCustomError(
      batch([mine.giftId, other.giftId], [mine.gift, other.gift]),
      vault,
      "InvalidSignature",
    );
  });
});

describe("GiftVault link claims", () => {
  it("pays only the recipient the link key signed, whoever relays", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token, carol, bob, relayer } = b;
    const { giftId, gift } = await escrow(b, GiftKind.Link, addressKey(linkKey.address));
    const to = carol.account.address;
    const signature = await b.signLink(linkKey, { giftId, recipient: to });
    // a front-runner who copies the signature cannot redirect the gift
    await assertions.revertWithCustomError(
      vault.write.claimLink([giftId, gift, bob.account.address, signature], {
        account: bob.account,
      }),
      vault,
      "InvalidSignature",
    );
    await assertions.emitWithArgs(
      vault.write.claimLink([giftId, gift, to, signature], { account: relayer.account }),
      vault,
      "GiftClaimed",
      [giftId, to, relayer.account.address, token.address, gift.amount],
    );
    assert.equal(await b.balanceOf(to), gift.amount);
    await refusedAsUnknown(vault, vault.write.claimLink([giftId, gift, to, signature]), giftId);
  });

  it("rejects link signatures for another chain, contract or gift, malleable or from another key", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol, chainId } = b;
    const to = carol.account.address;
    // one link key, two senders: two gifts with two ids
    const first = await escrow(b, GiftKind.Link, addressKey(linkKey.address));
    const second = await escrow(b, GiftKind.Link, addressKey(linkKey.address), 100n, b.bob);
    assert.notEqual(first.giftId, second.giftId);
    const message = { giftId: second.giftId, recipient: to };
    const rejected = async (signature: CompactSignature) =>
      assertions.revertWithCustomError(
        vault.write.claimLink([second.giftId, second.gift, to, signature]),
        vault,
        "InvalidSignature",
      );
    await rejected(await b.signLink(linkKey, message, giftVaultDomain(chainId + 1, vault.address)));
    await rejected(
      await b.signLink(linkKey, message, giftVaultDomain(chainId, b.distributor.address)),
    );
    await rejected(await b.signLink(keyFor("other-link"), message));
    await rejected(malleate(await b.signLink(linkKey, message)));
    await rejected(garbageSignature);
    // reused: a signature for the first gift does not open the second
    const firstSignature = await b.signLink(linkKey, { giftId: first.giftId, recipient: to });
    await vault.write.claimLink([first.giftId, first.gift, to, firstSignature]);
    await rejected(firstSignature);
    await assertions.revertWithCustomError(
      claimLinkTo(b, second, zeroAddress),
      vault,
      "InvalidRecipient",
    );
  });

  it("claims a batch of link gifts, one signature each", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, carol } = b;
    const to = carol.account.address;
    const otherKey = keyFor("link-2");
    const gifts = [
      await escrow(b, GiftKind.Link, addressKey(linkKey.address), 3n),
      await escrow(b, GiftKind.Link, addressKey(otherKey.address), 4n),
    ];
    const signatures = [
      await b.signLink(linkKey, { giftId: gifts[0]?.giftId ?? 0n, recipient: to }),
      await b.signLink(otherKey, { giftId: gifts[1]?.giftId ?? 0n, recipient: to }),
    ];
    const ids = gifts.map((g) => g.giftId);
    const fields = gifts.map((g) => g.gift);
    await assertions.revertWithCustomError(
      vault.write.claimLinkBatch([ids, fields, to, signatures.slice(1)]),
      vault,
      "InvalidBatch",
    );
    await assertions.revertWithCustomError(
      vault.write.claimLinkBatch([ids, fields.slice(1), to, signatures]),
      vault,
      "InvalidBatch",
    );
    await assertions.revertWithCustomError(
      vault.write.claimLinkBatch([[], [], to, []]),
      vault,
      "InvalidBatch",
    );
    await vault.write.claimLinkBatch([ids, fields, to, signatures]);
    assert.equal(await b.balanceOf(to), 7n);
    for (const g of gifts) assert.equal(await isOpen(b, g), false);
  });
});

describe("GiftVault refunds", () => {
  it("keeps the gift from its own sender before expiry and refunds anyone's call after", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token, alice, relayer, carol } = b;
    const { giftId, gift } = await escrow(b, GiftKind.Social, social);
    const senderBalance = await b.balanceOf(alice.account.address);
    await networkHelpers.time.setNextBlockTimestamp(gift.expiry - 1);
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.refund([giftId, gift], { account: alice.account }),
      vault,
      "GiftNotExpired",
      [giftId, gift.expiry],
    );
    await networkHelpers.time.setNextBlockTimestamp(gift.expiry);
    await assertions.emitWithArgs(
      vault.write.refund([giftId, gift], { account: relayer.account }),
      vault,
      "GiftRefunded",
      [giftId, alice.account.address, relayer.account.address, token.address, gift.amount],
    );
    assert.equal(await b.balanceOf(alice.account.address), senderBalance + gift.amount);
    assert.equal(await b.balanceOf(vault.address), 0n);
    await refusedAsUnknown(vault, vault.write.refund([giftId, gift]), giftId);
    // refunded gifts cannot be claimed either
    const deadline = BigInt(gift.expiry + HOUR);
    const attestation = await b.signSocial({
      socialId: social,
      wallet: carol.account.address,
      deadline,
    });
    await refusedAsUnknown(
      vault,
      vault.write.claimSocial([giftId, gift, carol.account.address, deadline, attestation]),
      giftId,
    );
  });

  it("refunds a batch of expired gifts to their senders", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, alice, bob } = b;
    const first = await escrow(b, GiftKind.Social, social, 5n);
    const second = await escrow(b, GiftKind.Link, addressKey(linkKey.address), 6n, bob);
    const aliceBefore = await b.balanceOf(alice.account.address);
    const bobBefore = await b.balanceOf(bob.account.address);
    await assertions.revertWithCustomError(
      vault.write.refundBatch([[], []]),
      vault,
      "InvalidBatch",
    );
    await assertions.revertWithCustomError(
      vault.write.refundBatch([[first.giftId], [first.gift, second.gift]]),
      vault,
      "InvalidBatch",
    );
    await networkHelpers.time.increaseTo(second.gift.expiry);
    await vault.write.refundBatch([
      [first.giftId, second.giftId],
      [first.gift, second.gift],
    ]);
    assert.equal(await b.balanceOf(alice.account.address), aliceBefore + 5n);
    assert.equal(await b.balanceOf(bob.account.address), bobBefore + 6n);
  });

  it("still ends open gifts of a token removed from the allow-list", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { vault, token, carol } = b;
    const claimable = await escrow(b, GiftKind.Link, addressKey(linkKey.address));
    const refundable = await escrow(b, GiftKind.Social, social);
    await vault.write.setTokenConfig([token.address, false, true]);
    const to = carol.account.address;
    await claimLinkTo(b, claimable, to);
    await networkHelpers.time.increaseTo(refundable.gift.expiry);
    await vault.write.refund([refundable.giftId, refundable.gift]);
    assert.equal(await b.balanceOf(vault.address), 0n);
  });
});
