// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {BoonToken} from "../src/BoonToken.sol";
import {GiftVault} from "../src/GiftVault.sol";
import {CompactSignature} from "../src/interfaces/CompactSignature.sol";
import {IGiftVault} from "../src/interfaces/IGiftVault.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {NoReturnToken} from "./mocks/NoReturnToken.sol";
import {Signatures} from "./utils/Signatures.sol";
import {TestBase} from "./utils/TestBase.sol";
import {vm} from "./utils/Vm.sol";

/// @dev Lives in this file, not in utils/: the invariant runner can only target contracts whose
/// artifact was emitted, and only the root file of a run emits artifacts.
/// @notice Drives GiftVault and RewardDistributor for the invariant tests: many actors send gifts of
/// every kind in two tokens, claim them (social with a verifier attestation, link with the link key's
/// signature, singly and in batches), refund them, jump in time, and claim reward vouchers (fresh,
/// stale and replayed). The admin flips either token between "exact" (sends skip the balance checks
/// and the lock) and measured, so both paths run on both tokens; a fee-on-transfer token that stays
/// measured is gifted too. It keeps ghost state (what should be escrowed, how each gift ended, what
/// each account was paid and what was minted per day) and counts every outcome that contradicts its
/// model in `surprises`.
contract BoonHandler is TestBase {
    struct Record {
        uint256 giftId;
        IGiftVault.Gift gift;
        uint256 linkKey; // zero for social gifts
        uint8 claims;
        uint8 refunds;
    }

    struct Voucher {
        address account;
        uint256 cumulative;
        uint256 deadline;
        CompactSignature signature;
    }

    uint256 internal constant SOCIAL_ACCOUNTS = 4;
    uint256 internal constant VERIFIER_KEY = 0xA11CE;
    uint256 internal constant REWARD_SIGNER_KEY = 0x5167;

    GiftVault public immutable vault;
    RewardDistributor public immutable distributor;
    BoonToken public immutable boon;
    FeeOnTransferToken public immutable feeToken;
    address[] internal _tokens;
    address[] internal _actors;
    bytes32 internal immutable _vaultDomain;
    bytes32 internal immutable _distributorDomain;
    uint32 internal immutable _minLifetime;
    uint32 internal immutable _maxLifetime;

    uint256 public currentTime;
    uint256 internal _linkNonce;
    uint256 internal _saltNonce;
    Record[] internal _records;
    mapping(address token => uint256 amount) public escrowed;
    mapping(bytes32 socialId => uint256[] recordIndexes) internal _bySocial;
    uint256[] internal _socialRecords;
    uint256[] internal _linkRecords;

    Voucher[] internal _vouchers;
    mapping(address account => uint256 amount) public earned;
    mapping(address account => uint256 amount) public paidTo;
    mapping(uint256 day => uint256 amount) public paidOnDay;
    mapping(uint256 day => uint256 amount) public mintedOnDay;
    uint256[] internal _days;
    uint256 public totalPaid;

    /// @notice Outcomes that contradict the model (a call that should have worked failed, or the
    /// other way round, or moved the wrong amount); the last one's reason.
    uint256 public surprises;
    string public lastSurprise;

    constructor(
        GiftVault vault_,
        RewardDistributor distributor_,
        BoonToken boon_,
        address secondToken,
        FeeOnTransferToken feeToken_,
        address[] memory actors_
    ) {
        vault = vault_;
        distributor = distributor_;
        boon = boon_;
        feeToken = feeToken_;
        _tokens.push(address(boon_));
        _tokens.push(secondToken);
        _actors = actors_;
        _vaultDomain = Signatures.vaultDomain(block.chainid, address(vault_));
        _distributorDomain = Signatures.distributorDomain(block.chainid, address(distributor_));
        (_minLifetime, _maxLifetime) = vault_.expiryBounds();
        currentTime = block.timestamp;
    }

    // ------------------------------------------------------------ views for the invariants

    function recordCount() external view returns (uint256) {
        return _records.length;
    }

    function record(uint256 index) external view returns (Record memory) {
        return _records[index];
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function mintDays() external view returns (uint256[] memory) {
        return _days;
    }

    // ------------------------------------------------------------ time

    /// @dev Every action starts here, so time only moves through `warp`.
    modifier atCurrentTime() {
        vm.warp(currentTime);
        _;
    }

    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1, 1 days);
        vm.warp(currentTime);
    }

    // ------------------------------------------------------------ sends

    function sendToAddress(uint256 actorSeed, uint256 toSeed, uint256 tokenSeed, uint256 amount)
        external
        atCurrentTime
    {
        address sender = _actor(actorSeed);
        address to = _actor(toSeed);
        if (to == sender) to = _actor(toSeed ^ 1);
        IERC20 token = IERC20(_token(tokenSeed));
        amount = _amount(token, amount);
        uint256 toBefore = token.balanceOf(to);
        uint256 vaultBefore = token.balanceOf(address(vault));

        vm.prank(sender);
        try vault.giftToAddress(address(token), to, amount, bytes32(0), "") returns (uint256 received) {
            _expect(received == amount, "address gift recorded the wrong amount");
            _expect(token.balanceOf(to) - toBefore == amount, "address gift not delivered in full");
            _expect(token.balanceOf(address(vault)) == vaultBefore, "address gift touched the vault");
        } catch {
            _surprise("address gift failed");
        }
    }

    /// @dev The admin marks a token exact or measured: outcomes must not change for these plain
    /// tokens, only the path the vault takes.
    function setExact(uint256 tokenSeed, bool exact) external atCurrentTime {
        vault.setTokenConfig(_token(tokenSeed), true, exact);
    }

    /// @dev A fee-on-transfer token, listed but (rightly) not exact: escrow must be refused with
    /// TransferAmountMismatch, and a direct gift must record what the recipient received.
    function sendFeeToken(uint256 actorSeed, uint256 toSeed, uint256 amount, uint256 lifetime) external atCurrentTime {
        address sender = _actor(actorSeed);
        address to = _actor(toSeed);
        if (to == sender) to = _actor(toSeed ^ 1);
        amount = bound(amount, 100, 1e24); // at least one unit of fee
        uint256 toBefore = feeToken.balanceOf(to);
        vm.prank(sender);
        try vault.giftToAddress(address(feeToken), to, amount, bytes32(0), "") returns (uint256 received) {
            _expect(received == feeToken.balanceOf(to) - toBefore, "fee gift recorded more than arrived");
            _expect(received < amount, "the fee token took no fee");
        } catch {
            _surprise("fee token direct gift failed");
        }
        vm.prank(sender);
        try vault.giftToSocial(address(feeToken), _socialId(toSeed), amount, _expiry(lifetime), ++_saltNonce, bytes32(0), "") {
            _surprise("fee token escrowed short");
        } catch (bytes memory reason) {
            _expect(bytes4(reason) == IGiftVault.TransferAmountMismatch.selector, "fee escrow refused for another reason");
        }
    }

    function sendToSocial(uint256 actorSeed, uint256 socialSeed, uint256 tokenSeed, uint256 amount, uint256 lifetime)
        external
        atCurrentTime
    {
        address sender = _actor(actorSeed);
        address token = _token(tokenSeed);
        amount = _amount(IERC20(token), amount);
        bytes32 socialId = _socialId(socialSeed);
        uint40 expiry = _expiry(lifetime);
        uint256 salt = ++_saltNonce;

        vm.prank(sender);
        try vault.giftToSocial(token, socialId, amount, expiry, salt, bytes32("post"), "for you") returns (
            uint256 giftId
        ) {
            _expect(giftId == vault.giftIdOf(sender, salt), "unexpected gift id");
            _record(giftId, IGiftVault.Gift(token, sender, IGiftVault.Kind.Social, socialId, amount, expiry), 0);
        } catch {
            _surprise("social gift failed");
        }
    }

    function sendToLink(uint256 actorSeed, uint256 tokenSeed, uint256 amount, uint256 lifetime) external atCurrentTime {
        address sender = _actor(actorSeed);
        address token = _token(tokenSeed);
        amount = _amount(IERC20(token), amount);
        uint40 expiry = _expiry(lifetime);
        uint256 linkKey = _newLinkKey();
        address linkAddress = vm.addr(linkKey);

        vm.prank(sender);
        try vault.giftToLink(token, linkAddress, amount, expiry, bytes32(0), "") returns (uint256 giftId) {
            _expect(giftId == vault.giftIdOf(sender, uint160(linkAddress)), "unexpected link gift id");
            _record(giftId, _linkGift(token, sender, linkAddress, amount, expiry), linkKey);
        } catch {
            _surprise("link gift failed");
        }
    }

    /// @dev A batch mixing all three kinds: the address gifts paid at once, the escrow in one pull.
    function sendBatch(uint256 actorSeed, uint256 tokenSeed, uint256 seed, uint256 count, uint256 lifetime)
        external
        atCurrentTime
    {
        address sender = _actor(actorSeed);
        IERC20 token = IERC20(_token(tokenSeed));
        count = bound(count, 1, 6);
        uint40 expiry = _expiry(lifetime);
        IGiftVault.GiftRequest[] memory requests = new IGiftVault.GiftRequest[](count);
        uint256[] memory linkKeys = new uint256[](count);
        uint256 escrowedPart;
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            IGiftVault.Kind kind = IGiftVault.Kind(r % 3);
            uint256 amount = _amount(token, r >> 8);
            bytes32 recipient;
            if (kind == IGiftVault.Kind.Address) {
                address to = _actor(r >> 16);
                if (to == sender) to = _actor((r >> 16) ^ 1);
                recipient = bytes32(uint256(uint160(to)));
            } else if (kind == IGiftVault.Kind.Social) {
                recipient = _socialId(r >> 16);
            } else {
                linkKeys[i] = _newLinkKey();
                recipient = bytes32(uint256(uint160(vm.addr(linkKeys[i]))));
            }
            if (kind != IGiftVault.Kind.Address) escrowedPart += amount;
            requests[i] = IGiftVault.GiftRequest(kind, recipient, amount);
        }
        uint256 vaultBefore = token.balanceOf(address(vault));
        uint256 salt = _saltNonce + 1;
        _saltNonce += count;

        vm.prank(sender);
        try vault.sendGifts(address(token), requests, expiry, salt, bytes32(0), "batch") {
            _expect(token.balanceOf(address(vault)) - vaultBefore == escrowedPart, "batch escrowed the wrong amount");
            for (uint256 i; i < count; ++i) {
                IGiftVault.GiftRequest memory q = requests[i];
                if (q.kind == IGiftVault.Kind.Address) continue;
                uint256 giftId =
                    vault.giftIdOf(sender, q.kind == IGiftVault.Kind.Link ? uint256(q.recipient) : salt + i);
                _record(giftId, IGiftVault.Gift(address(token), sender, q.kind, q.recipient, q.amount, expiry), linkKeys[i]);
            }
        } catch {
            _surprise("batch send failed");
        }
    }

    // ------------------------------------------------------------ claims and refunds

    /// @dev Claims any recorded gift (open, ended, expired or of the other kind) for a random wallet;
    /// the vault must agree with the model on whether that works.
    function claimSocial(uint256 recordSeed, uint256 walletSeed, uint256 relayerSeed) external atCurrentTime {
        if (_records.length == 0) return;
        // mostly social gifts; now and then a link gift, which must be refused
        uint256 index = recordSeed % 8 == 0 || _socialRecords.length == 0
            ? recordSeed % _records.length
            : _socialRecords[(recordSeed >> 8) % _socialRecords.length];
        Record storage rec = _records[index];
        address wallet = _actor(walletSeed);
        uint256 deadline = currentTime + 1 hours;
        CompactSignature memory attestation = _attest(rec.gift.recipient, wallet, deadline);
        bool shouldWork = rec.gift.kind == IGiftVault.Kind.Social && _claimable(rec);
        IERC20 token = IERC20(rec.gift.token);
        uint256 before = token.balanceOf(wallet);

        vm.prank(_actor(relayerSeed));
        try vault.claimSocial(rec.giftId, rec.gift, wallet, deadline, attestation) {
            _expect(shouldWork, "claimSocial worked on a gift that was not claimable");
            _expect(token.balanceOf(wallet) - before == rec.gift.amount, "social claim paid the wrong amount");
            _ended(index, true);
        } catch {
            _expect(!shouldWork, "claimSocial failed on a claimable gift");
        }
    }

    /// @dev Claims up to seven claimable gifts of one social account with one attestation; with
    /// `addEnded` it slips in one that has ended or expired, which must sink the whole batch.
    function claimSocialBatch(uint256 socialSeed, uint256 walletSeed, bool addEnded) external atCurrentTime {
        bytes32 socialId = _socialId(socialSeed);
        (uint256[] memory picked, bool spoiled) = _pick(_bySocial[socialId], walletSeed, 7, addEnded, true);
        if (picked.length == 0) return;
        uint256[] memory giftIds = new uint256[](picked.length);
        IGiftVault.Gift[] memory gifts = new IGiftVault.Gift[](picked.length);
        for (uint256 i; i < picked.length; ++i) {
            giftIds[i] = _records[picked[i]].giftId;
            gifts[i] = _records[picked[i]].gift;
        }
        address wallet = _actor(walletSeed >> 8);
        uint256 deadline = currentTime + 1 hours;
        CompactSignature memory attestation = _attest(socialId, wallet, deadline);

        try vault.claimSocialBatch(giftIds, gifts, wallet, deadline, attestation) {
            _expect(!spoiled, "claimSocialBatch worked with an ended gift inside");
            for (uint256 i; i < picked.length; ++i) {
                _ended(picked[i], true);
            }
        } catch {
            _expect(spoiled, "claimSocialBatch failed on claimable gifts");
        }
    }

    function claimLink(uint256 recordSeed, uint256 toSeed, uint256 relayerSeed) external atCurrentTime {
        if (_linkRecords.length == 0) return;
        uint256 index = _linkRecords[recordSeed % _linkRecords.length];
        Record storage rec = _records[index];
        address to = _actor(toSeed);
        CompactSignature memory signature = _linkSignature(rec.linkKey, rec.giftId, to);
        bool shouldWork = _claimable(rec);
        IERC20 token = IERC20(rec.gift.token);
        uint256 before = token.balanceOf(to);

        vm.prank(_actor(relayerSeed));
        try vault.claimLink(rec.giftId, rec.gift, to, signature) {
            _expect(shouldWork, "claimLink worked on a gift that was not claimable");
            _expect(token.balanceOf(to) - before == rec.gift.amount, "link claim paid the wrong amount");
            _ended(index, true);
        } catch {
            _expect(!shouldWork, "claimLink failed on a claimable gift");
        }
    }

    /// @dev Claims up to five claimable link gifts to one address; with `addEnded` it slips in one
    /// that has ended or expired, which must sink the whole batch.
    function claimLinkBatch(uint256 startSeed, uint256 toSeed, bool addEnded) external atCurrentTime {
        (uint256[] memory picked, bool spoiled) = _pick(_linkRecords, startSeed, 5, addEnded, true);
        if (picked.length == 0) return;
        address to = _actor(toSeed);
        uint256[] memory giftIds = new uint256[](picked.length);
        IGiftVault.Gift[] memory gifts = new IGiftVault.Gift[](picked.length);
        CompactSignature[] memory signatures = new CompactSignature[](picked.length);
        for (uint256 i; i < picked.length; ++i) {
            Record storage rec = _records[picked[i]];
            giftIds[i] = rec.giftId;
            gifts[i] = rec.gift;
            signatures[i] = _linkSignature(rec.linkKey, rec.giftId, to);
        }

        try vault.claimLinkBatch(giftIds, gifts, to, signatures) {
            _expect(!spoiled, "claimLinkBatch worked with an unclaimable gift inside");
            for (uint256 i; i < picked.length; ++i) {
                _ended(picked[i], true);
            }
        } catch {
            _expect(spoiled, "claimLinkBatch failed on claimable gifts");
        }
    }

    function refund(uint256 recordSeed, uint256 relayerSeed) external atCurrentTime {
        if (_records.length == 0) return;
        uint256 index = recordSeed % _records.length;
        Record storage rec = _records[index];
        bool shouldWork = _open(rec) && currentTime >= rec.gift.expiry;
        IERC20 token = IERC20(rec.gift.token);
        uint256 before = token.balanceOf(rec.gift.sender);

        vm.prank(_actor(relayerSeed));
        try vault.refund(rec.giftId, rec.gift) {
            _expect(shouldWork, "refund worked on a gift that was not refundable");
            _expect(token.balanceOf(rec.gift.sender) - before == rec.gift.amount, "refund paid the wrong amount");
            _ended(index, false);
        } catch {
            _expect(!shouldWork, "refund failed on a refundable gift");
        }
    }

    /// @dev Refunds up to eight refundable gifts; with `addOther` it slips in one that is not
    /// refundable (still running, or ended), which must sink the whole batch.
    function refundBatch(uint256 startSeed, bool addOther) external atCurrentTime {
        uint256[] memory all = new uint256[](_records.length);
        for (uint256 i; i < all.length; ++i) {
            all[i] = i;
        }
        (uint256[] memory picked, bool spoiled) = _pick(all, startSeed, 8, addOther, false);
        if (picked.length == 0) return;
        uint256[] memory giftIds = new uint256[](picked.length);
        IGiftVault.Gift[] memory gifts = new IGiftVault.Gift[](picked.length);
        for (uint256 i; i < picked.length; ++i) {
            giftIds[i] = _records[picked[i]].giftId;
            gifts[i] = _records[picked[i]].gift;
        }

        try vault.refundBatch(giftIds, gifts) {
            _expect(!spoiled, "refundBatch worked with an unrefundable gift inside");
            for (uint256 i; i < picked.length; ++i) {
                _ended(picked[i], false);
            }
        } catch {
            _expect(spoiled, "refundBatch failed on refundable gifts");
        }
    }

    // ------------------------------------------------------------ pause

    /// @dev Pauses both contracts, checks that a send, a claim, a refund and a voucher claim (each
    /// of which might otherwise work) are refused with EnforcedPause, and unpauses again.
    function pauseAndProbe(uint256 seed) external atCurrentTime {
        vault.pause();
        distributor.pause();
        address sender = _actor(seed);
        vm.prank(sender);
        try vault.giftToLink(address(boon), sender, 1, _expiry(seed), bytes32(0), "") {
            _surprise("sent while paused");
        } catch (bytes memory reason) {
            _expectPaused(reason);
        }
        if (_linkRecords.length != 0) {
            Record storage rec = _records[_linkRecords[seed % _linkRecords.length]];
            CompactSignature memory signature = _linkSignature(rec.linkKey, rec.giftId, sender);
            try vault.claimLink(rec.giftId, rec.gift, sender, signature) {
                _surprise("claimed while paused");
            } catch (bytes memory reason) {
                _expectPaused(reason);
            }
            try vault.refund(rec.giftId, rec.gift) {
                _surprise("refunded while paused");
            } catch (bytes memory reason) {
                _expectPaused(reason);
            }
        }
        if (_vouchers.length != 0) {
            Voucher storage v = _vouchers[seed % _vouchers.length];
            try distributor.claim(v.account, v.cumulative, v.deadline, v.signature) {
                _surprise("voucher claimed while paused");
            } catch (bytes memory reason) {
                _expectPaused(reason);
            }
        }
        vault.unpause();
        distributor.unpause();
    }

    // ------------------------------------------------------------ reward vouchers

    /// @dev The backend credits an account and signs a voucher for its new cumulative total, which
    /// the account often claims at once.
    function earn(uint256 actorSeed, uint256 amount, uint256 validFor, bool claimNow) external atCurrentTime {
        address account = _actor(actorSeed);
        (, uint256 maxClaim) = distributor.caps();
        earned[account] += bound(amount, 1, maxClaim);
        uint256 deadline = currentTime + bound(validFor, 0, 2 days);
        bytes32 digest = Signatures.voucherDigest(_distributorDomain, account, earned[account], deadline);
        _vouchers.push(Voucher(account, earned[account], deadline, Signatures.sign(REWARD_SIGNER_KEY, digest)));
        if (claimNow) _claimVoucher(_vouchers.length - 1, actorSeed >> 8);
    }

    /// @dev Submits any voucher ever signed (fresh, superseded, expired or already used).
    function claimVoucher(uint256 voucherSeed, uint256 relayerSeed) external atCurrentTime {
        if (_vouchers.length == 0) return;
        _claimVoucher(voucherSeed % _vouchers.length, relayerSeed);
    }

    function _claimVoucher(uint256 index, uint256 relayerSeed) private {
        Voucher memory v = _vouchers[index];
        uint256 alreadyClaimed = distributor.claimed(v.account);
        (uint256 dailyCap, uint256 maxClaim) = distributor.caps();
        uint256 day = currentTime / 1 days;
        uint256 amount = v.cumulative > alreadyClaimed ? v.cumulative - alreadyClaimed : 0;
        bool shouldWork = currentTime <= v.deadline && amount > 0 && amount <= maxClaim
            && paidOnDay[day] + amount <= dailyCap;
        uint256 before = boon.balanceOf(v.account);
        uint256 supplyBefore = boon.totalSupply();

        vm.prank(_actor(relayerSeed));
        try distributor.claim(v.account, v.cumulative, v.deadline, v.signature) returns (uint256 paid) {
            _expect(shouldWork, "voucher claim worked against the model");
            uint256 received = boon.balanceOf(v.account) - before;
            _expect(paid == amount && received == amount, "voucher paid the wrong amount");
            if (paidOnDay[day] == 0) _days.push(day);
            paidOnDay[day] += received;
            // a claim that opens the day mints its budget
            mintedOnDay[day] += boon.totalSupply() - supplyBefore;
            paidTo[v.account] += received;
            totalPaid += received;
        } catch {
            _expect(!shouldWork, "voucher claim failed against the model");
        }
    }

    // ------------------------------------------------------------ internals

    function _record(uint256 giftId, IGiftVault.Gift memory gift, uint256 linkKey) private {
        uint256 index = _records.length;
        _records.push(Record(giftId, gift, linkKey, 0, 0));
        if (gift.kind == IGiftVault.Kind.Social) {
            _bySocial[gift.recipient].push(index);
            _socialRecords.push(index);
        } else {
            _linkRecords.push(index);
        }
        escrowed[gift.token] += gift.amount;
    }

    function _ended(uint256 index, bool claimed) private {
        Record storage rec = _records[index];
        if (claimed) ++rec.claims;
        else ++rec.refunds;
        // an over-counted ending must not underflow here: the invariants report it instead
        if (rec.claims + rec.refunds == 1) escrowed[rec.gift.token] -= rec.gift.amount;
    }

    /// @dev From `indexes`, starting at a random place, up to `max` records that can be claimed
    /// (`forClaim`) or refunded; with `spoil`, one more that cannot, placed last.
    function _pick(uint256[] memory indexes, uint256 seed, uint256 max, bool spoil, bool forClaim)
        private
        view
        returns (uint256[] memory picked, bool spoiled)
    {
        picked = new uint256[](max + 1);
        uint256 count;
        uint256 spoiler = type(uint256).max;
        uint256 n = indexes.length;
        for (uint256 k; k < n && count < max; ++k) {
            uint256 index = indexes[(seed + k) % n];
            Record storage rec = _records[index];
            bool ok = forClaim ? _claimable(rec) : _open(rec) && currentTime >= rec.gift.expiry;
            if (ok) picked[count++] = index;
            else if (spoiler == type(uint256).max) spoiler = index;
        }
        spoiled = spoil && spoiler != type(uint256).max;
        if (spoiled) picked[count++] = spoiler;
        assembly ("memory-safe") {
            mstore(picked, count) // trim to the picked length
        }
    }

    function _open(Record storage rec) private view returns (bool) {
        return rec.claims == 0 && rec.refunds == 0;
    }

    function _claimable(Record storage rec) private view returns (bool) {
        return _open(rec) && currentTime < rec.gift.expiry;
    }

    function _expect(bool condition, string memory reason) private {
        if (!condition) _surprise(reason);
    }

    function _expectPaused(bytes memory reason) private {
        _expect(bytes4(reason) == IGiftVault.EnforcedPause.selector, "refused for another reason than the pause");
    }

    function _surprise(string memory reason) private {
        ++surprises;
        lastSurprise = reason;
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _token(uint256 seed) private view returns (address) {
        return _tokens[seed % _tokens.length];
    }

    /// @dev Up to a million whole tokens in the token's own decimals.
    function _amount(IERC20 token, uint256 seed) private view returns (uint256) {
        return bound(seed, 1, address(token) == address(boon) ? 1e24 : 1e12);
    }

    function _socialId(uint256 seed) private pure returns (bytes32) {
        return keccak256(abi.encode("x", seed % SOCIAL_ACCOUNTS));
    }

    function _expiry(uint256 lifetime) private view returns (uint40) {
        return uint40(currentTime + bound(lifetime, _minLifetime, _maxLifetime));
    }

    function _newLinkKey() private returns (uint256) {
        return boundKey(uint256(keccak256(abi.encode("link", ++_linkNonce))));
    }

    function _linkGift(address token, address sender, address linkAddress, uint256 amount, uint40 expiry)
        private
        pure
        returns (IGiftVault.Gift memory)
    {
        return IGiftVault.Gift(token, sender, IGiftVault.Kind.Link, bytes32(uint256(uint160(linkAddress))), amount, expiry);
    }

    function _attest(bytes32 socialId, address wallet, uint256 deadline)
        private
        view
        returns (CompactSignature memory)
    {
        return Signatures.sign(VERIFIER_KEY, Signatures.socialDigest(_vaultDomain, socialId, wallet, deadline));
    }

    function _linkSignature(uint256 linkKey, uint256 giftId, address to)
        private
        view
        returns (CompactSignature memory)
    {
        return Signatures.sign(linkKey, Signatures.linkDigest(_vaultDomain, giftId, to));
    }
}

