// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BoonToken} from "../src/BoonToken.sol";
import {CompactSignature} from "../src/interfaces/CompactSignature.sol";
import {IRewardDistributor} from "../src/interfaces/IRewardDistributor.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";
import {Signatures} from "./utils/Signatures.sol";
import {TestBase} from "./utils/TestBase.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Fuzz tests of RewardDistributor: cumulative vouchers, per-claim and daily caps (the daily
/// budget), and the voucher signature's binding to chain, contract, account and deadline.
contract RewardDistributorFuzzTest is TestBase {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant SIGNER_KEY = 0x5167;
    uint256 internal constant DAILY_CAP = 10_000e18;
    uint256 internal constant MAX_CLAIM = 1_000e18;
    address internal constant ACCOUNT = address(0xCAFE);

    BoonToken internal boon;
    RewardDistributor internal distributor;
    address internal signer;
    /// @dev Cached so that signing makes no call between vm.expectRevert and its target call.
    bytes32 internal domain;

    function setUp() public {
        vm.warp(START);
        signer = vm.addr(SIGNER_KEY);
        boon = new BoonToken(address(this), 1e27);
        distributor = new RewardDistributor(boon, address(this), signer, DAILY_CAP, MAX_CLAIM);
        boon.grantRole(boon.MINTER_ROLE(), address(distributor));
        domain = Signatures.distributorDomain(block.chainid, address(distributor));
    }

    function _voucher(address account, uint256 cumulative, uint256 deadline)
        internal
        view
        returns (CompactSignature memory)
    {
        return Signatures.sign(SIGNER_KEY, Signatures.voucherDigest(domain, account, cumulative, deadline));
    }

    function _claim(address account, uint256 cumulative) internal returns (uint256) {
        uint256 deadline = block.timestamp + 1 hours;
        return distributor.claim(account, cumulative, deadline, _voucher(account, cumulative, deadline));
    }

    /// @dev Each claim pays exactly the difference to what was already claimed; every older voucher is
    /// dead afterwards, however it is relayed.
    function testFuzz_CumulativeVouchersMintOnlyTheDifference(uint256[8] memory steps, address relayer) public {
        uint256[8] memory cumulative;
        uint256[8] memory deadlines;
        CompactSignature[8] memory vouchers;
        uint256 total;
        for (uint256 i; i < steps.length; ++i) {
            total += bound(steps[i], 1, MAX_CLAIM);
            cumulative[i] = total;
            deadlines[i] = block.timestamp + 30 days;
            vouchers[i] = _voucher(ACCOUNT, total, deadlines[i]);
        }
        uint256 claimedBefore;
        for (uint256 i; i < steps.length; ++i) {
            vm.warp(block.timestamp + 1 days); // stay clear of the daily cap; it has its own test
            vm.prank(relayer);
            uint256 paid = distributor.claim(ACCOUNT, cumulative[i], deadlines[i], vouchers[i]);
            assertEq(paid, cumulative[i] - claimedBefore, "pays the difference");
            assertEq(boon.balanceOf(ACCOUNT), cumulative[i], "balance is the cumulative amount");
            assertEq(distributor.claimed(ACCOUNT), cumulative[i], "claimed recorded");
            claimedBefore = cumulative[i];
            for (uint256 j; j <= i; ++j) {
                vm.expectRevert(
                    abi.encodeWithSelector(IRewardDistributor.NothingToClaim.selector, cumulative[j], cumulative[i])
                );
                distributor.claim(ACCOUNT, cumulative[j], deadlines[j], vouchers[j]);
            }
        }
        uint256 unpaidBudget = boon.balanceOf(address(distributor));
        assertLe(unpaidBudget, DAILY_CAP, "at most one day's budget is left unpaid");
        assertEq(boon.totalSupply(), total + unpaidBudget, "minted the final cumulative and today's budget");
        if (relayer != ACCOUNT) assertEq(boon.balanceOf(relayer), 0, "relayer gets nothing");
    }

    /// @dev A voucher that skips ahead by more than the per-claim cap is refused whole.
    function testFuzz_ClaimAboveCapReverts(uint256 first, uint256 jump) public {
        first = bound(first, 1, MAX_CLAIM);
        _claim(ACCOUNT, first);
        jump = bound(jump, MAX_CLAIM + 1, 1e30);
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory voucher = _voucher(ACCOUNT, first + jump, deadline);

        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.ClaimAboveCap.selector, jump, MAX_CLAIM));
        distributor.claim(ACCOUNT, first + jump, deadline, voucher);
        assertEq(distributor.claimed(ACCOUNT), first, "nothing recorded");
    }

    /// @dev Many accounts claim in one UTC day until the global cap stops them; the next day opens again.
    function testFuzz_DailyCapIsNeverExceeded(uint256[24] memory amounts, uint256 timeOfDay) public {
        vm.warp((START / 1 days) * 1 days + bound(timeOfDay, 0, 1 days - 1)); // anywhere in one UTC day
        uint256 paidToday;
        bool capHit;
        for (uint256 i; i < amounts.length; ++i) {
            address account = address(uint160(0x1000 + i));
            uint256 amount = bound(amounts[i], 1, MAX_CLAIM);
            uint256 deadline = block.timestamp + 1 hours;
            CompactSignature memory voucher = _voucher(account, amount, deadline);
            if (paidToday + amount > DAILY_CAP) {
                capHit = true;
                vm.expectRevert(
                    abi.encodeWithSelector(IRewardDistributor.DailyCapExceeded.selector, amount, DAILY_CAP - paidToday)
                );
                distributor.claim(account, amount, deadline, voucher);
            } else {
                distributor.claim(account, amount, deadline, voucher);
                paidToday += amount;
            }
            assertEq(distributor.paidToday(), paidToday, "paid today");
            assertEq(distributor.remainingToday(), DAILY_CAP - paidToday, "remaining today");
            assertLe(paidToday, DAILY_CAP, "daily cap");
        }
        assertEq(boon.totalSupply(), DAILY_CAP, "the day's budget was minted once, no more");
        if (capHit) {
            vm.warp((block.timestamp / 1 days + 1) * 1 days); // midnight UTC
            assertEq(distributor.paidToday(), 0, "new day");
            _claim(address(0xD00D), MAX_CLAIM);
            assertEq(distributor.paidToday(), MAX_CLAIM, "the cap resets at midnight UTC");
            assertEq(boon.totalSupply(), DAILY_CAP + paidToday, "the new day topped the budget up to the cap");
        }
    }

    /// @dev Lowering the daily cap below what was paid today stops claims until midnight UTC
    /// (remaining is reported as zero, not an underflow; the rest of the budget is burned).
    function testFuzz_LoweringTheDailyCapMidDay(uint256 minted, uint256 newCap) public {
        minted = bound(minted, 2, MAX_CLAIM);
        _claim(ACCOUNT, minted);
        newCap = bound(newCap, 1, minted - 1);
        distributor.setCaps(newCap, MAX_CLAIM);
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory voucher = _voucher(address(0xD00D), 1, deadline);

        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.DailyCapExceeded.selector, 1, 0));
        distributor.claim(address(0xD00D), 1, deadline, voucher);
        vm.warp((block.timestamp / 1 days + 1) * 1 days);
        _claim(address(0xD00D), newCap);
        assertEq(distributor.paidToday(), newCap, "the new cap applies from the next day");
        assertEq(boon.totalSupply(), minted + newCap, "nothing beyond what was paid stayed minted");
    }

    function testFuzz_VoucherOnlyPaysItsAccount(address account, address otherAccount, uint256 amount) public {
        vm.assume(account != address(0) && otherAccount != address(0) && otherAccount != account);
        amount = bound(amount, 1, MAX_CLAIM);
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory voucher = _voucher(account, amount, deadline);

        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(otherAccount, amount, deadline, voucher);
        // nor for a larger amount or a later deadline than signed
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(account, amount + 1, deadline, voucher);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(account, amount, deadline + 1, voucher);

        vm.prank(otherAccount);
        distributor.claim(account, amount, deadline, voucher);
        assertEq(boon.balanceOf(account), amount, "paid to the voucher's account");
        assertEq(boon.balanceOf(otherAccount), 0, "the relayer got nothing");
    }

    function testFuzz_VoucherRejectedFromAnotherSignerOrDomain(
        uint256 otherKeySeed,
        uint256 otherChainId,
        address otherDistributor
    ) public {
        uint256 otherKey = boundKey(otherKeySeed);
        vm.assume(vm.addr(otherKey) != signer);
        vm.assume(otherChainId != block.chainid && otherDistributor != address(distributor));
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory wrongSigner = Signatures.sign(otherKey, Signatures.voucherDigest(domain, ACCOUNT, 1, deadline));
        CompactSignature memory wrongChain = Signatures.sign(
            SIGNER_KEY,
            Signatures.voucherDigest(Signatures.distributorDomain(otherChainId, address(distributor)), ACCOUNT, 1, deadline)
        );
        CompactSignature memory wrongContract = Signatures.sign(
            SIGNER_KEY,
            Signatures.voucherDigest(Signatures.distributorDomain(block.chainid, otherDistributor), ACCOUNT, 1, deadline)
        );
        CompactSignature memory highS = Signatures.toHighS(_voucher(ACCOUNT, 1, deadline));

        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(ACCOUNT, 1, deadline, wrongSigner);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(ACCOUNT, 1, deadline, wrongChain);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(ACCOUNT, 1, deadline, wrongContract);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(ACCOUNT, 1, deadline, highS);
        assertEq(boon.totalSupply(), 0, "nothing minted");
    }

    function testFuzz_VoucherDiesOnAChainFork(uint256 newChainId) public {
        vm.assume(newChainId != block.chainid && newChainId != 0 && newChainId < type(uint64).max);
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory voucher = _voucher(ACCOUNT, 1, deadline);

        vm.chainId(newChainId);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(ACCOUNT, 1, deadline, voucher);
    }

    function testFuzz_ExpiredVoucherRejected(uint256 validFor, uint256 lateness) public {
        uint256 deadline = block.timestamp + bound(validFor, 0, 30 days);
        CompactSignature memory voucher = _voucher(ACCOUNT, 1, deadline);

        vm.warp(deadline + bound(lateness, 1, 365 days));
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.VoucherExpired.selector, deadline));
        distributor.claim(ACCOUNT, 1, deadline, voucher);
    }

    function testFuzz_RotatedSignerIsRefused(uint256 newKeySeed) public {
        uint256 newKey = boundKey(newKeySeed);
        address newSigner = vm.addr(newKey);
        vm.assume(newSigner != signer);
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory oldVoucher = _voucher(ACCOUNT, 1, deadline);
        CompactSignature memory newVoucher = Signatures.sign(newKey, Signatures.voucherDigest(domain, ACCOUNT, 1, deadline));

        distributor.grantRole(distributor.REWARD_SIGNER_ROLE(), newSigner);
        distributor.revokeRole(distributor.REWARD_SIGNER_ROLE(), signer);

        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.InvalidSignature.selector));
        distributor.claim(ACCOUNT, 1, deadline, oldVoucher);
        distributor.claim(ACCOUNT, 1, deadline, newVoucher);
        assertEq(boon.balanceOf(ACCOUNT), 1, "the new signer's voucher works");
    }
}
