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
import { addressKey, GiftKind, giftCommitment, socialId } from "../src/eip712.ts";
import { DAY, deployBoon, keyFor, MAX_EXPIRY, MIN_EXPIRY } from "./fixtures.ts";

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
  it("delivers an address gift at once, without custody, and records it", async () => {
    const { vault, token, alice, carol, balanceOf } = await networkHelpers.loadFixture(deployBoon);
    const amount = parseEther("3");
    const before = await balanceOf(alice.account.address);
    const giftId = await vault.read.nextGiftId();
    await assertions.emitWithArgs(
      vault.write.giftToAddress([token.address, carol.account.address, amount, context, "hi"], {
        account: alice.account,
      }),
      vault,
      "GiftSent",
      [
        giftId,
        alice.account.address,
        addressKey(carol.account.address),
        GiftKind.Address,
        token.address,
        amount,
        0,
        context,
        "hi",
      ],
    );
    assert.equal(await balanceOf(carol.account.address), amount);
    assert.equal(await balanceOf(alice.account.address), before - amount);
    assert.equal(await balanceOf(vault.address), 0n);
    assert.equal(await vault.read.giftCommitment([giftId]), zeroHash);
    assert.equal(await vault.read.nextGiftId(), giftId + 1n);
  });

  it("escrows a social gift under one commitment and emits all its fields", async () => {
    const { vault, token, alice, now, sentGifts, balanceOf } =
      await networkHelpers.loadFixture(deployBoon);
    const amount = parseEther("2");
    const expiry = (await now()) + DAY;
    const giftId = await vault.read.nextGiftId();
    const hash = await vault.write.giftToSocial(
      [token.address, social, amount, expiry, context, "gm"],
      {
        account: alice.account,
      },
    );
    await assertions.emitWithArgs(Promise.resolve(hash), vault, "GiftSent", [
      giftId,
      alice.account.address,
      social,
      GiftKind.Social,
      token.address,
      amount,
      expiry,
      context,
      "gm",
    ]);
    const [sent] = await sentGifts(hash);
    assert.ok(sent);
    assert.deepEqual(sent.gift, {
      token: getAddress(token.address),
      sender: getAddress(alice.account.address),
      kind: GiftKind.Social,
      recipient: social,
      amount,
      expiry,
    });
    assert.equal(await vault.read.giftCommitment([giftId]), giftCommitment(sent.gift));
    assert.equal(await vault.read.isOpen([giftId, sent.gift]), true);
    assert.equal(await vault.read.isOpen([giftId, { ...sent.gift, amount: amount + 1n }]), false);
    assert.equal(await balanceOf(vault.address), amount);
  });

  it("escrows a link gift for the link key's address", async () => {
    const { vault, token, alice, now, sentGifts, balanceOf } =
      await networkHelpers.loadFixture(deployBoon);
    const expiry = (await now()) + DAY;
    const hash = await vault.write.giftToLink(
      [token.address, linkKey.address, 5n, expiry, zeroHash, ""],
      {
        account: alice.account,
      },
    );
    const [sent] = await sentGifts(hash);
    assert.ok(sent);
    assert.equal(sent.gift.kind, GiftKind.Link);
    assert.equal(sent.gift.recipient, addressKey(linkKey.address));
    assert.equal(await vault.read.isOpen([sent.giftId, sent.gift]), true);
    assert.equal(await balanceOf(vault.address), 5n);
  });

  it("refuses tokens off the allow-list, zero amounts and zero recipients", async () => {
    const { vault, token, alice, now, viem } = await networkHelpers.loadFixture(deployBoon);
    const other = await viem.deployContract("MockToken", ["Other", 18]);
    const expiry = (await now()) + DAY;
    const as = { account: alice.account };
    const to = alice.account.address;
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.giftToAddress([other.address, to, 1n, zeroHash, ""], as),
      vault,
      "TokenNotAllowed",
      [other.address],
    );
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.giftToSocial([other.address, social, 1n, expiry, zeroHash, ""], as),
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
      vault.write.giftToSocial([token.address, zeroHash, 1n, expiry, zeroHash, ""], as),
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
      networkHelpers: helpers,
    } = await networkHelpers.loadFixture(deployBoon);
    const as = { account: alice.account };
    const send = async (offset: number) => {
      const at = (await helpers.time.latest()) + 10;
      await helpers.time.setNextBlockTimestamp(at);
      return {
        at,
        tx: vault.write.giftToSocial([token.address, social, 1n, at + offset, zeroHash, ""], as),
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
    assert.equal(await vault.read.nextGiftId(), 3n);
  });

  it("refuses a token whose transfer delivers less than the amount", async () => {
    const { vault, alice, now, viem } = await networkHelpers.loadFixture(deployBoon);
    const feeToken = await viem.deployContract("FeeOnTransferToken", [100n]);
    await vault.write.setTokenAllowed([feeToken.address, true]);
    // mocks compile with the tests, so their artifacts carry no ABI types: call through a small ABI
    const write = (functionName: "mint" | "approve", args: readonly [Address, bigint]) =>
      alice.writeContract({ address: feeToken.address, abi: feeTokenAbi, functionName, args });
    await write("mint", [alice.account.address, 1000n]);
    await write("approve", [vault.address, 1000n]);
    await assertions.revertWithCustomErrorWithArgs(
      vault.write.giftToSocial(
        [feeToken.address, social, 1000n, (await now()) + DAY, zeroHash, ""],
        {
          account: alice.account,
        },
      ),
      vault,
      "TransferAmountMismatch",
      [1000n, 990n],
    );
  });

  describe("batch", () => {
    it("sends address, social and link gifts with consecutive ids and one pull", async () => {
      const { vault, token, alice, carol, now, sentGifts, balanceOf } =
        await networkHelpers.loadFixture(deployBoon);
      const expiry = (await now()) + DAY;
      const firstId = await vault.read.nextGiftId();
      const requests = [
        { kind: GiftKind.Address, recipient: addressKey(carol.account.address), amount: 7n },
        { kind: GiftKind.Social, recipient: social, amount: 11n },
        { kind: GiftKind.Link, recipient: addressKey(linkKey.address), amount: 13n },
      ];
      const senderBefore = await balanceOf(alice.account.address);
      const hash = await vault.write.sendGifts(
        [token.address, requests, expiry, context, "batch"],
        {
          account: alice.account,
        },
      );
      const sent = await sentGifts(hash);
      assert.deepEqual(
        sent.map((s) => s.giftId),
        [firstId, firstId + 1n, firstId + 2n],
      );
      assert.deepEqual(
        sent.map((s) => [s.gift.kind, s.gift.recipient, s.gift.amount, s.gift.expiry]),
        [
          [GiftKind.Address, requests[0]?.recipient, 7n, 0],
          [GiftKind.Social, social, 11n, expiry],
          [GiftKind.Link, requests[2]?.recipient, 13n, expiry],
        ],
      );
      assert.equal(await vault.read.giftCommitment([firstId]), zeroHash);
      for (const s of sent.slice(1))
        assert.equal(await vault.read.isOpen([s.giftId, s.gift]), true);
      assert.equal(await balanceOf(carol.account.address), 7n);
      assert.equal(await balanceOf(vault.address), 24n);
      assert.equal(await balanceOf(alice.account.address), senderBefore - 31n);
      assert.equal(await vault.read.nextGiftId(), firstId + 3n);
      await assertions.emitWithArgs(Promise.resolve(hash), token, "Transfer", [
        alice.account.address,
        vault.address,
        31n,
      ]);
    });

    it("ignores the expiry when every gift is an address gift", async () => {
      const { vault, token, alice, carol, balanceOf } =
        await networkHelpers.loadFixture(deployBoon);
      const requests = [
        { kind: GiftKind.Address, recipient: addressKey(carol.account.address), amount: 9n },
      ];
      await vault.write.sendGifts([token.address, requests, 0, zeroHash, ""], {
        account: alice.account,
      });
      assert.equal(await balanceOf(carol.account.address), 9n);
      assert.equal(await balanceOf(vault.address), 0n);
    });

    it("refuses empty batches, bad entries, bad expiry and tokens off the list", async () => {
      const { vault, token, alice, now, viem } = await networkHelpers.loadFixture(deployBoon);
      const as = { account: alice.account };
      const expiry = (await now()) + DAY;
      const send = (requests: { kind: number; recipient: Hex; amount: bigint }[], e = expiry) =>
        vault.write.sendGifts([token.address, requests, e, zeroHash, ""], as);
      await assertions.revertWithCustomError(send([]), vault, "InvalidBatch");
      await assertions.revertWithCustomError(
        send([{ kind: GiftKind.Social, recipient: social, amount: 0n }]),
        vault,
        "ZeroAmount",
      );
      await assertions.revertWithCustomError(
        send([{ kind: GiftKind.Social, recipient: zeroHash, amount: 1n }]),
        vault,
        "InvalidRecipient",
      );
      // an address or link key must fit in 160 bits
      await assertions.revertWithCustomError(
        send([{ kind: GiftKind.Link, recipient: social, amount: 1n }]),
        vault,
        "InvalidRecipient",
      );
      await assertions.revertWithCustomError(
        send([{ kind: GiftKind.Address, recipient: social, amount: 1n }]),
        vault,
        "InvalidRecipient",
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
        [token.address, social, 20n, expiry, zeroHash, "", await signPermit(carol, 20n)],
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
        { kind: GiftKind.Link, recipient: addressKey(linkKey.address), amount: 25n },
      ];
      await vault.write.sendGiftsWithPermit(
        [token.address, requests, expiry, zeroHash, "", await signPermit(carol, 40n)],
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
        [token.address, social, 50n, (await now()) + DAY, zeroHash, "", permit],
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
      await assertions.revertWithCustomErrorWithArgs(
        vault.write.giftToAddressWithPermit(
          [token.address, admin.account.address, 50n, zeroHash, "", permit],
          as,
        ),
        vault,
        "InsufficientAllowance",
        [0n, 50n],
      );
      await assertions.revertWithCustomErrorWithArgs(
        vault.write.giftToLinkWithPermit(
          [token.address, linkKey.address, 50n, expiry, zeroHash, "", permit],
          as,
        ),
        vault,
        "InsufficientAllowance",
        [0n, 50n],
      );
      await assertions.revertWithCustomErrorWithArgs(
        vault.write.sendGiftsWithPermit(
          [
            token.address,
            [
              { kind: GiftKind.Social, recipient: social, amount: 30n },
              { kind: GiftKind.Social, recipient: social, amount: 20n },
            ],
            expiry,
            zeroHash,
            "",
            permit,
          ],
          as,
        ),
        vault,
        "InsufficientAllowance",
        [0n, 50n],
      );
    });
  });
});
