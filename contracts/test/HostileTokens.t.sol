// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GiftVault} from "../src/GiftVault.sol";
import {CompactSignature} from "../src/interfaces/CompactSignature.sol";
import {IGiftVault} from "../src/interfaces/IGiftVault.sol";
import {BlocklistToken} from "./mocks/BlocklistToken.sol";
import {FeeOnTopToken} from "./mocks/FeeOnTopToken.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {MockToken} from "./mocks/MockToken.sol";
import {NoReturnToken} from "./mocks/NoReturnToken.sol";
import {RebasingToken} from "./mocks/RebasingToken.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {Signatures} from "./utils/Signatures.sol";
import {TestBase} from "./utils/TestBase.sol";
import {vm} from "./utils/Vm.sol";

/// @notice GiftVault against non-standard and hostile ERC-20s, each allow-listed on purpose (and
/// not marked exact, as an honest admin would list them) to see what the vault's own defences
/// (balance-delta checks, SafeERC20, reentrancy lock, commitments written before any token call) do.
/// The allow-list is the first defence: a token that is not on it is refused outright. The last
/// section marks hostile tokens exact on purpose: the fast path trusts the admin's word.
contract HostileTokensTest is TestBase {
    uint32 internal constant MIN_LIFETIME = 1 hours;
    uint32 internal constant MAX_LIFETIME = 30 days;
    uint256 internal constant VERIFIER_KEY = 0xA11CE;
    uint256 internal constant LINK_KEY = 0xB0B;
    address internal constant CLAIMANT = address(0xCAFE);
    address internal constant SENDER = address(0x5E4D);
    bytes32 internal constant SOCIAL_ID = keccak256(abi.encode("x", "1234567890"));

    GiftVault internal vault;
    bytes32 internal domain;
    uint40 internal expiry;
    uint256 internal _salt;
    uint256 internal _linkKeys;
    /// @dev The link key of each link gift sent by _linkGift.
    mapping(uint256 giftId => uint256 key) internal _keyOf;

    function setUp() public {
        vm.warp(1_700_000_000);
        vault = new GiftVault(address(this), vm.addr(VERIFIER_KEY), MIN_LIFETIME, MAX_LIFETIME);
        domain = Signatures.vaultDomain(block.chainid, address(vault));
        expiry = uint40(block.timestamp + 1 days);
    }

    // ------------------------------------------------------------ helpers

    /// @dev Allow-lists `token` (not exact: every transfer is measured), funds the sender and
    /// approves the vault.
    function _list(address token) internal {
        _listAs(token, false);
    }

    function _listAs(address token, bool exact) internal {
        vault.setTokenConfig(token, true, exact);
        MockToken(token).mint(SENDER, 1e30); // every mock has mint(address,uint256)
        // a raw call: USDT-style tokens return nothing from approve, which IERC20 cannot decode
        vm.prank(SENDER);
        (bool approved,) = token.call(abi.encodeCall(IERC20.approve, (address(vault), type(uint256).max)));
        assertTrue(approved, "approve");
    }

    /// @dev The next link gift's key; each link gift has its own (the key is the gift's salt).
    function _nextLinkKey() internal view returns (uint256) {
        return LINK_KEY + _linkKeys;
    }

    function _linkGift(address token, uint256 amount) internal returns (uint256 giftId, IGiftVault.Gift memory gift) {
        uint256 key = _nextLinkKey();
        ++_linkKeys;
        vm.prank(SENDER);
        giftId = vault.giftToLink(token, vm.addr(key), amount, expiry, bytes32(0), "");
        _keyOf[giftId] = key;
        gift = IGiftVault.Gift(token, SENDER, IGiftVault.Kind.Link, bytes32(uint256(uint160(vm.addr(key)))), amount, expiry);
    }

    function _socialGift(address token, uint256 amount) internal returns (uint256 giftId, IGiftVault.Gift memory gift) {
        vm.prank(SENDER);
        giftId = vault.giftToSocial(token, SOCIAL_ID, amount, expiry, ++_salt, bytes32(0), "");
        gift = IGiftVault.Gift(token, SENDER, IGiftVault.Kind.Social, SOCIAL_ID, amount, expiry);
    }

    function _linkSig(uint256 giftId, address to) internal view returns (CompactSignature memory) {
        return Signatures.sign(_keyOf[giftId], Signatures.linkDigest(domain, giftId, to));
    }

    function _attestation(address wallet, uint256 deadline) internal view returns (CompactSignature memory) {
        return Signatures.sign(VERIFIER_KEY, Signatures.socialDigest(domain, SOCIAL_ID, wallet, deadline));
    }

    function _isOpen(uint256 giftId, IGiftVault.Gift memory gift) internal view returns (bool) {
        return vault.giftCommitment(giftId) == keccak256(abi.encode(gift));
    }

    function _oneRequest(IGiftVault.Kind kind, bytes32 recipient, uint256 amount)
        internal
        pure
        returns (IGiftVault.GiftRequest[] memory requests)
    {
        requests = new IGiftVault.GiftRequest[](1);
        requests[0] = IGiftVault.GiftRequest(kind, recipient, amount);
    }

    // ------------------------------------------------------------ allow-list

    function test_UnlistedHostileTokensAreRefused() public {
        address[6] memory hostile = [
            address(new FeeOnTransferToken(100)),
            address(new FeeOnTopToken(100)),
            address(new NoReturnToken()),
            address(new ReentrantToken()),
            address(new BlocklistToken()),
            address(new RebasingToken())
        ];
        IGiftVault.Permit memory permit;
        for (uint256 i; i < hostile.length; ++i) {
            address token = hostile[i];
            bytes memory refused = abi.encodeWithSelector(IGiftVault.TokenNotAllowed.selector, token);
            IGiftVault.GiftRequest[] memory requests = _oneRequest(IGiftVault.Kind.Social, SOCIAL_ID, 1);
            vm.startPrank(SENDER);
            vm.expectRevert(refused);
            vault.giftToAddress(token, CLAIMANT, 1, bytes32(0), "");
            vm.expectRevert(refused);
            vault.giftToSocial(token, SOCIAL_ID, 1, expiry, 1, bytes32(0), "");
            vm.expectRevert(refused);
            vault.giftToLink(token, CLAIMANT, 1, expiry, bytes32(0), "");
            vm.expectRevert(refused);
            vault.sendGifts(token, requests, expiry, 1, bytes32(0), "");
            // the permit variants must refuse the token before calling its permit or allowance
            vm.expectRevert(refused);
            vault.giftToAddressWithPermit(token, CLAIMANT, 1, bytes32(0), "", permit);
            vm.expectRevert(refused);
            vault.giftToSocialWithPermit(token, SOCIAL_ID, 1, expiry, 1, bytes32(0), "", permit);
            vm.expectRevert(refused);
            vault.giftToLinkWithPermit(token, CLAIMANT, 1, expiry, bytes32(0), "", permit);
            vm.expectRevert(refused);
            vault.sendGiftsWithPermit(token, requests, expiry, 1, bytes32(0), "", permit);
            vm.stopPrank();
        }
    }

    /// @dev Delisting stops new gifts only; open gifts of the token can still be claimed and refunded.
    function test_DelistedTokenKeepsOpenGiftsWhole() public {
        MockToken token = new MockToken("Gift", 18);
        _list(address(token));
        (uint256 claimId, IGiftVault.Gift memory toClaim) = _linkGift(address(token), 5e18);
        (uint256 refundId, IGiftVault.Gift memory toRefund) = _linkGift(address(token), 7e18);
        vault.setTokenConfig(address(token), false, false);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.TokenNotAllowed.selector, address(token)));
        _linkGift(address(token), 1);
        vault.claimLink(claimId, toClaim, CLAIMANT, _linkSig(claimId, CLAIMANT));
        vm.warp(expiry);
        vault.refund(refundId, toRefund);
        assertEq(token.balanceOf(CLAIMANT), 5e18, "claimed after delisting");
        assertEq(token.balanceOf(address(vault)), 0, "refunded after delisting");
    }

    // ------------------------------------------------------------ fee on transfer

    /// @dev Every pull into custody checks the vault's balance delta: a fee makes it revert, so an
    /// escrowed gift can never be recorded above what the vault received. A batch's address gifts
    /// are measured at their recipients and must arrive whole too (the batch event lists amounts).
    function testFuzz_FeeOnTransferPullsRevert(uint256 amount, uint256 feeBps) public {
        FeeOnTransferToken token = new FeeOnTransferToken(bound(feeBps, 1, 5_000));
        _list(address(token));
        amount = bound(amount, 1, 1e30);
        uint256 received = amount - amount * token.feeBps() / 10_000;
        vm.assume(received != amount); // a fee that rounds to zero is no fee
        bytes memory mismatch = abi.encodeWithSelector(IGiftVault.TransferAmountMismatch.selector, amount, received);
        IGiftVault.GiftRequest[] memory addressOnly =
            _oneRequest(IGiftVault.Kind.Address, bytes32(uint256(uint160(CLAIMANT))), amount);

        vm.startPrank(SENDER);
        vm.expectRevert(mismatch);
        vault.giftToSocial(address(token), SOCIAL_ID, amount, expiry, 1, bytes32(0), "");
        vm.expectRevert(mismatch);
        vault.giftToLink(address(token), CLAIMANT, amount, expiry, bytes32(0), "");
        vm.expectRevert(mismatch);
        vault.sendGifts(address(token), addressOnly, 0, 1, bytes32(0), "");
        vm.stopPrank();
        assertEq(token.balanceOf(address(vault)), 0, "nothing stuck in the vault");
    }

    /// @dev A direct gift never touches the vault, so the fee is the sender's and the recipient's
    /// business: the recipient receives less than the amount sent, and the gift's record (the
    /// returned amount, which GiftDelivered carries) says exactly what arrived.
    function testFuzz_FeeOnTransferDirectGiftRecordsWhatArrived(uint256 amount) public {
        FeeOnTransferToken token = new FeeOnTransferToken(100);
        _list(address(token));
        amount = bound(amount, 1, 1e30);

        vm.prank(SENDER);
        uint256 received = vault.giftToAddress(address(token), CLAIMANT, amount, bytes32(0), "");
        assertEq(token.balanceOf(CLAIMANT), amount - amount / 100, "recipient pays the token's fee");
        assertEq(received, token.balanceOf(CLAIMANT), "the record says what arrived");
        assertEq(token.balanceOf(address(vault)), 0, "no custody");
    }

    /// @dev A fee charged to the sender on top of the amount passes the pull check (the vault
    /// receives the full amount) but then costs the vault more than each payout: the last claimant
    /// cannot be paid. Such a token must never be allow-listed; no on-chain check can catch it at
    /// send time.
    function test_FeeOnTopTokenDrainsTheVaultAndMustNotBeListed() public {
        FeeOnTopToken token = new FeeOnTopToken(100);
        _list(address(token));
        (uint256 firstId, IGiftVault.Gift memory first) = _linkGift(address(token), 100e18);
        (uint256 secondId, IGiftVault.Gift memory second) = _linkGift(address(token), 100e18);
        assertEq(token.balanceOf(address(vault)), 200e18, "pulls looked exact");

        vault.claimLink(firstId, first, CLAIMANT, _linkSig(firstId, CLAIMANT));
        assertEq(token.balanceOf(address(vault)), 99e18, "the payout cost the vault 101");
        CompactSignature memory signature = _linkSig(secondId, CLAIMANT);
        vm.expectRevert();
        vault.claimLink(secondId, second, CLAIMANT, signature);
        assertTrue(_isOpen(secondId, second), "the unpaid gift stays open");
    }

    // ------------------------------------------------------------ no return value (USDT-style)

    function test_NoReturnTokenBreaksPlainIERC20Calls() public {
        NoReturnToken token = new NoReturnToken();
        token.mint(address(this), 1);
        // a plain `IERC20.transfer` expects a bool back and reverts on the empty return data
        vm.expectRevert();
        this.plainTransfer(IERC20(address(token)), CLAIMANT, 1);
        assertEq(token.balanceOf(address(this)), 1, "nothing moved");
    }

    function plainTransfer(IERC20 token, address to, uint256 amount) external {
        token.transfer(to, amount);
    }

    /// @dev Through SafeERC20 every path works and every balance is exact.
    function testFuzz_NoReturnTokenWorksThroughSafeERC20(uint256 amount) public {
        NoReturnToken token = new NoReturnToken();
        _list(address(token));
        amount = bound(amount, 1, 1e24);
        address wallet = address(0xD00D);
        uint256 deadline = block.timestamp + 1 hours;

        vm.prank(SENDER);
        vault.giftToAddress(address(token), CLAIMANT, amount, bytes32(0), "");
        (uint256 linkId, IGiftVault.Gift memory link) = _linkGift(address(token), amount);
        (uint256 socialId, IGiftVault.Gift memory social) = _socialGift(address(token), amount);
        (uint256 refundId, IGiftVault.Gift memory toRefund) = _linkGift(address(token), amount);
        vm.prank(SENDER);
        vault.sendGifts(
            address(token), _oneRequest(IGiftVault.Kind.Address, bytes32(uint256(uint160(wallet))), amount), 0, 0, bytes32(0), ""
        );
        assertEq(token.balanceOf(address(vault)), 3 * amount, "escrowed three gifts");

        vault.claimLink(linkId, link, CLAIMANT, _linkSig(linkId, CLAIMANT));
        vault.claimSocial(socialId, social, wallet, deadline, _attestation(wallet, deadline));
        vm.warp(expiry);
        uint256 senderBefore = token.balanceOf(SENDER);
        vault.refund(refundId, toRefund);

        assertEq(token.balanceOf(CLAIMANT), 2 * amount, "direct gift and link claim");
        assertEq(token.balanceOf(wallet), 2 * amount, "batch address gift and social claim");
        assertEq(token.balanceOf(SENDER) - senderBefore, amount, "refund");
        assertEq(token.balanceOf(address(vault)), 0, "vault emptied exactly");
    }

    // ------------------------------------------------------------ reentrant callback

    function _reentrancyRefused(ReentrantToken token) internal view {
        assertEq(token.callbackCount(), 1, "the token did call back");
        assertTrue(!token.callbackSucceeded(), "the reentrant call was refused");
        assertEq(
            keccak256(token.callbackResult()),
            keccak256(abi.encodeWithSelector(IGiftVault.ReentrancyGuardReentrantCall.selector)),
            "refused by the reentrancy guard"
        );
    }

    /// @dev While the vault pulls a new gift, the token tries to refund another one.
    function test_ReentrantPullCannotReenterTheVault() public {
        ReentrantToken token = new ReentrantToken();
        _list(address(token));
        (uint256 openId, IGiftVault.Gift memory open) = _linkGift(address(token), 10e18);
        vm.warp(expiry);
        expiry = uint40(block.timestamp + 1 days);
        token.arm(address(vault), abi.encodeCall(vault.refund, (openId, open)));

        _linkGift(address(token), 5e18);

        _reentrancyRefused(token);
        assertTrue(_isOpen(openId, open), "the refund did not happen inside the pull");
        assertEq(token.balanceOf(address(vault)), 15e18, "both gifts escrowed exactly");
    }

    /// @dev While the vault pays a claim, the token replays the same claim: the guard refuses it
    /// (and the commitment is already cleared, checks-effects-interactions).
    function test_ReentrantPayoutCannotDoubleClaim() public {
        ReentrantToken token = new ReentrantToken();
        _list(address(token));
        (uint256 giftId, IGiftVault.Gift memory gift) = _linkGift(address(token), 10e18);
        (uint256 otherId,) = _linkGift(address(token), 10e18);
        CompactSignature memory signature = _linkSig(giftId, CLAIMANT);
        token.arm(address(vault), abi.encodeCall(vault.claimLink, (giftId, gift, CLAIMANT, signature)));

        vault.claimLink(giftId, gift, CLAIMANT, signature);

        _reentrancyRefused(token);
        assertEq(token.balanceOf(CLAIMANT), 10e18, "paid once");
        assertEq(token.balanceOf(address(vault)), 10e18, "the other gift is still covered");
        assertTrue(vault.giftCommitment(otherId) != bytes32(0), "the other gift is open");
    }

    /// @dev While the vault refunds, the token tries to claim the same gift.
    function test_ReentrantRefundCannotAlsoClaim() public {
        ReentrantToken token = new ReentrantToken();
        _list(address(token));
        (uint256 giftId, IGiftVault.Gift memory gift) = _linkGift(address(token), 10e18);
        CompactSignature memory signature = _linkSig(giftId, CLAIMANT);
        vm.warp(expiry);
        token.arm(address(vault), abi.encodeCall(vault.claimLink, (giftId, gift, CLAIMANT, signature)));
        uint256 senderBefore = token.balanceOf(SENDER);

        vault.refund(giftId, gift);

        _reentrancyRefused(token);
        assertEq(token.balanceOf(SENDER) - senderBefore, 10e18, "refunded once");
        assertEq(token.balanceOf(CLAIMANT), 0, "not also claimed");
        assertEq(token.balanceOf(address(vault)), 0, "vault emptied exactly");
    }

    // ------------------------------------------------------------ blocklist

    /// @dev A blocked recipient cannot be paid, but nothing is lost: the gift stays open, the link
    /// holder can sign for another address, or the sender gets it back after expiry.
    function test_BlockedRecipientLeavesTheGiftOpen() public {
        BlocklistToken token = new BlocklistToken();
        _list(address(token));
        (uint256 giftId, IGiftVault.Gift memory gift) = _linkGift(address(token), 10e18);
        token.setBlocked(CLAIMANT, true);
        CompactSignature memory signature = _linkSig(giftId, CLAIMANT);

        vm.expectRevert(abi.encodeWithSelector(BlocklistToken.AccountBlocked.selector, CLAIMANT));
        vault.claimLink(giftId, gift, CLAIMANT, signature);
        assertTrue(_isOpen(giftId, gift), "still open");

        address elsewhere = address(0xD00D);
        vault.claimLink(giftId, gift, elsewhere, _linkSig(giftId, elsewhere));
        assertEq(token.balanceOf(elsewhere), 10e18, "claimed to an address that is not blocked");
    }

    function test_BlockedSocialWalletLeavesTheGiftRefundable() public {
        BlocklistToken token = new BlocklistToken();
        _list(address(token));
        (uint256 giftId, IGiftVault.Gift memory gift) = _socialGift(address(token), 10e18);
        token.setBlocked(CLAIMANT, true);
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory attestation = _attestation(CLAIMANT, deadline);

        vm.expectRevert(abi.encodeWithSelector(BlocklistToken.AccountBlocked.selector, CLAIMANT));
        vault.claimSocial(giftId, gift, CLAIMANT, deadline, attestation);
        assertTrue(_isOpen(giftId, gift), "still open");

        vm.warp(expiry);
        uint256 senderBefore = token.balanceOf(SENDER);
        vault.refund(giftId, gift);
        assertEq(token.balanceOf(SENDER) - senderBefore, 10e18, "refunded to the sender");
    }

    /// @dev If the issuer blocks the vault itself, everything of that token freezes (no send, claim or
    /// refund) but stays whole: once unblocked, every open gift pays out as before.
    function test_BlockedVaultFreezesButLosesNothing() public {
        BlocklistToken token = new BlocklistToken();
        _list(address(token));
        (uint256 giftId, IGiftVault.Gift memory gift) = _linkGift(address(token), 10e18);
        (uint256 refundId, IGiftVault.Gift memory toRefund) = _linkGift(address(token), 4e18);
        token.setBlocked(address(vault), true);
        bytes memory blocked = abi.encodeWithSelector(BlocklistToken.AccountBlocked.selector, address(vault));
        CompactSignature memory signature = _linkSig(giftId, CLAIMANT);

        vm.expectRevert(blocked);
        _linkGift(address(token), 1e18);
        vm.expectRevert(blocked);
        vault.claimLink(giftId, gift, CLAIMANT, signature);
        vm.warp(expiry);
        vm.expectRevert(blocked);
        vault.refund(refundId, toRefund);
        assertTrue(_isOpen(giftId, gift) && _isOpen(refundId, toRefund), "both still open");

        token.setBlocked(address(vault), false);
        vault.refund(refundId, toRefund);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.GiftExpired.selector, giftId, expiry));
        vault.claimLink(giftId, gift, CLAIMANT, signature);
        vault.refund(giftId, gift);
        assertEq(token.balanceOf(address(vault)), 0, "everything returned once unblocked");
    }

    /// @dev A blocked sender cannot receive a refund; the claimant can still claim before expiry.
    function test_BlockedSenderCannotBeRefundedButTheGiftCanBeClaimed() public {
        BlocklistToken token = new BlocklistToken();
        _list(address(token));
        (uint256 refundId, IGiftVault.Gift memory toRefund) = _linkGift(address(token), 4e18);
        (uint256 claimId, IGiftVault.Gift memory toClaim) = _linkGift(address(token), 6e18);
        token.setBlocked(SENDER, true);

        vault.claimLink(claimId, toClaim, CLAIMANT, _linkSig(claimId, CLAIMANT));
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(BlocklistToken.AccountBlocked.selector, SENDER));
        vault.refund(refundId, toRefund);
        assertTrue(_isOpen(refundId, toRefund), "stays open until the sender is unblocked");
        assertEq(token.balanceOf(address(vault)), 4e18, "and stays covered");
    }

    // ------------------------------------------------------------ rebasing

    /// @dev The vault never books more than arrived: with a rebased index, a transfer rounds down to
    /// whole shares, and the balance-delta check turns a short pull into TransferAmountMismatch.
    function testFuzz_RebasingPullIsExactOrRefused(uint256 amount, uint256 index) public {
        RebasingToken token = new RebasingToken();
        _list(address(token));
        token.rebase(bound(index, 0.5e18, 2e18));
        amount = bound(amount, 1, 1e24);

        vm.prank(SENDER);
        try vault.giftToLink(address(token), CLAIMANT, amount, expiry, bytes32(0), "") {
            assertEq(token.balanceOf(address(vault)), amount, "booked exactly what arrived");
        } catch (bytes memory reason) {
            assertEq(bytes4(reason), IGiftVault.TransferAmountMismatch.selector, "refused as a mismatch");
            assertEq(token.balanceOf(address(vault)), 0, "nothing booked");
        }
    }

    /// @dev With an index that does not divide the amount, a payout rounds down to whole shares:
    /// the recipient receives a little less than the gift's recorded amount (rounding dust).
    function test_RebasingPayoutLosesRoundingDust() public {
        RebasingToken token = new RebasingToken();
        _list(address(token));
        (uint256 giftId, IGiftVault.Gift memory gift) = _linkGift(address(token), 100e18);
        token.rebase(1.1e18);

        vault.claimLink(giftId, gift, CLAIMANT, _linkSig(giftId, CLAIMANT));
        assertEq(token.balanceOf(CLAIMANT), 100e18 - 1, "one wei short of the recorded amount");
    }

    /// @dev A positive rebase leaves the vault holding more than it owes: every gift pays its
    /// recorded amount and the surplus stays in the vault for good (there is no sweep).
    function test_PositiveRebaseKeepsTheVaultSolventAndLocksTheSurplus() public {
        RebasingToken token = new RebasingToken();
        _list(address(token));
        (uint256 claimId, IGiftVault.Gift memory toClaim) = _linkGift(address(token), 100e18);
        (uint256 refundId, IGiftVault.Gift memory toRefund) = _linkGift(address(token), 100e18);
        token.rebase(1.25e18); // an index that divides the amounts exactly, so no rounding dust
        assertEq(token.balanceOf(address(vault)), 250e18, "vault holds more than the 200 it owes");

        vault.claimLink(claimId, toClaim, CLAIMANT, _linkSig(claimId, CLAIMANT));
        vm.warp(expiry);
        vault.refund(refundId, toRefund);
        assertEq(token.balanceOf(CLAIMANT), 100e18, "claimant gets the recorded amount");
        assertEq(token.balanceOf(address(vault)), 50e18, "the rebase surplus stays locked");
    }

    /// @dev A negative rebase makes the vault insolvent for that token (rule 1 broken by the token,
    /// not the vault): early claimants are paid in full, the last gift cannot be paid and stays open.
    /// This is why rebasing tokens must never be allow-listed.
    function test_NegativeRebaseMakesTheVaultInsolvent() public {
        RebasingToken token = new RebasingToken();
        _list(address(token));
        (uint256 firstId, IGiftVault.Gift memory first) = _linkGift(address(token), 100e18);
        (uint256 secondId, IGiftVault.Gift memory second) = _linkGift(address(token), 100e18);
        token.rebase(0.8e18);
        assertEq(token.balanceOf(address(vault)), 160e18, "vault holds less than the 200 it owes");

        vault.claimLink(firstId, first, CLAIMANT, _linkSig(firstId, CLAIMANT));
        assertEq(token.balanceOf(CLAIMANT), 100e18, "the first claimant is paid in full");
        CompactSignature memory signature = _linkSig(secondId, CLAIMANT);
        vm.expectRevert(bytes("balance"));
        vault.claimLink(secondId, second, CLAIMANT, signature);
        assertTrue(_isOpen(secondId, second), "the last gift stays open, unpaid");
    }

    // ------------------------------------------------------------ tokens marked exact

    /// @dev Marking a token exact is the admin's explicit statement, made only through
    /// setTokenConfig (which emits TokenConfigured): sends of it then skip the balance checks. A
    /// fee-on-transfer token wrongly marked exact is escrowed short, and the vault becomes insolvent
    /// for it: the first claimant is paid, the last cannot be. This is the one way the fast path
    /// can hurt, and it takes that choice.
    function test_FeeTokenMarkedExactIsEscrowedShortByTheAdminsChoice() public {
        FeeOnTransferToken token = new FeeOnTransferToken(100);
        _list(address(token));
        (bool allowed, bool exact) = vault.tokenConfig(address(token));
        assertTrue(allowed && !exact, "listing never implies exact");
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.TransferAmountMismatch.selector, 100e18, 99e18));
        _linkGift(address(token), 100e18);

        vault.setTokenConfig(address(token), true, true); // the admin's explicit, evented choice
        (uint256 firstId, IGiftVault.Gift memory first) = _linkGift(address(token), 100e18);
        (uint256 secondId, IGiftVault.Gift memory second) = _linkGift(address(token), 100e18);
        assertEq(token.balanceOf(address(vault)), 198e18, "escrowed short: the vault owes 200");

        vault.claimLink(firstId, first, CLAIMANT, _linkSig(firstId, CLAIMANT));
        CompactSignature memory signature = _linkSig(secondId, CLAIMANT);
        vm.expectRevert();
        vault.claimLink(secondId, second, CLAIMANT, signature);
        assertTrue(_isOpen(secondId, second), "the last gift stays open, unpaid");

        // unmarking it restores the check for every later send
        vault.setTokenConfig(address(token), true, false);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.TransferAmountMismatch.selector, 1e18, 0.99e18));
        _linkGift(address(token), 1e18);
    }

    /// @dev Sends of a token marked exact run without the reentrancy lock. A token that calls back
    /// although marked exact still finds the vault consistent, because every send writes its
    /// commitment before moving tokens: here the callback claims the very gift being sent (its id is
    /// known in advance) in the middle of its pull, and the vault ends up holding exactly the gift
    /// that is still open.
    function test_ReentrantTokenMarkedExactCannotBreakTheVault() public {
        ReentrantToken token = new ReentrantToken();
        _listAs(address(token), true);
        (uint256 openId, IGiftVault.Gift memory open) = _linkGift(address(token), 10e18);
        uint256 key = _nextLinkKey();
        uint256 nextId = vault.giftIdOf(SENDER, uint160(vm.addr(key)));
        IGiftVault.Gift memory next = IGiftVault.Gift(
            address(token), SENDER, IGiftVault.Kind.Link, bytes32(uint256(uint160(vm.addr(key)))), 5e18, expiry
        );
        CompactSignature memory signature = Signatures.sign(key, Signatures.linkDigest(domain, nextId, CLAIMANT));
        token.arm(address(vault), abi.encodeCall(vault.claimLink, (nextId, next, CLAIMANT, signature)));

        (uint256 sentId,) = _linkGift(address(token), 5e18);

        assertEq(sentId, nextId, "the id was known before the send");
        assertTrue(token.callbackSucceeded(), "the callback claimed the gift mid-send");
        assertEq(token.balanceOf(CLAIMANT), 5e18, "paid once");
        assertEq(vault.giftCommitment(nextId), bytes32(0), "and ended");
        assertTrue(_isOpen(openId, open), "the other gift is untouched");
        assertEq(token.balanceOf(address(vault)), 10e18, "the vault holds exactly the open gift");
    }

    /// @dev Claims and refunds keep the lock whatever the token's mark: a payout of a token marked
    /// exact that calls back still cannot claim twice.
    function test_ClaimsKeepTheLockForTokensMarkedExact() public {
        ReentrantToken token = new ReentrantToken();
        _listAs(address(token), true);
        (uint256 giftId, IGiftVault.Gift memory gift) = _linkGift(address(token), 10e18);
        _linkGift(address(token), 10e18);
        CompactSignature memory signature = _linkSig(giftId, CLAIMANT);
        token.arm(address(vault), abi.encodeCall(vault.claimLink, (giftId, gift, CLAIMANT, signature)));

        vault.claimLink(giftId, gift, CLAIMANT, signature);

        _reentrancyRefused(token);
        assertEq(token.balanceOf(CLAIMANT), 10e18, "paid once");
        assertEq(token.balanceOf(address(vault)), 10e18, "the other gift is still covered");
    }
}
