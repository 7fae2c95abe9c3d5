import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Address,
  getAddress,
  type Hex,
  padHex,
  parseAbi,
  parseEther,
  zeroAddress,
  zeroHash,
} from "viem";
import {
  addressKey,
  GiftKind,
  giftCommitment,
  giftIdOf,
  linkGiftId,
  socialId,
} from "../src/index.ts";
import { DAY, deployBoon, keyFor, MAX_EXPIRY, MIN_EXPIRY, nextSalt } from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const { assertions } = connection.viem;
const context = padHex("0x1234", { size: 32 });
const social = socialId("x", "42");
const linkKey = keyFor("link");
const feeTokenAbi = parseAbi([
  "function mint(address to, uint256 amount)",
  "function approve(address spender, uint256 value) returns (bool)",
]);

describe("GiftVault sending", () => {
  it("delivers an address gift at once, without custody, and records what arrived", async () => {
    const { vault, token, alice, carol, balanceOf, publicClient } =
      await networkHelpers.loadFixture(deployBoon);
    const amount = parseEther("3");
    const before = await balanceOf(alice.account.address);
    const args = [token.address, carol.account.address, amount, context, "hi"] as const;
    const { result } = await publicClient.simulateContract({
      address: vault.address,
      abi: vault.abi,
      functionName: "giftToAddress",
      args,
      account: alice.account,
    });
    assert.equal(result, amount);
    await assertions.emitWithArgs(
      vault.write.giftToAddress(args, { account: alice.account }),
      vault,
      "GiftDelivered",
      [alice.account.address, carol.account.address, token.address, amount, context, "hi"],
    );
    assert.equal(await balanceOf(carol.account.address), amount);
    assert.equal(await balanceOf(alice.account.address), before - amount);
    assert.equal(await balanceOf(vault.address), 0n);
  });

  it("escrows a social gift under one commitment, its id derived from the sender's salt", async () => {
    const { vault, token, alice, now, sentGifts, balanceOf } =
      await networkHelpers.loadFixture(deployBoon);
    const amount = parseEther("2");
    const expiry = (await now()) + DAY;
    const salt = nextSalt();
    const giftId = giftIdOf(alice.account.address, salt);
    assert.equal(await vault.read.giftIdOf([alice.account.address, salt]), giftId);
    const hash = await vault.write.giftToSocial(
      [token.address, social, amount, expiry, salt, context, "gm"],
      { account: alice.account },
    );
    await assertions.emitWithArgs(Promise.resolve(hash), vault, "SocialGiftSent", [
      giftId,
      alice.account.address,
      social,
      token.address,
      amount,
      expiry,
      context,
      "gm",
    ]);
    const [sent] = await sentGifts(hash);
    assert.ok(sent);
    assert.equal(sent.giftId, giftId);
    assert.deepEqual(sent.gift, {
      token: getAddress(token.address),
      sender: getAddress(alice.account.address),
      kind: GiftKind.Social,
      recipient: social,
      amount,
      expiry,
    });
    assert.equal(await vault.read.giftCommitment([giftId]), giftCommitment(sent.gift));
    assert.notEqual(
      await vault.read.giftCommitment([giftId]),
      giftCommitment({ ...sent.gift, amount: amount + 1n }),
    );
    assert.equal(await balanceOf(vault.address), amount);
  });

  it("escrows a link gift for the link key's address, the key being its salt", async () => {
    const { vault, token, alice, now, sentGifts, balanceOf } =
      await networkHelpers.loadFixture(deployBoon);
    const expiry = (await now()) + DAY;
    const giftId = linkGiftId(alice.account.address, linkKey.address);
    const hash = await vault.write.giftToLink(
      [token.address, linkKey.address, 5n, expiry, zeroHash, ""],
      { account: alice.account },
    );
    await assertions.emitWithArgs(Promise.resolve(hash), vault, "LinkGiftSent", [
      giftId,
      alice.account.address,
      linkKey.address,
      token.address,
      5n,
      expiry,
      zeroHash,
      "",
    ]);
    const [sent] = await sentGifts(hash);
    assert.ok(sent);
    assert.equal(sent.giftId, giftId);
    assert.equal(sent.gift.kind, GiftKind.Link);
    assert.equal(sent.gift.recipient, addressKey(linkKey.address));
    assert.equal(await vault.read.giftCommitment([giftId]), giftCommitment(sent.gift));
    assert.equal(await balanceOf(vault.address), 5n);
  });

  it("refuses a second open gift under one id; ids are per sender", async () => {
    const { vault, token, alice, bob, now } = await networkHelpers.loadFixture(deployBoon);
    const expiry = (await now()) + DAY;
    const salt = nextSalt();
    const send = (who: typeof alice) =>
      vault.write.giftToSocial([token.address, social, 1n, expiry, salt, zeroHash, ""], {
        account: who.account,
      });
    await send(alice);
    await assertions.revertWithCustomErrorWithArgs(send(alice), vault, "GiftIdInUse", [
      giftIdOf(alice.account.address, salt),
    ]);
    // another sender's salt space is its own: nobody can take an id from under a sender
    await send(bob);
    const link = () =>
      vault.write.giftToLink([token.address, linkKey.address, 1n, expiry, zeroHash, ""], {
        account: alice.account,
      });
    await link();
    await assertions.revertWithCustomErrorWithArgs(link(), vault, "GiftIdInUse", [
      linkGiftId(alice.account.address, linkKey.address),
    ]);
  });

  it("refuses tokens off the allow-list, zero amounts, zero recipients and gifts to oneself", async () => {
    const { vault, token, alice, bob, now, viem } = await networkHelpers.loadFixture(deployBoon);
    const other = await viem.deployContract("MockToken", ["Other", 18]);
    const expiry = (await now()) + DAY;
    const as = { account: alice.account };
    const to = bob.account.address;
    for (const call of [
      vault.write.giftToAddress([token.address, alice.account.address, 1n, zeroHash, ""], as),
      vault.write.sendGifts(
        [
          token.address,
          [{ kind: GiftKind.Address, recipient: addressKey(alice.account.address), amount: 1n }],
          0,
          0n,
          zeroHash,
          "",
        ],
        as,
      ),
    ]) {
      await assertions.revertWithCustomError(call, vault, "InvalidRecipient");
    }
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.giftToAddress([other.address, to, 1n, zeroHash, ""], as),
      vault,
      "TokenNotAllowed",
      [other.address],
    );
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.giftToSocial([other.address, social, 1n, expiry, 1n, zeroHash, ""], as),
      vault,
      "TokenNotAllowed",
      [other.address],
    );
    await assertions.revertWithCustomError(
      vault.write.giftToAddress([token.address, to, 0n, zeroHash, ""], as),
      vault,
      "ZeroAmount",
    );
    await assertions.revertWithCustomError(
      vault.write.giftToLink([token.address, linkKey.address, 0n, expiry, zeroHash, ""], as),
      vault,
      "ZeroAmount",
    );
    await assertions.revertWithCustomError(
      vault.write.giftToAddress([token.address, zeroAddress, 1n, zeroHash, ""], as),
      vault,
      "InvalidRecipient",
    );
    await assertions.revertWithCustomError(
      vault.write.giftToSocial([token.address, zeroHash, 1n, expiry, 1n, zeroHash, ""], as),
      vault,
      "InvalidRecipient",
    );
    await assertions.revertWithCustomError(
      vault.write.giftToLink([token.address, zeroAddress, 1n, expiry, zeroHash, ""], as),
      vault,
      "InvalidRecipient",
    );
  });

  it("bounds the expiry to [now + min, now + max]", async () => {
    const {
      vault,
      token,
      alice,
      balanceOf,
      networkHelpers: helpers,
    } = await networkHelpers.loadFixture(deployBoon);
    const as = { account: alice.account };
    const send = async (offset: number) => {
      const at = (await helpers.time.latest()) + 10;
      await helpers.time.setNextBlockTimestamp(at);
      return {
        at,
        tx: vault.write.giftToSocial(
          [token.address, social, 1n, at + offset, nextSalt(), zeroHash, ""],
          as,
        ),
      };
    };
    const early = await send(MIN_EXPIRY - 1);
    await assertions.revertWithCustomErrorWithArgs(early.tx, vault, "InvalidExpiry", [
      early.at + MIN_EXPIRY - 1,
      BigInt(early.at + MIN_EXPIRY),
      BigInt(early.at + MAX_EXPIRY),
    ]);
    const late = await send(MAX_EXPIRY + 1);
    await assertions.revertWithCustomErrorWithArgs(late.tx, vault, "InvalidExpiry", [
      late.at + MAX_EXPIRY + 1,
      BigInt(late.at + MIN_EXPIRY),
      BigInt(late.at + MAX_EXPIRY),
    ]);
    await (await send(MIN_EXPIRY)).tx;
    await (await send(MAX_EXPIRY)).tx;
    assert.equal(await balanceOf(vault.address), 2n);
  });

  it("measures a token not marked exact: escrow must arrive whole, a direct gift records what arrived", async () => {
    const { vault, alice, carol, now, viem } = await networkHelpers.loadFixture(deployBoon);
    const feeToken = await viem.deployContract("FeeOnTransferToken", [100n]);
    await vault.write.setTokenConfig([feeToken.address, true, false]);
    // mocks compile with the tests, so their artifacts carry no ABI types: call through a small ABI
    const write = (functionName: "mint" | "approve", args: readonly [Address, bigint]) =>
      alice.writeContract({ address: feeToken.address, abi: feeTokenAbi, functionName, args });
    await write("mint", [alice.account.address, 2000n]);
    await write("approve", [vault.address, 2000n]);
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.giftToSocial(
        [feeToken.address, social, 1000n, (await now()) + DAY, 1n, zeroHash, ""],
        { account: alice.account },
      ),
      vault,
      "TransferAmountMismatch",
      [1000n, 990n],
    );
    // the 1% fee comes off a direct gift on its way: the event says what carol received
    await assertions.emitWithArgs(
      vault.write.giftToAddress([feeToken.address, carol.account.address, 1000n, zeroHash, ""], {
        account: alice.account,
      }),
      vault,
      "GiftDelivered",
      [alice.account.address, carol.account.address, feeToken.address, 990n, zeroHash, ""],
    );
  });

  describe("batch", () => {
    it("sends address, social and link gifts with derived ids and one pull of the escrow", async () => {
      const { vault, token, alice, carol, now, sentGifts, balanceOf } =
        await networkHelpers.loadFixture(deployBoon);
      const expiry = (await now()) + DAY;
      const salt = nextSalt();
      const requests = [
        { kind: GiftKind.Address, recipient: addressKey(carol.account.address), amount: 7n },
        { kind: GiftKind.Social, recipient: social, amount: 11n },
        { kind: GiftKind.Link, recipient: addressKey(linkKey.address), amount: 13n },
        { kind: GiftKind.Social, recipient: social, amount: 17n },
      ];
      const senderBefore = await balanceOf(alice.account.address);
      const hash = await vault.write.sendGifts(
        [token.address, requests, expiry, salt, context, "batch"],
        { account: alice.account },
      );
      await assertions.emitWithArgs(Promise.resolve(hash), vault, "GiftsSent", [
        alice.account.address,
        token.address,
        expiry,
        salt,
        context,
        "batch",
        requests,
      ]);
      const sent = await sentGifts(hash);
      const sender = alice.account.address;
      assert.deepEqual(
        sent.map((s) => s.giftId),
        [
          giftIdOf(sender, salt + 1n),
          linkGiftId(sender, linkKey.address),
          giftIdOf(sender, salt + 3n),
        ],
      );
      assert.deepEqual(
        sent.map((s) => [s.gift.kind, s.gift.recipient, s.gift.amount, s.gift.expiry]),
        [
          [GiftKind.Social, social, 11n, expiry],
          [GiftKind.Link, requests[2]?.recipient, 13n, expiry],
          [GiftKind.Social, social, 17n, expiry],
        ],
      );
      for (const s of sent)
        assert.equal(await vault.read.giftCommitment([s.giftId]), giftCommitment(s.gift));
      // the address entry uses no id: its salt slot stays empty
      assert.equal(await vault.read.giftCommitment([giftIdOf(sender, salt)]), zeroHash);
      assert.equal(await balanceOf(carol.account.address), 7n);
      assert.equal(await balanceOf(vault.address), 41n);
      assert.equal(await balanceOf(alice.account.address), senderBefore - 48n);
      // the address gift goes straight to carol; the escrowed part is pulled once
      await assertions.emitWithArgs(Promise.resolve(hash), token, "Transfer", [
        alice.account.address,
        vault.address,
        41n,
      ]);
    });

    it("ignores the expiry when every gift is an address gift", async () => {
      const { vault, token, alice, carol, balanceOf } =
        await networkHelpers.loadFixture(deployBoon);
      const requests = [
        { kind: GiftKind.Address, recipient: addressKey(carol.account.address), amount: 9n },
      ];
      await vault.write.sendGifts([token.address, requests, 0, 0n, zeroHash, ""], {
        account: alice.account,
      });
      assert.equal(await balanceOf(carol.account.address), 9n);
      assert.equal(await balanceOf(vault.address), 0n);
    });

    it("refuses empty batches, bad entries, a link key twice, bad expiry and tokens off the list", async () => {
      const { vault, token, alice, now, viem } = await networkHelpers.loadFixture(deployBoon);
      const as = { account: alice.account };
      const expiry = (await now()) + DAY;
      const send = (requests: { kind: number; recipient: Hex; amount: bigint }[], e = expiry) =>
        vault.write.sendGifts([token.address, requests, e, nextSalt(), zeroHash, ""], as);
      await assertions.revertWithCustomError(send([]), vault, "InvalidBatch");
      const refused = (
        kind: GiftKind,
        recipient: Hex,
        amount: bigint,
        error: "ZeroAmount" | "InvalidRecipient",
      ) => assertions.revertWithCustomError(send([{ kind, recipient, amount }]), vault, error);
      await refused(GiftKind.Social, social, 0n, "ZeroAmount");
      await refused(GiftKind.Social, zeroHash, 1n, "InvalidRecipient");
      // an address or link key must fit in 160 bits
      await refused(GiftKind.Link, social, 1n, "InvalidRecipient");
      await refused(GiftKind.Address, social, 1n, "InvalidRecipient");
      const key = addressKey(linkKey.address);
      await assertions.revertWithCustomErrorWithArgs(
        send([
          { kind: GiftKind.Link, recipient: key, amount: 1n },
          { kind: GiftKind.Link, recipient: key, amount: 2n },
        ]),
        vault,
        "GiftIdInUse",
        [linkGiftId(alice.account.address, linkKey.address)],
      );
      await assertions.revertWithCustomError(
        send([{ kind: GiftKind.Social, recipient: social, amount: 1n }], 0),
        vault,
        "InvalidExpiry",
      );
      const other = await viem.deployContract("MockToken", ["Other", 18]);
      await assertions.revertWithCustomErrorWithArgs(
        vault.write.sendGifts(
          [
            other.address,
            [{ kind: GiftKind.Social, recipient: social, amount: 1n }],
            expiry,
            0n,
            zeroHash,
            "",
          ],
          as,
        ),
        vault,
        "TokenNotAllowed",
        [other.address],
      );
    });
  });

  describe("with permit", () => {
    it("uses a valid permit for each send kind", async () => {
      const { vault, token, carol, admin, now, signPermit, sentGifts } =
        await networkHelpers.loadFixture(deployBoon);
      await token.write.mint([carol.account.address, 100n]);
      const as = { account: carol.account };
      const expiry = (await now()) + DAY;
      const to = admin.account.address;

      await vault.write.giftToAddressWithPermit(
        [token.address, to, 10n, zeroHash, "", await signPermit(carol, 10n)],
        as,
      );
      assert.equal(await token.read.balanceOf([to]), 10n);

      const socialHash = await vault.write.giftToSocialWithPermit(
        [
          token.address,
          social,
          20n,
          expiry,
          nextSalt(),
          zeroHash,
          "",
          await signPermit(carol, 20n),
        ],
        as,
      );
      assert.equal((await sentGifts(socialHash))[0]?.gift.kind, GiftKind.Social);

      const linkHash = await vault.write.giftToLinkWithPermit(
        [token.address, linkKey.address, 30n, expiry, zeroHash, "", await signPermit(carol, 30n)],
        as,
      );
      assert.equal((await sentGifts(linkHash))[0]?.gift.kind, GiftKind.Link);

      const requests = [
        { kind: GiftKind.Social, recipient: social, amount: 15n },
        { kind: GiftKind.Link, recipient: addressKey(keyFor("link-2").address), amount: 25n },
      ];
      await vault.write.sendGiftsWithPermit(
        [token.address, requests, expiry, nextSalt(), zeroHash, "", await signPermit(carol, 40n)],
        as,
      );
      assert.equal(await token.read.balanceOf([carol.account.address]), 0n);
      assert.equal(await token.read.balanceOf([vault.address]), 90n);
      assert.equal(await token.read.allowance([carol.account.address, vault.address]), 0n);
    });

    it("still sends when a front-runner already used the permit", async () => {
      const { vault, token, carol, now, signPermit, balanceOf } =
        await networkHelpers.loadFixture(deployBoon);
      await token.write.mint([carol.account.address, 50n]);
      const permit = await signPermit(carol, 50n);
      // anyone can submit the permit itself first
      await token.write.permit([
        carol.account.address,
        vault.address,
        permit.value,
        permit.deadline,
        permit.v,
        permit.r,
        permit.s,
      ]);
      await vault.write.giftToSocialWithPermit(
        [token.address, social, 50n, (await now()) + DAY, nextSalt(), zeroHash, "", permit],
        { account: carol.account },
      );
      assert.equal(await balanceOf(vault.address), 50n);
    });

    it("refuses a bad permit without allowance with InsufficientAllowance", async () => {
      const { vault, token, carol, admin, now, signPermit } =
        await networkHelpers.loadFixture(deployBoon);
      await token.write.mint([carol.account.address, 50n]);
      const permit = { ...(await signPermit(carol, 50n)), value: 49n }; // signature no longer matches
      const as = { account: carol.account };
      const expiry = (await now()) + DAY;
      // Without the permit's allowance, each send finds none of the 50 it needs.
      const refused = (send: Promise<Hex>) =>
        assertions.revertWithCustomErrorWithArgs(send, vault, "InsufficientAllowance", [0n, 50n]);
      const { address: to } = admin.account;
      await refused(
        vault.write.giftToAddressWithPermit([token.address, to, 50n, zeroHash, "", permit], as),
      );
      const linkGift = [token.address, linkKey.address, 50n, expiry, zeroHash, "", permit] as const;
      await refused(vault.write.giftToLinkWithPermit(linkGift, as));
      const twoGifts = [
        { kind: GiftKind.Social, recipient: social, amount: 30n },
        { kind: GiftKind.Social, recipient: social, amount: 20n },
      ];
      await refused(
        vault.write.sendGiftsWithPermit(
          [token.address, twoGifts, expiry, nextSalt(), zeroHash, "", permit],
          as,
        ),
      );
    });
  });
});
