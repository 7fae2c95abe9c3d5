// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BoonToken} from "../src/BoonToken.sol";
import {GiftVault} from "../src/GiftVault.sol";
import {CompactSignature} from "../src/interfaces/CompactSignature.sol";
import {IGiftVault} from "../src/interfaces/IGiftVault.sol";
import {MockToken} from "./mocks/MockToken.sol";
import {Signatures} from "./utils/Signatures.sol";
import {TestBase} from "./utils/TestBase.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Fuzz tests of GiftVault sends, claims and refunds, and of the signatures that gate claims.
contract GiftVaultFuzzTest is TestBase {
    uint32 internal constant MIN_LIFETIME = 1 hours;
    uint32 internal constant MAX_LIFETIME = 30 days;
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant MAX_AMOUNT = 1e30;
    uint256 internal constant VERIFIER_KEY = 0xA11CE;
    uint256 internal constant LINK_KEY = 0xB0B;
    address internal constant CLAIMANT = address(0xCAFE);
    bytes32 internal constant SOCIAL_ID = keccak256(abi.encode("x", "1234567890"));

    GiftVault internal vault;
    /// @dev Cached so that building a signature makes no call between vm.expectRevert and the call
    /// it is meant for.
    bytes32 internal domain;
    MockToken internal token;
    address internal verifier;
    address internal sender = address(0x5E4D);
    address internal otherSender = address(0x07E4);
    uint256 internal _salt;

    function setUp() public {
        vm.warp(START);
        verifier = vm.addr(VERIFIER_KEY);
        vault = new GiftVault(address(this), verifier, MIN_LIFETIME, MAX_LIFETIME);
        token = new MockToken("Gift", 18);
        domain = Signatures.vaultDomain(block.chainid, address(vault));
        // a plain ERC-20: marked exact, the fast path BOON takes
        vault.setTokenConfig(address(token), true, true);
        for (uint256 i; i < 2; ++i) {
            address who = i == 0 ? sender : otherSender;
            token.mint(who, type(uint128).max);
            vm.prank(who);
            token.approve(address(vault), type(uint256).max);
        }
    }

    // ------------------------------------------------------------ helpers

    /// @dev Any address that is not the zero address, the vault, the token or the sender.
    function _account(address seed) internal view returns (address) {
        vm.assume(
            seed != address(0) && seed != address(vault) && seed != address(token) && seed != sender
                && seed != otherSender
        );
        vm.assume(uint160(seed) > 0xff); // precompiles
        return seed;
    }

    function _expiry(uint256 offset) internal view returns (uint40) {
        return uint40(block.timestamp + bound(offset, MIN_LIFETIME, MAX_LIFETIME));
    }

    function _sendLink(address linkKey, uint256 amount, uint40 expiry)
        internal
        returns (uint256 giftId, IGiftVault.Gift memory gift)
    {
        return _sendLinkFrom(sender, linkKey, amount, expiry);
    }

    function _sendLinkFrom(address from, address linkKey, uint256 amount, uint40 expiry)
        internal
        returns (uint256 giftId, IGiftVault.Gift memory gift)
    {
        vm.prank(from);
        giftId = vault.giftToLink(address(token), linkKey, amount, expiry, bytes32("post"), "hi");
        assertEq(giftId, vault.giftIdOf(from, uint160(linkKey)), "a link gift's salt is its key");
        gift = IGiftVault.Gift(
            address(token), from, IGiftVault.Kind.Link, bytes32(uint256(uint160(linkKey))), amount, expiry
        );
    }

    function _sendSocial(bytes32 socialId, uint256 amount, uint40 expiry)
        internal
        returns (uint256 giftId, IGiftVault.Gift memory gift)
    {
        uint256 salt = ++_salt;
        vm.prank(sender);
        giftId = vault.giftToSocial(address(token), socialId, amount, expiry, salt, bytes32(0), "");
        assertEq(giftId, vault.giftIdOf(sender, salt), "a social gift's id comes from its salt");
        gift = IGiftVault.Gift(address(token), sender, IGiftVault.Kind.Social, socialId, amount, expiry);
    }

    function _linkSig(uint256 key, uint256 giftId, address to) internal view returns (CompactSignature memory) {
        return Signatures.sign(key, Signatures.linkDigest(domain, giftId, to));
    }

    function _attestation(uint256 key, bytes32 socialId, address wallet, uint256 deadline)
        internal
        view
        returns (CompactSignature memory)
    {
        return Signatures.sign(key, Signatures.socialDigest(domain, socialId, wallet, deadline));
    }

    function _copy(IGiftVault.Gift memory gift) internal pure returns (IGiftVault.Gift memory) {
        return IGiftVault.Gift(gift.token, gift.sender, gift.kind, gift.recipient, gift.amount, gift.expiry);
    }

    // ------------------------------------------------------------ sends

    function testFuzz_GiftToAddressDeliversAtOnce(address toSeed, uint256 amount, bool exact) public {
        address to = _account(toSeed);
        amount = bound(amount, 1, MAX_AMOUNT);
        vault.setTokenConfig(address(token), true, exact);
        uint256 senderBefore = token.balanceOf(sender);

        vm.prank(sender);
        uint256 received = vault.giftToAddress(address(token), to, amount, bytes32(0), "");

        assertEq(received, amount, "received, measured or not");
        assertEq(token.balanceOf(to), amount, "recipient balance");
        assertEq(senderBefore - token.balanceOf(sender), amount, "sender paid");
        assertEq(token.balanceOf(address(vault)), 0, "no custody");
    }

    /// @dev For a plain token the exact flag changes no outcome, only the gas: every send leaves the
    /// same balances and the same commitment whether the vault measures it or not.
    function testFuzz_ExactFlagChangesNoOutcome(bytes32 socialId, uint256 amount, uint256 offset, bool exact) public {
        vm.assume(socialId != bytes32(0));
        amount = bound(amount, 1, MAX_AMOUNT);
        vault.setTokenConfig(address(token), true, exact);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendSocial(socialId, amount, _expiry(offset));
        assertEq(vault.giftCommitment(giftId), keccak256(abi.encode(gift)), "commitment");
        assertEq(token.balanceOf(address(vault)), amount, "escrowed exactly");
    }

    /// @dev A sender's salt names one open gift at a time; another sender's salt space is its own.
    function testFuzz_SaltNamesOneOpenGiftPerSender(uint256 salt, bytes32 socialId) public {
        vm.assume(socialId != bytes32(0));
        uint40 expiry = _expiry(0);
        vm.prank(sender);
        uint256 giftId = vault.giftToSocial(address(token), socialId, 1, expiry, salt, bytes32(0), "");

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.GiftIdInUse.selector, giftId));
        vm.prank(sender);
        vault.giftToSocial(address(token), socialId, 2, expiry, salt, bytes32(0), "");

        vm.prank(otherSender);
        uint256 otherId = vault.giftToSocial(address(token), socialId, 1, expiry, salt, bytes32(0), "");
        assertTrue(otherId != giftId, "ids are per sender");
        assertEq(token.balanceOf(address(vault)), 2, "two gifts escrowed");
    }

    function testFuzz_EscrowWithinExpiryBounds(address linkKeySeed, uint256 amount, uint256 offset) public {
        address linkKey = _account(linkKeySeed);
        amount = bound(amount, 1, MAX_AMOUNT);
        uint40 expiry = _expiry(offset);

        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(linkKey, amount, expiry);

        assertEq(token.balanceOf(address(vault)), amount, "vault holds the gift");
        assertEq(vault.giftCommitment(giftId), keccak256(abi.encode(gift)), "commitment to the fields");
    }

    function testFuzz_EscrowOutsideExpiryBoundsReverts(bytes32 socialId, uint256 offset, bool tooLate) public {
        vm.assume(socialId != bytes32(0));
        uint256 earliest = block.timestamp + MIN_LIFETIME;
        uint256 latest = block.timestamp + MAX_LIFETIME;
        uint40 expiry =
            uint40(tooLate ? bound(offset, latest + 1, type(uint40).max) : bound(offset, 0, earliest - 1));

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidExpiry.selector, expiry, earliest, latest));
        vm.prank(sender);
        vault.giftToSocial(address(token), socialId, 1, expiry, 1, bytes32(0), "");
    }

    function testFuzz_SendGiftsBatchPullsOnceAndEscrowsEach(uint256 seed, uint8 count, uint256 offset, uint256 salt)
        public
    {
        count = uint8(bound(count, 1, 12));
        uint40 expiry = _expiry(offset);
        IGiftVault.GiftRequest[] memory requests = new IGiftVault.GiftRequest[](count);
        uint256 escrowed;
        uint256 total;
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            IGiftVault.Kind kind = IGiftVault.Kind(r % 3);
            uint256 amount = bound(r >> 8, 1, 1e24);
            bytes32 recipient = kind == IGiftVault.Kind.Social
                ? keccak256(abi.encode("x", r))
                : bytes32(uint256(uint160(address(uint160(r >> 96) | 0x1000))));
            requests[i] = IGiftVault.GiftRequest(kind, recipient, amount);
            total += amount;
            if (kind != IGiftVault.Kind.Address) escrowed += amount;
        }
        uint256 senderBefore = token.balanceOf(sender);

        vm.prank(sender);
        vault.sendGifts(address(token), requests, expiry, salt, bytes32(0), "batch");

        assertEq(senderBefore - token.balanceOf(sender), total, "the sender paid the total");
        assertEq(token.balanceOf(address(vault)), escrowed, "vault keeps exactly the escrowed part");
        for (uint256 i; i < count; ++i) {
            IGiftVault.GiftRequest memory q = requests[i];
            if (q.kind == IGiftVault.Kind.Address) {
                assertGe(token.balanceOf(address(uint160(uint256(q.recipient)))), q.amount, "address gift paid");
                continue;
            }
            uint256 giftId;
            unchecked {
                giftId = vault.giftIdOf(sender, q.kind == IGiftVault.Kind.Link ? uint256(q.recipient) : salt + i);
            }
            IGiftVault.Gift memory gift = IGiftVault.Gift(address(token), sender, q.kind, q.recipient, q.amount, expiry);
            assertEq(vault.giftCommitment(giftId), keccak256(abi.encode(gift)), "escrowed gift open");
        }
    }

    function testFuzz_UnlistedTokenRefused(address unlisted, address to, uint256 amount) public {
        vm.assume(unlisted != address(token));
        bytes memory refused = abi.encodeWithSelector(IGiftVault.TokenNotAllowed.selector, unlisted);
        uint40 expiry = _expiry(amount);
        IGiftVault.GiftRequest[] memory requests = new IGiftVault.GiftRequest[](1);
        requests[0] = IGiftVault.GiftRequest(IGiftVault.Kind.Address, bytes32(uint256(1)), 1);

        vm.expectRevert(refused);
        vault.giftToAddress(unlisted, to, amount, bytes32(0), "");
        vm.expectRevert(refused);
        vault.giftToSocial(unlisted, bytes32(amount), amount, expiry, amount, bytes32(0), "");
        vm.expectRevert(refused);
        vault.giftToLink(unlisted, to, amount, expiry, bytes32(0), "");
        vm.expectRevert(refused);
        vault.sendGifts(unlisted, requests, expiry, amount, bytes32(0), "");
        IGiftVault.Permit memory permit;
        vm.expectRevert(refused);
        vault.giftToAddressWithPermit(unlisted, to, amount, bytes32(0), "", permit);
        vm.expectRevert(refused);
        vault.giftToSocialWithPermit(unlisted, bytes32(amount), amount, expiry, amount, bytes32(0), "", permit);
        vm.expectRevert(refused);
        vault.giftToLinkWithPermit(unlisted, to, amount, expiry, bytes32(0), "", permit);
        vm.expectRevert(refused);
        vault.sendGiftsWithPermit(unlisted, requests, expiry, amount, bytes32(0), "", permit);
    }

    /// @dev The link key of a batch entry must be an address; so must an address gift's recipient.
    function testFuzz_BatchRefusesRecipientsThatAreNotAddresses(uint256 highBits, bool link) public {
        bytes32 recipient = bytes32((bound(highBits, 1, type(uint96).max) << 160) | 0xCAFE);
        IGiftVault.GiftRequest[] memory requests = new IGiftVault.GiftRequest[](1);
        requests[0] = IGiftVault.GiftRequest(link ? IGiftVault.Kind.Link : IGiftVault.Kind.Address, recipient, 1);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidRecipient.selector));
        vm.prank(sender);
        vault.sendGifts(address(token), requests, _expiry(0), 0, bytes32(0), "");
    }

    // ------------------------------------------------------------ permits

    /// @dev The ...WithPermit sends try the permit and carry on when a front-runner already used it:
    /// only the resulting allowance counts.
    function testFuzz_FrontRunPermitDoesNotBreakTheGift(uint256 ownerKeySeed, uint256 amount, bool frontRun) public {
        uint256 ownerKey = boundKey(ownerKeySeed);
        address owner = vm.addr(ownerKey);
        amount = bound(amount, 1, 1e24);
        BoonToken boon = new BoonToken(address(this), type(uint128).max);
        boon.grantRole(boon.MINTER_ROLE(), address(this));
        boon.mint(owner, amount);
        vault.setTokenConfig(address(boon), true, true);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = Signatures.permitDigest(boon.DOMAIN_SEPARATOR(), owner, address(vault), amount, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);
        IGiftVault.Permit memory permit = IGiftVault.Permit(amount, deadline, v, r, s);
        if (frontRun) boon.permit(owner, address(vault), amount, deadline, v, r, s);

        vm.prank(owner);
        uint256 giftId = vault.giftToLinkWithPermit(address(boon), CLAIMANT, amount, _expiry(0), bytes32(0), "", permit);

        assertEq(boon.balanceOf(address(vault)), amount, "escrowed");
        assertEq(boon.nonces(owner), 1, "the permit was used exactly once");
        assertTrue(vault.giftCommitment(giftId) != bytes32(0), "gift open");
    }

    function testFuzz_UselessPermitWithoutAllowanceReverts(uint256 amount, uint256 allowance) public {
        amount = bound(amount, 1, 1e24);
        allowance = bound(allowance, 0, amount - 1);
        BoonToken boon = new BoonToken(address(this), type(uint128).max);
        boon.grantRole(boon.MINTER_ROLE(), address(this));
        boon.mint(sender, amount);
        vault.setTokenConfig(address(boon), true, true);
        vm.prank(sender);
        boon.approve(address(vault), allowance);
        IGiftVault.Permit memory garbage = IGiftVault.Permit(amount, block.timestamp, 27, bytes32(0), bytes32(0));
        uint40 expiry = _expiry(0);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InsufficientAllowance.selector, allowance, amount));
        vm.prank(sender);
        vault.giftToSocialWithPermit(address(boon), SOCIAL_ID, amount, expiry, 1, bytes32(0), "", garbage);
    }

    // ------------------------------------------------------------ link claims

    function testFuzz_ClaimLinkPaysTheSignedRecipientOnce(
        uint256 linkKeySeed,
        address toSeed,
        address relayer,
        uint256 amount,
        uint256 offset,
        uint256 claimDelay
    ) public {
        uint256 linkKey = boundKey(linkKeySeed);
        address to = _account(toSeed);
        vm.assume(relayer != to);
        amount = bound(amount, 1, MAX_AMOUNT);
        uint40 expiry = _expiry(offset);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(linkKey), amount, expiry);
        vm.warp(block.timestamp + bound(claimDelay, 0, expiry - block.timestamp - 1));
        CompactSignature memory signature = _linkSig(linkKey, giftId, to);

        vm.prank(relayer);
        vault.claimLink(giftId, gift, to, signature);

        assertEq(token.balanceOf(to), amount, "recipient paid");
        assertEq(token.balanceOf(address(vault)), 0, "vault emptied");
        assertEq(vault.giftCommitment(giftId), bytes32(0), "slot cleared");

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.UnknownGift.selector, giftId));
        vault.claimLink(giftId, gift, to, signature);
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.UnknownGift.selector, giftId));
        vault.refund(giftId, gift);
    }

    function testFuzz_ClaimLinkRejectsAnotherSigner(uint256 otherKeySeed) public {
        uint256 otherKey = boundKey(otherKeySeed);
        vm.assume(vm.addr(otherKey) != vm.addr(LINK_KEY));
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(LINK_KEY), 1e18, _expiry(0));

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, CLAIMANT, _linkSig(otherKey, giftId, CLAIMANT));
    }

    /// @dev A front-runner who copies the signature from the mempool cannot redirect the claim,
    /// nor use it on another gift of the same link key (from another sender: another id).
    function testFuzz_ClaimLinkSignatureBindsRecipientAndGift(address otherTo) public {
        otherTo = _account(otherTo);
        vm.assume(otherTo != CLAIMANT);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(LINK_KEY), 1e18, _expiry(0));
        (uint256 twinId, IGiftVault.Gift memory twin) = _sendLinkFrom(otherSender, vm.addr(LINK_KEY), 1e18, _expiry(0));
        CompactSignature memory signature = _linkSig(LINK_KEY, giftId, CLAIMANT);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, otherTo, signature);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(twinId, twin, CLAIMANT, signature);

        vault.claimLink(giftId, gift, CLAIMANT, signature);
        assertEq(token.balanceOf(CLAIMANT), 1e18, "the genuine claim still works");
        assertEq(token.balanceOf(otherTo), 0, "nothing redirected");
    }

    function testFuzz_ClaimLinkRejectsOtherDomains(uint256 otherChainId, address otherVault) public {
        vm.assume(otherChainId != block.chainid && otherVault != address(vault));
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(LINK_KEY), 1e18, _expiry(0));
        bytes32 foreignChain = Signatures.vaultDomain(otherChainId, address(vault));
        bytes32 foreignVault = Signatures.vaultDomain(block.chainid, otherVault);
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            vault.eip712Domain();
        assertEq(
            keccak256(abi.encode(name, version, chainId, verifyingContract)),
            keccak256(abi.encode("Boon GiftVault", "1", block.chainid, address(vault))),
            "EIP-5267 domain"
        );

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, CLAIMANT, Signatures.sign(LINK_KEY, Signatures.linkDigest(foreignChain, giftId, CLAIMANT)));
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, CLAIMANT, Signatures.sign(LINK_KEY, Signatures.linkDigest(foreignVault, giftId, CLAIMANT)));
    }

    function testFuzz_ClaimLinkRejectsMalleableAndUntypedSignatures(uint256 linkKeySeed) public {
        uint256 linkKey = boundKey(linkKeySeed);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(linkKey), 1e18, _expiry(0));
        CompactSignature memory good = _linkSig(linkKey, giftId, CLAIMANT);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, CLAIMANT, Signatures.toHighS(good));
        // a plain signature of (giftId, recipient) without the EIP-712 domain
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, CLAIMANT, Signatures.sign(linkKey, keccak256(abi.encode(giftId, CLAIMANT))));
        // an empty signature (both words zero)
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, CLAIMANT, CompactSignature(bytes32(0), bytes32(0)));

        vault.claimLink(giftId, gift, CLAIMANT, good);
        assertEq(token.balanceOf(CLAIMANT), 1e18, "the low-s original works");
    }

    function testFuzz_ClaimLinkSignatureDiesOnAChainFork(uint256 newChainId) public {
        vm.assume(newChainId != block.chainid && newChainId < type(uint64).max && newChainId != 0);
        uint256 linkKey = LINK_KEY;
        address to = CLAIMANT;
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(linkKey), 1e18, _expiry(0));
        CompactSignature memory signature = _linkSig(linkKey, giftId, to);

        vm.chainId(newChainId);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLink(giftId, gift, to, signature);
    }

    /// @dev A batch is all or nothing: the same gift twice sinks it, and the gift stays open.
    function testFuzz_ClaimLinkBatchWithADuplicateRevertsWhole(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(LINK_KEY), amount, _expiry(0));
        uint256[] memory ids = new uint256[](2);
        IGiftVault.Gift[] memory gifts = new IGiftVault.Gift[](2);
        CompactSignature[] memory signatures = new CompactSignature[](2);
        for (uint256 i; i < 2; ++i) {
            (ids[i], gifts[i], signatures[i]) = (giftId, gift, _linkSig(LINK_KEY, giftId, CLAIMANT));
        }

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.UnknownGift.selector, giftId));
        vault.claimLinkBatch(ids, gifts, CLAIMANT, signatures);
        assertEq(vault.giftCommitment(giftId), keccak256(abi.encode(gift)), "still open");
        assertEq(token.balanceOf(CLAIMANT), 0, "nothing paid");
    }

    /// @dev One attestation covers one social id: a batch may not mix in another account's gift.
    function testFuzz_ClaimSocialBatchCannotMixAccounts(bytes32 otherSocialId) public {
        vm.assume(otherSocialId != SOCIAL_ID && otherSocialId != bytes32(0));
        uint256[] memory ids = new uint256[](2);
        IGiftVault.Gift[] memory gifts = new IGiftVault.Gift[](2);
        (ids[0], gifts[0]) = _sendSocial(SOCIAL_ID, 1e18, _expiry(0));
        (ids[1], gifts[1]) = _sendSocial(otherSocialId, 1e18, _expiry(0));
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory attestation = _attestation(VERIFIER_KEY, SOCIAL_ID, CLAIMANT, deadline);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocialBatch(ids, gifts, CLAIMANT, deadline, attestation);
        assertEq(token.balanceOf(address(vault)), 2e18, "both still escrowed");
    }

    /// @dev Claiming into Boon's custody (claim into credits) is an ordinary relayed claim whose
    /// signatures name the custody address: a front-runner who copies the relayed batch calls can
    /// only send them to that same recipient, never to itself.
    function testFuzz_RelayedBatchClaimsIntoCustodyCannotBeRedirected(address frontRunnerSeed, address relayer)
        public
    {
        address custody = address(0xC057);
        address frontRunner = _account(frontRunnerSeed);
        vm.assume(frontRunner != custody && relayer != custody && relayer != sender && relayer != otherSender);
        uint256 deadline = block.timestamp + 1 hours;
        uint256[] memory socialIds = new uint256[](3);
        IGiftVault.Gift[] memory socialGifts = new IGiftVault.Gift[](3);
        for (uint256 i; i < 3; ++i) {
            (socialIds[i], socialGifts[i]) = _sendSocial(SOCIAL_ID, 1e18 + i, _expiry(i));
        }
        CompactSignature memory attestation = _attestation(VERIFIER_KEY, SOCIAL_ID, custody, deadline);
        uint256[] memory linkIds = new uint256[](2);
        IGiftVault.Gift[] memory linkGifts = new IGiftVault.Gift[](2);
        CompactSignature[] memory linkSigs = new CompactSignature[](2);
        (linkIds[0], linkGifts[0]) = _sendLink(vm.addr(LINK_KEY), 5e18, _expiry(0));
        (linkIds[1], linkGifts[1]) = _sendLinkFrom(otherSender, vm.addr(LINK_KEY), 7e18, _expiry(0));
        for (uint256 i; i < 2; ++i) {
            linkSigs[i] = _linkSig(LINK_KEY, linkIds[i], custody);
        }

        vm.startPrank(frontRunner);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocialBatch(socialIds, socialGifts, frontRunner, deadline, attestation);
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimLinkBatch(linkIds, linkGifts, frontRunner, linkSigs);
        vm.stopPrank();

        vm.startPrank(relayer);
        vault.claimSocialBatch(socialIds, socialGifts, custody, deadline, attestation);
        vault.claimLinkBatch(linkIds, linkGifts, custody, linkSigs);
        vm.stopPrank();
        assertEq(token.balanceOf(custody), 3e18 + 3 + 12e18, "custody holds every gift");
        assertEq(token.balanceOf(frontRunner), 0, "front-runner paid nothing");
        if (relayer != frontRunner) assertEq(token.balanceOf(relayer), 0, "relayer paid nothing");
        assertEq(token.balanceOf(address(vault)), 0, "nothing left in escrow");
    }

    function testFuzz_TamperedFieldsAreUnknown(uint256 amount, uint256 delta, address fakeSender) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        vm.assume(fakeSender != sender);
        uint256 linkKey = LINK_KEY;
        address to = CLAIMANT;
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(linkKey), amount, _expiry(0));
        CompactSignature memory signature = _linkSig(linkKey, giftId, to);
        bytes memory unknown = abi.encodeWithSelector(IGiftVault.UnknownGift.selector, giftId);

        IGiftVault.Gift memory bigger = _copy(gift);
        bigger.amount = amount + bound(delta, 1, MAX_AMOUNT);
        vm.expectRevert(unknown);
        vault.claimLink(giftId, bigger, to, signature);

        IGiftVault.Gift memory stolen = _copy(gift);
        stolen.sender = fakeSender;
        vm.warp(gift.expiry);
        vm.expectRevert(unknown);
        vault.refund(giftId, stolen);

        vault.refund(giftId, gift);
        assertEq(token.balanceOf(fakeSender), 0, "fake sender got nothing");
    }

    // ------------------------------------------------------------ social claims

    function testFuzz_ClaimSocialWithAttestation(
        bytes32 socialId,
        address walletSeed,
        address relayer,
        uint256 amount,
        uint256 offset
    ) public {
        vm.assume(socialId != bytes32(0));
        address wallet = _account(walletSeed);
        vm.assume(relayer != wallet);
        amount = bound(amount, 1, MAX_AMOUNT);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendSocial(socialId, amount, _expiry(offset));
        // the attestation may outlive the gift; the gift's own expiry still applies
        uint256 deadline = block.timestamp + bound(offset, 0, 365 days);
        CompactSignature memory attestation = _attestation(VERIFIER_KEY, socialId, wallet, deadline);

        vm.prank(relayer);
        vault.claimSocial(giftId, gift, wallet, deadline, attestation);

        assertEq(token.balanceOf(wallet), amount, "wallet paid");
        assertEq(token.balanceOf(relayer), 0, "relayer paid nothing");
        assertEq(vault.giftCommitment(giftId), bytes32(0), "slot cleared");
    }

    function testFuzz_ClaimSocialRejectsWrongSignerWalletOrAccount(
        uint256 otherKeySeed,
        address otherWallet,
        bytes32 otherSocialId
    ) public {
        uint256 otherKey = boundKey(otherKeySeed);
        vm.assume(vm.addr(otherKey) != verifier);
        vm.assume(otherWallet != CLAIMANT && otherWallet != address(0) && otherSocialId != SOCIAL_ID);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendSocial(SOCIAL_ID, 1e18, _expiry(0));
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory good = _attestation(VERIFIER_KEY, SOCIAL_ID, CLAIMANT, deadline);

        // not a verifier
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(giftId, gift, CLAIMANT, deadline, _attestation(otherKey, SOCIAL_ID, CLAIMANT, deadline));
        // attested for another wallet
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(giftId, gift, otherWallet, deadline, good);
        // attested for another social account
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(giftId, gift, CLAIMANT, deadline, _attestation(VERIFIER_KEY, otherSocialId, CLAIMANT, deadline));
        // claimed with another deadline than attested
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(giftId, gift, CLAIMANT, deadline + 1, good);
        // the high-s twin
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(giftId, gift, CLAIMANT, deadline, Signatures.toHighS(good));
    }

    function testFuzz_ClaimSocialRejectsOtherDomains(uint256 otherChainId, address otherVault) public {
        vm.assume(otherChainId != block.chainid && otherVault != address(vault));
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendSocial(SOCIAL_ID, 1e18, _expiry(0));
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 foreignChain = Signatures.vaultDomain(otherChainId, address(vault));
        bytes32 foreignVault = Signatures.vaultDomain(block.chainid, otherVault);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(
            giftId, gift, CLAIMANT, deadline, Signatures.sign(VERIFIER_KEY, Signatures.socialDigest(foreignChain, SOCIAL_ID, CLAIMANT, deadline))
        );
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(
            giftId, gift, CLAIMANT, deadline, Signatures.sign(VERIFIER_KEY, Signatures.socialDigest(foreignVault, SOCIAL_ID, CLAIMANT, deadline))
        );
    }

    function testFuzz_ClaimSocialRejectsExpiredAttestation(uint256 deadlineOffset, uint256 lateness) public {
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendSocial(SOCIAL_ID, 1e18, _expiry(MAX_LIFETIME));
        uint256 deadline = block.timestamp + bound(deadlineOffset, 0, 7 days);
        CompactSignature memory attestation = _attestation(VERIFIER_KEY, SOCIAL_ID, CLAIMANT, deadline);

        // the gift itself is still live; only the attestation is stale
        vm.warp(deadline + bound(lateness, 1, 7 days));
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.AttestationExpired.selector, deadline));
        vault.claimSocial(giftId, gift, CLAIMANT, deadline, attestation);
    }

    function testFuzz_RotatedVerifierIsRefused(uint256 newKeySeed) public {
        uint256 newKey = boundKey(newKeySeed);
        address newVerifier = vm.addr(newKey);
        vm.assume(newVerifier != verifier);
        bytes32 socialId = keccak256(abi.encode("x", uint256(42)));
        address wallet = CLAIMANT;
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendSocial(socialId, 1e18, _expiry(0));
        uint256 deadline = block.timestamp + 1 hours;
        CompactSignature memory oldAttestation = _attestation(VERIFIER_KEY, socialId, wallet, deadline);

        vault.grantRole(vault.VERIFIER_ROLE(), newVerifier);
        vault.revokeRole(vault.VERIFIER_ROLE(), verifier);

        vm.expectRevert(abi.encodeWithSelector(IGiftVault.InvalidSignature.selector));
        vault.claimSocial(giftId, gift, wallet, deadline, oldAttestation);
        vault.claimSocial(giftId, gift, wallet, deadline, _attestation(newKey, socialId, wallet, deadline));
        assertEq(token.balanceOf(wallet), 1e18, "new verifier's attestation works");
    }

    // ------------------------------------------------------------ expiry and refunds

    function testFuzz_ExpiryDividesClaimFromRefund(uint256 amount, uint256 offset, uint256 early, uint256 late, address relayer)
        public
    {
        vm.assume(relayer != sender);
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 linkKey = LINK_KEY;
        address to = CLAIMANT;
        uint40 expiry = _expiry(offset);
        (uint256 giftId, IGiftVault.Gift memory gift) = _sendLink(vm.addr(linkKey), amount, expiry);
        CompactSignature memory signature = _linkSig(linkKey, giftId, to);
        uint256 senderBefore = token.balanceOf(sender);

        // before expiry nobody, not even the sender, can take it back
        vm.warp(bound(early, block.timestamp, expiry - 1));
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.GiftNotExpired.selector, giftId, expiry));
        vm.prank(sender);
        vault.refund(giftId, gift);

        // from expiry on it can only be refunded, by anyone, to the sender
        vm.warp(bound(late, expiry, uint256(expiry) + 3650 days));
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.GiftExpired.selector, giftId, expiry));
        vault.claimLink(giftId, gift, to, signature);
        vm.prank(relayer);
        vault.refund(giftId, gift);

        assertEq(token.balanceOf(sender) - senderBefore, amount, "sender refunded");
        assertEq(token.balanceOf(address(vault)), 0, "vault emptied");
        vm.expectRevert(abi.encodeWithSelector(IGiftVault.UnknownGift.selector, giftId));
        vault.refund(giftId, gift);
    }
}