/// @notice The rules that must always hold (DESIGN.md 1-3) under random sequences of sends, claims,
/// refunds, time jumps and voucher claims by many actors. Run counts live in hardhat.config.ts
/// (test.solidity.invariant): runs x depth calls per invariant.
contract InvariantsTest is TestBase {
    uint256 internal constant VERIFIER_KEY = 0xA11CE;
    uint256 internal constant REWARD_SIGNER_KEY = 0x5167;
    uint256 internal constant MAX_CLAIM = 100e18;
    uint256 internal constant DAILY_CAP = 200e18; // low, so that runs hit it
    uint256 internal constant ACTOR_FUNDS = 1e30;

    GiftVault internal vault;
    RewardDistributor internal distributor;
    BoonToken internal boon;
    NoReturnToken internal usdt;
    FeeOnTransferToken internal feeToken;
    BoonHandler internal handler;
    uint256 internal initialBoonSupply;

    function setUp() public {
        vm.warp(1_700_000_000);
        boon = new BoonToken(address(this), type(uint128).max);
        usdt = new NoReturnToken();
        feeToken = new FeeOnTransferToken(100);
        vault = new GiftVault(address(this), vm.addr(VERIFIER_KEY), 1 hours, 30 days);
        distributor = new RewardDistributor(boon, address(this), vm.addr(REWARD_SIGNER_KEY), DAILY_CAP, MAX_CLAIM);
        boon.grantRole(boon.MINTER_ROLE(), address(distributor));
        boon.grantRole(boon.MINTER_ROLE(), address(this));
        vault.setTokenConfig(address(boon), true, true);
        vault.setTokenConfig(address(usdt), true, false);
        vault.setTokenConfig(address(feeToken), true, false);

        address[] memory actors = new address[](6);
        for (uint256 i; i < actors.length; ++i) {
            actors[i] = address(uint160(0xA000 + i));
            boon.mint(actors[i], ACTOR_FUNDS);
            usdt.mint(actors[i], ACTOR_FUNDS);
            feeToken.mint(actors[i], ACTOR_FUNDS);
            vm.startPrank(actors[i]);
            boon.approve(address(vault), type(uint256).max);
            usdt.approve(address(vault), type(uint256).max);
            feeToken.approve(address(vault), type(uint256).max);
            vm.stopPrank();
        }
        initialBoonSupply = boon.totalSupply();
        handler = new BoonHandler(vault, distributor, boon, address(usdt), feeToken, actors);

        vault.grantRole(vault.PAUSER_ROLE(), address(handler));
        vault.grantRole(vault.DEFAULT_ADMIN_ROLE(), address(handler));
        distributor.grantRole(distributor.PAUSER_ROLE(), address(handler));

        bytes4[] memory selectors = new bytes4[](17);
        selectors[0] = handler.sendToAddress.selector;
        selectors[1] = handler.sendToSocial.selector;
        selectors[2] = handler.sendToLink.selector;
        selectors[3] = handler.sendBatch.selector;
        selectors[4] = handler.claimSocial.selector;
        selectors[5] = handler.claimSocialBatch.selector;
        selectors[6] = handler.claimLink.selector;
        selectors[7] = handler.claimLinkBatch.selector;
        selectors[8] = handler.refund.selector;
        selectors[9] = handler.refundBatch.selector;
        selectors[10] = handler.warp.selector;
        selectors[11] = handler.earn.selector;
        selectors[12] = handler.claimVoucher.selector;
        selectors[13] = handler.claimLink.selector; // claims are rarer than sends otherwise
        selectors[14] = handler.pauseAndProbe.selector;
        selectors[15] = handler.setExact.selector;
        selectors[16] = handler.sendFeeToken.selector;
        targetContract(address(handler));
        targetSelector(address(handler), selectors);
    }

    /// @notice Rule 1: per token, the vault holds at least the open escrowed gifts, and (since only
    /// the handler moves tokens) exactly them: no value leaks in or out.
    function invariant_VaultIsSolventPerToken() public view {
        address[] memory tokens = handler.tokens();
        uint256[] memory open = new uint256[](tokens.length);
        uint256 count = handler.recordCount();
        for (uint256 i; i < count; ++i) {
            BoonHandler.Record memory rec = handler.record(i);
            if (rec.claims + rec.refunds != 0) continue;
            for (uint256 t; t < tokens.length; ++t) {
                if (rec.gift.token == tokens[t]) open[t] += rec.gift.amount;
            }
        }
        for (uint256 t; t < tokens.length; ++t) {
            uint256 balance = IERC20(tokens[t]).balanceOf(address(vault));
            assertEq(open[t], handler.escrowed(tokens[t]), "ghost escrow agrees with the open gifts");
            assertGe(balance, open[t], "vault solvent");
            assertEq(balance, open[t], "vault holds exactly the open gifts");
        }
        // the fee token, measured, never got into escrow
        assertEq(feeToken.balanceOf(address(vault)), 0, "fee token never escrowed");
    }

    /// @notice Rule 2: every gift ends at most once (never claimed and refunded, never twice), and the
    /// vault's commitment slot says open exactly while the gift has not ended.
    function invariant_GiftEndsExactlyOnce() public view {
        uint256 count = handler.recordCount();
        for (uint256 i; i < count; ++i) {
            BoonHandler.Record memory rec = handler.record(i);
            uint256 endings = uint256(rec.claims) + rec.refunds;
            assertLe(endings, 1, "a gift ended more than once");
            bytes32 expected = endings == 0 ? keccak256(abi.encode(rec.gift)) : bytes32(0);
            assertEq(vault.giftCommitment(rec.giftId), expected, "commitment slot matches the gift's state");
        }
    }

    /// @notice Every claim, refund and send succeeded exactly when the model said it should (an open,
    /// unexpired gift can always be claimed; an open, expired one always refunded; nothing else).
    function invariant_VaultAgreesWithTheModel() public view {
        assertEq(handler.surprises(), 0, handler.lastSurprise());
    }

    /// @notice Cumulative vouchers never pay twice: what was paid to each account equals its
    /// claimed cumulative amount, which never exceeds what the signer vouched for; the supply grew
    /// only by what was paid plus what is left of the current budget.
    function invariant_VouchersNeverPayTwice() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) {
            uint256 claimed = distributor.claimed(actors[i]);
            assertEq(handler.paidTo(actors[i]), claimed, "paid == claimed cumulative");
            assertLe(claimed, handler.earned(actors[i]), "claimed <= earned");
            sum += claimed;
        }
        assertEq(handler.totalPaid(), sum, "total paid");
        uint256 unpaidBudget = boon.balanceOf(address(distributor));
        assertLe(unpaidBudget, DAILY_CAP, "the distributor holds at most one day's budget");
        assertEq(boon.totalSupply(), initialBoonSupply + sum + unpaidBudget, "supply grew only by rewards");
    }

    /// @notice The global daily cap is never exceeded on any UTC day: neither what was minted for
    /// the day nor what was paid.
    function invariant_DailyMintCapNeverExceeded() public view {
        uint256[] memory days_ = handler.mintDays();
        for (uint256 i; i < days_.length; ++i) {
            assertLe(handler.mintedOnDay(days_[i]), DAILY_CAP, "daily mint cap");
            assertLe(handler.paidOnDay(days_[i]), DAILY_CAP, "daily payout cap");
        }
        if (block.timestamp / 1 days == handler.currentTime() / 1 days) {
            assertLe(distributor.paidToday(), DAILY_CAP, "paid today");
        }
    }
}
