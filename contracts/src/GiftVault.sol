// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {CompactSignature} from "./interfaces/CompactSignature.sol";
import {IGiftVault} from "./interfaces/IGiftVault.sol";

/// @title GiftVault
/// @notice Token gifts to an address (delivered at once, no custody), to a social account id or to a
/// claim link (both escrowed until claimed, or refunded to the sender after expiry).
/// @dev Gas layout. Each escrowed gift costs one storage slot: a commitment to its fields, under an
/// id derived from the sender and a salt (no counter to write; a link gift's salt is its link key).
/// The full fields are in the events; claims and refunds pass them back and the vault checks them
/// against the commitment. A send reads one cold slot, its token's state: the admin's config
/// (allowed, transfers exactly) plus copies of the pause flag and the expiry bounds. A claim or
/// refund reads one cold slot, the settings: the pause flag and the newest verifier, whose
/// attestations need no role lookup. `pause`, `unpause` and `setExpiryBounds` write the settings
/// and every configured token's copy. Signatures are EIP-2098 compact (two words of calldata).
contract GiftVault is IGiftVault, AccessControl, EIP712 {
    using SafeERC20 for IERC20;
    using TransientSlot for *;

    /// @notice Role whose keys sign social attestations (several at once; rotate by grant/revoke).
    bytes32 public constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");
    /// @notice Role allowed to pause and unpause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice EIP-712 type of a verifier's attestation that `wallet` owns the social account `socialId`.
    bytes32 internal constant SOCIAL_CLAIM_TYPEHASH =
        keccak256("SocialClaim(bytes32 socialId,address wallet,uint256 deadline)");
    /// @notice EIP-712 type of a link key's consent to pay gift `giftId` to `recipient`.
    bytes32 internal constant LINK_CLAIM_TYPEHASH = keccak256("LinkClaim(uint256 giftId,address recipient)");
    /// @notice Most tokens that can ever be configured (bounds the gas of pause and bound changes).
    uint256 internal constant MAX_TOKENS = 32;

    /// @dev Transient reentrancy lock (ERC-7201 slot of "boon.GiftVault.lock").
    bytes32 private constant LOCK_SLOT = 0x2ff7cc99561350562f00f9273e43ae8c444a07f3b9f4fcbbd20d19aa7586a400;

    /// @dev One slot, read by every claim and refund.
    struct Settings {
        address verifier; // the newest VERIFIER_ROLE key, or zero; always a current role holder
        bool paused;
        uint32 minExpiry;
        uint32 maxExpiry;
    }

    /// @dev One slot per token, read by every send of it. `paused` and the bounds copy Settings.
    struct TokenState {
        bool listed;
        bool allowed;
        bool exact;
        bool paused;
        uint32 minExpiry;
        uint32 maxExpiry;
    }

    Settings private _settings;
    mapping(address token => TokenState) private _tokenStates;
    address[] private _tokens;

    /// @notice Commitment to the fields of each open escrowed gift; zero once claimed or refunded.
    mapping(uint256 giftId => bytes32 commitment) public giftCommitment;

    /// @param admin Receives DEFAULT_ADMIN_ROLE and PAUSER_ROLE.
    /// @param verifier The first VERIFIER_ROLE key (zero for none).
    /// @param minExpiryDuration Shortest lifetime of an escrowed gift, in seconds.
    /// @param maxExpiryDuration Longest lifetime of an escrowed gift, in seconds.
    constructor(address admin, address verifier, uint32 minExpiryDuration, uint32 maxExpiryDuration)
        EIP712("Boon GiftVault", "1")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        if (verifier != address(0)) _grantRole(VERIFIER_ROLE, verifier);
        _setExpiryBounds(minExpiryDuration, maxExpiryDuration);
    }

    // ---------------------------------------------------------------- sending
    // Sends of a token marked exact run without the reentrancy lock: such a token makes no calls out,
    // and the vault writes every commitment and event before it moves tokens, so even a wrongly
    // marked token that calls back finds the vault consistent. Every other token's sends take the
    // lock and are measured.

    /// @notice Gives `amount` of `token` from the caller straight to `to`, recorded by GiftDelivered.
    /// @param token An allow-listed ERC-20; the vault must be approved for `amount`.
    /// @param to The recipient.
    /// @param amount Base units, more than zero.
    /// @param context Optional reference, e.g. the X post the gift answers (zero for none).
    /// @param message Optional short message (events only).
    /// @return received What `to` received: `amount`, or less for a fee-taking token not marked exact.
    function giftToAddress(address token, address to, uint256 amount, bytes32 context, string calldata message)
        external
        returns (uint256 received)
    {
        (bool exact,,) = _beginSend(token);
        received = _sendDirect(exact, token, to, amount, context, message);
        _endSend(exact);
    }

    /// @notice giftToAddress preceded by an EIP-2612 permit, which may already have been used.
    /// @param permit The permit for the vault; if it fails the existing allowance must suffice.
    function giftToAddressWithPermit(
        address token,
        address to,
        uint256 amount,
        bytes32 context,
        string calldata message,
        Permit calldata permit
    ) external returns (uint256 received) {
        (bool exact,,) = _beginSend(token);
        _tryPermit(token, amount, permit);
        received = _sendDirect(exact, token, to, amount, context, message);
        _endSend(exact);
    }

    /// @notice Escrows `amount` of `token` for the social account `socialId` until `expiry`.
    /// @param socialId keccak256(abi.encode(platform, immutable user id)), never a handle.
    /// @param expiry Unix time after which the gift can only be refunded to the sender.
    /// @param salt Any number the sender has no open gift under; the id is giftIdOf(sender, salt).
    /// @return giftId The new gift's id.
    function giftToSocial(
        address token,
        bytes32 socialId,
        uint256 amount,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string calldata message
    ) external returns (uint256 giftId) {
        (bool exact, uint256 minExpiry, uint256 maxExpiry) = _beginSend(token);
        giftId = _sendSocial(exact, minExpiry, maxExpiry, token, socialId, amount, expiry, salt, context, message);
        _endSend(exact);
    }

    /// @notice giftToSocial preceded by an EIP-2612 permit, which may already have been used.
    function giftToSocialWithPermit(
        address token,
        bytes32 socialId,
        uint256 amount,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string calldata message,
        Permit calldata permit
    ) external returns (uint256 giftId) {
        (bool exact, uint256 minExpiry, uint256 maxExpiry) = _beginSend(token);
        _tryPermit(token, amount, permit);
        giftId = _sendSocial(exact, minExpiry, maxExpiry, token, socialId, amount, expiry, salt, context, message);
        _endSend(exact);
    }

    /// @notice Escrows `amount` of `token` for whoever holds the private key of `linkKey`.
    /// @param linkKey The address of a one-time key carried by the claim link; it is also the
    /// gift's salt: the id is giftIdOf(sender, uint160(linkKey)).
    /// @return giftId The new gift's id.
    function giftToLink(
        address token,
        address linkKey,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) external returns (uint256 giftId) {
        (bool exact, uint256 minExpiry, uint256 maxExpiry) = _beginSend(token);
        giftId = _sendLink(exact, minExpiry, maxExpiry, token, linkKey, amount, expiry, context, message);
        _endSend(exact);
    }

    /// @notice giftToLink preceded by an EIP-2612 permit, which may already have been used.
    function giftToLinkWithPermit(
        address token,
        address linkKey,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message,
        Permit calldata permit
    ) external returns (uint256 giftId) {
        (bool exact, uint256 minExpiry, uint256 maxExpiry) = _beginSend(token);
        _tryPermit(token, amount, permit);
        giftId = _sendLink(exact, minExpiry, maxExpiry, token, linkKey, amount, expiry, context, message);
        _endSend(exact);
    }

    /// @notice Sends many gifts of one token. Address gifts are paid from the caller at once, in
    /// full; Social and Link gifts are escrowed until `expiry` with a single pull of their total.
    /// @param requests The gifts. Entry `i` has id giftIdOf(msg.sender, salt + i) if Social and
    /// giftIdOf(msg.sender, uint160(link key)) if Link.
    /// @param expiry Shared expiry of the escrowed gifts (ignored when all are Address gifts).
    function sendGifts(
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string calldata message
    ) external {
        (bool exact, uint256 minExpiry, uint256 maxExpiry) = _beginSend(token);
        _sendBatch(exact, minExpiry, maxExpiry, token, requests, expiry, salt, context, message);
        _endSend(exact);
    }

    /// @notice sendGifts preceded by an EIP-2612 permit, which may already have been used.
    function sendGiftsWithPermit(
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string calldata message,
        Permit calldata permit
    ) external {
        (bool exact, uint256 minExpiry, uint256 maxExpiry) = _beginSend(token);
        uint256 total;
        for (uint256 i; i < requests.length; ++i) {
            total += requests[i].amount;
        }
        _tryPermit(token, total, permit);
        _sendBatch(exact, minExpiry, maxExpiry, token, requests, expiry, salt, context, message);
        _endSend(exact);
    }

    // ---------------------------------------------------------------- claiming

    /// @notice Claims a Social gift for `wallet`, the wallet a verifier attested for the gift's social id.
    /// Anyone may relay; the tokens go only to `wallet`.
    /// @param giftId The gift's id.
    /// @param gift The gift's fields as emitted when it was sent.
    /// @param wallet The wallet named in the attestation.
    /// @param deadline The attestation's deadline.
    /// @param attestation EIP-712 SocialClaim signature of a VERIFIER_ROLE key, EIP-2098 compact.
    function claimSocial(
        uint256 giftId,
        Gift calldata gift,
        address wallet,
        uint256 deadline,
        CompactSignature calldata attestation
    ) external nonReentrant {
        address fastVerifier = _activeSettings();
        _checkAttestation(fastVerifier, gift.recipient, wallet, deadline, attestation);
        _claim(giftId, gift, Kind.Social, wallet);
    }

    /// @notice Claims several Social gifts of one social id for `wallet` with one attestation.
    function claimSocialBatch(
        uint256[] calldata giftIds,
        Gift[] calldata gifts,
        address wallet,
        uint256 deadline,
        CompactSignature calldata attestation
    ) external nonReentrant {
        if (giftIds.length == 0 || giftIds.length != gifts.length) revert InvalidBatch();
        address fastVerifier = _activeSettings();
        bytes32 socialId = gifts[0].recipient;
        _checkAttestation(fastVerifier, socialId, wallet, deadline, attestation);
        for (uint256 i; i < giftIds.length; ++i) {
            // one attestation covers one social id only
            if (gifts[i].recipient != socialId) revert InvalidSignature();
            _claim(giftIds[i], gifts[i], Kind.Social, wallet);
        }
    }

    /// @notice Claims a Link gift for `to`. The link key's signature over (giftId, to) means a
    /// front-runner who copies it can only pay the same recipient. Anyone may relay.
    /// @param to The recipient the link key signed for.
    /// @param signature EIP-712 LinkClaim signature of the link key, EIP-2098 compact.
    function claimLink(uint256 giftId, Gift calldata gift, address to, CompactSignature calldata signature)
        external
        nonReentrant
    {
        _activeSettings();
        _checkLinkSignature(giftId, gift, to, signature);
        _claim(giftId, gift, Kind.Link, to);
    }

    /// @notice Claims several Link gifts for `to`, one link-key signature each.
    function claimLinkBatch(
        uint256[] calldata giftIds,
        Gift[] calldata gifts,
        address to,
        CompactSignature[] calldata signatures
    ) external nonReentrant {
        if (giftIds.length == 0 || giftIds.length != gifts.length || gifts.length != signatures.length) {
            revert InvalidBatch();
        }
        _activeSettings();
        for (uint256 i; i < giftIds.length; ++i) {
            _checkLinkSignature(giftIds[i], gifts[i], to, signatures[i]);
            _claim(giftIds[i], gifts[i], Kind.Link, to);
        }
    }

    // ---------------------------------------------------------------- refunding

    /// @notice Refunds an expired escrowed gift to its sender. Anyone may call.
    function refund(uint256 giftId, Gift calldata gift) external nonReentrant {
        _activeSettings();
        _refund(giftId, gift);
    }

    /// @notice Refunds several expired escrowed gifts to their senders. Anyone may call.
    function refundBatch(uint256[] calldata giftIds, Gift[] calldata gifts) external nonReentrant {
        if (giftIds.length == 0 || giftIds.length != gifts.length) revert InvalidBatch();
        _activeSettings();
        for (uint256 i; i < giftIds.length; ++i) {
            _refund(giftIds[i], gifts[i]);
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice The id of the escrowed gift `sender` sends with `salt`.
    function giftIdOf(address sender, uint256 salt) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(sender, salt)));
    }

    /// @notice The lifetime bounds of escrowed gifts, in seconds.
    function expiryBounds() external view returns (uint32 minDuration, uint32 maxDuration) {
        return (_settings.minExpiry, _settings.maxExpiry);
    }

    /// @notice A token's configuration: whether it may be gifted, and whether the admin marked it
    /// as transferring exactly the amount asked (sends of it then skip the balance checks).
    function tokenConfig(address token) external view returns (bool allowed, bool exactTransfers) {
        TokenState memory state = _tokenStates[token];
        return (state.allowed, state.exact);
    }

    /// @notice True while sends, claims and refunds are stopped.
    function paused() external view returns (bool) {
        return _settings.paused;
    }

    // ---------------------------------------------------------------- admin

    /// @notice Configures `token`: `allowed` lets new gifts be sent in it (open gifts of a token no
    /// longer allowed can still be claimed and refunded); `exactTransfers` states that it always
    /// moves exactly the amount asked, so sends skip the balance checks that catch fee-on-transfer
    /// and rebasing tokens. Marking such a token exact can make the vault insolvent for it: only do
    /// it for a token whose code you have checked.
    function setTokenConfig(address token, bool allowed, bool exactTransfers) external onlyRole(DEFAULT_ADMIN_ROLE) {
        TokenState storage state = _tokenStates[token];
        if (!state.listed) {
            if (_tokens.length == MAX_TOKENS) revert TooManyTokens();
            _tokens.push(token);
            Settings memory settings = _settings;
            state.listed = true;
            state.paused = settings.paused;
            state.minExpiry = settings.minExpiry;
            state.maxExpiry = settings.maxExpiry;
        }
        state.allowed = allowed;
        state.exact = exactTransfers;
        emit TokenConfigured(token, allowed, exactTransfers);
    }

    /// @notice Sets the lifetime bounds of new escrowed gifts, in seconds.
    function setExpiryBounds(uint32 minDuration, uint32 maxDuration) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setExpiryBounds(minDuration, maxDuration);
    }

    /// @notice Stops sends, claims and refunds.
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_settings.paused) revert EnforcedPause();
        _setPaused(true);
        emit Paused(msg.sender);
    }

    /// @notice Resumes sends, claims and refunds.
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_settings.paused) revert ExpectedPause();
        _setPaused(false);
        emit Unpaused(msg.sender);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Claims and refunds always run under the lock.
    modifier nonReentrant() {
        _lock();
        _;
        _unlock();
    }

    function _lock() private {
        if (LOCK_SLOT.asBoolean().tload()) revert ReentrancyGuardReentrantCall();
        LOCK_SLOT.asBoolean().tstore(true);
    }

    function _unlock() private {
        LOCK_SLOT.asBoolean().tstore(false);
    }

    /// @dev Keeps Settings.verifier a current holder: the newest grant takes the fast path.
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == VERIFIER_ROLE) _settings.verifier = account;
    }

    /// @dev A revoked (or renounced) fast-path verifier leaves the fast path empty.
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == VERIFIER_ROLE && _settings.verifier == account) _settings.verifier = address(0);
    }

    function _sendDirect(
        bool exact,
        address token,
        address to,
        uint256 amount,
        bytes32 context,
        string calldata message
    ) private returns (uint256 received) {
        if (amount == 0) revert ZeroAmount();
        // a gift to oneself is no gift (and a token not marked exact could not be measured)
        if (to == address(0) || to == msg.sender) revert InvalidRecipient();
        // no custody: the tokens move from the sender to the recipient directly
        if (exact) {
            IERC20(token).safeTransferFrom(msg.sender, to, amount);
            received = amount;
        } else {
            received = _measuredTransferFrom(token, to, amount);
        }
        emit GiftDelivered(msg.sender, to, token, received, context, message);
    }

    function _sendSocial(
        bool exact,
        uint256 minExpiry,
        uint256 maxExpiry,
        address token,
        bytes32 socialId,
        uint256 amount,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string calldata message
    ) private returns (uint256 giftId) {
        giftId = giftIdOf(msg.sender, salt);
        _openEscrow(minExpiry, maxExpiry, token, giftId, Kind.Social, socialId, amount, expiry);
        emit SocialGiftSent(giftId, msg.sender, socialId, token, amount, expiry, context, message);
        _pull(token, exact, amount);
    }

    function _sendLink(
        bool exact,
        uint256 minExpiry,
        uint256 maxExpiry,
        address token,
        address linkKey,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) private returns (uint256 giftId) {
        giftId = giftIdOf(msg.sender, uint160(linkKey));
        _openEscrow(minExpiry, maxExpiry, token, giftId, Kind.Link, _toKey(linkKey), amount, expiry);
        emit LinkGiftSent(giftId, msg.sender, linkKey, token, amount, expiry, context, message);
        _pull(token, exact, amount);
    }

    /// @dev Checks one escrowed gift and stores its commitment. Like every state change and event,
    /// this comes before any token call.
    function _openEscrow(
        uint256 minExpiry,
        uint256 maxExpiry,
        address token,
        uint256 giftId,
        Kind kind,
        bytes32 recipient,
        uint256 amount,
        uint40 expiry
    ) private {
        if (amount == 0) revert ZeroAmount();
        if (recipient == bytes32(0)) revert InvalidRecipient();
        _checkExpiry(minExpiry, maxExpiry, expiry);
        _open(giftId, _commitFields(token, msg.sender, kind, recipient, amount, expiry));
    }

    function _sendBatch(
        bool exact,
        uint256 minExpiry,
        uint256 maxExpiry,
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string calldata message
    ) private {
        if (requests.length == 0) revert InvalidBatch();
        uint256 escrowed = _openBatch(minExpiry, maxExpiry, token, requests, expiry, salt);
        emit GiftsSent(msg.sender, token, expiry, salt, context, message, requests);
        if (escrowed != 0) _pull(token, exact, escrowed);
        _deliverBatch(token, exact, requests);
    }

    /// @dev Validates every entry and stores the commitments of the escrowed ones; returns their total.
    function _openBatch(
        uint256 minExpiry,
        uint256 maxExpiry,
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        uint256 salt
    ) private returns (uint256 escrowed) {
        bool expiryChecked;
        for (uint256 i; i < requests.length; ++i) {
            GiftRequest calldata request = requests[i];
            if (request.amount == 0) revert ZeroAmount();
            if (request.recipient == bytes32(0)) revert InvalidRecipient();
            if (request.kind != Kind.Social) _checkAddressKey(request.recipient);
            if (request.kind == Kind.Address) {
                if (address(uint160(uint256(request.recipient))) == msg.sender) revert InvalidRecipient();
                continue;
            }
            if (!expiryChecked) {
                _checkExpiry(minExpiry, maxExpiry, expiry);
                expiryChecked = true;
            }
            uint256 giftSalt;
            unchecked {
                giftSalt = request.kind == Kind.Link ? uint256(request.recipient) : salt + i;
            }
            _open(
                giftIdOf(msg.sender, giftSalt),
                _commitFields(token, msg.sender, request.kind, request.recipient, request.amount, expiry)
            );
            escrowed += request.amount;
        }
    }

    /// @dev Pays the Address entries of a batch from the caller, each in full.
    function _deliverBatch(address token, bool exact, GiftRequest[] calldata requests) private {
        for (uint256 i; i < requests.length; ++i) {
            GiftRequest calldata request = requests[i];
            if (request.kind != Kind.Address) continue;
            address to = address(uint160(uint256(request.recipient)));
            if (exact) {
                IERC20(token).safeTransferFrom(msg.sender, to, request.amount);
            } else {
                // the event lists each gift's amount: a batch pays every one in full or reverts
                uint256 received = _measuredTransferFrom(token, to, request.amount);
                if (received != request.amount) revert TransferAmountMismatch(request.amount, received);
            }
        }
    }

    function _claim(uint256 giftId, Gift calldata gift, Kind kind, address to) private {
        if (to == address(0)) revert InvalidRecipient();
        if (gift.kind != kind) revert WrongGiftKind(giftId, gift.kind);
        if (giftCommitment[giftId] != _commit(gift)) revert UnknownGift(giftId);
        if (block.timestamp >= gift.expiry) revert GiftExpired(giftId, gift.expiry);
        delete giftCommitment[giftId];
        emit GiftClaimed(giftId, to, msg.sender, gift.token, gift.amount);
        IERC20(gift.token).safeTransfer(to, gift.amount);
    }

    function _refund(uint256 giftId, Gift calldata gift) private {
        if (giftCommitment[giftId] != _commit(gift)) revert UnknownGift(giftId);
        if (block.timestamp < gift.expiry) revert GiftNotExpired(giftId, gift.expiry);
        delete giftCommitment[giftId];
        emit GiftRefunded(giftId, gift.sender, msg.sender, gift.token, gift.amount);
        IERC20(gift.token).safeTransfer(gift.sender, gift.amount);
    }

    /// @dev Stores a new gift's commitment; an id still open means the sender reused a salt.
    function _open(uint256 giftId, bytes32 commitment) private {
        if (giftCommitment[giftId] != bytes32(0)) revert GiftIdInUse(giftId);
        giftCommitment[giftId] = commitment;
    }

    /// @dev The token's state, if new gifts of it may be sent now; takes the lock unless it is exact.
    /// The allow-list comes first: an unlisted token gets TokenNotAllowed, and is never called.
    function _beginSend(address token) private returns (bool exact, uint256 minExpiry, uint256 maxExpiry) {
        TokenState storage state = _tokenStates[token];
        if (!state.allowed) revert TokenNotAllowed(token);
        if (state.paused) revert EnforcedPause();
        (exact, minExpiry, maxExpiry) = (state.exact, state.minExpiry, state.maxExpiry);
        if (!exact) _lock();
    }

    function _endSend(bool exact) private {
        if (!exact) _unlock();
    }

    /// @dev Reverts while paused; returns the fast-path verifier (read from the same slot).
    function _activeSettings() private view returns (address fastVerifier) {
        Settings storage settings = _settings;
        if (settings.paused) revert EnforcedPause();
        return settings.verifier;
    }

    /// @dev Pulls `amount` from the caller. Unless the token is marked exact, the vault's balance
    /// must grow by exactly that, so fee-on-transfer tokens cannot make the vault insolvent.
    function _pull(address token, bool exact, uint256 amount) private {
        IERC20 erc20 = IERC20(token);
        if (exact) {
            erc20.safeTransferFrom(msg.sender, address(this), amount);
            return;
        }
        uint256 before = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 afterPull = erc20.balanceOf(address(this));
        uint256 received = afterPull > before ? afterPull - before : 0;
        if (received != amount) revert TransferAmountMismatch(amount, received);
    }

    /// @dev Moves `amount` from the caller to `to` and returns how much `to` gained (never negative).
    function _measuredTransferFrom(address token, address to, uint256 amount) private returns (uint256) {
        IERC20 erc20 = IERC20(token);
        uint256 before = erc20.balanceOf(to);
        erc20.safeTransferFrom(msg.sender, to, amount);
        uint256 afterTransfer = erc20.balanceOf(to);
        return afterTransfer > before ? afterTransfer - before : 0;
    }

    /// @dev Tries the permit; a front-runner may have used it already, so only the allowance counts.
    function _tryPermit(address token, uint256 needed, Permit calldata permit) private {
        try IERC20Permit(token).permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {}
        catch {}
        uint256 allowance = IERC20(token).allowance(msg.sender, address(this));
        if (allowance < needed) revert InsufficientAllowance(allowance, needed);
    }

    function _checkAttestation(
        address fastVerifier,
        bytes32 socialId,
        address wallet,
        uint256 deadline,
        CompactSignature calldata attestation
    ) private view {
        if (block.timestamp > deadline) revert AttestationExpired(deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(SOCIAL_CLAIM_TYPEHASH, socialId, wallet, deadline)));
        address signer = _recover(digest, attestation);
        // _recover never returns zero, and the fast-path verifier is zero or a current holder
        if (signer != fastVerifier && !hasRole(VERIFIER_ROLE, signer)) revert InvalidSignature();
    }

    function _checkLinkSignature(uint256 giftId, Gift calldata gift, address to, CompactSignature calldata signature)
        private
        view
    {
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(LINK_CLAIM_TYPEHASH, giftId, to)));
        if (_recover(digest, signature) != address(uint160(uint256(gift.recipient)))) revert InvalidSignature();
    }

    /// @dev ECDSA recovery that rejects malformed and high-s signatures with InvalidSignature.
    function _recover(bytes32 digest, CompactSignature calldata signature) private pure returns (address signer) {
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature.r, signature.yParityAndS);
        if (error != ECDSA.RecoverError.NoError) revert InvalidSignature();
        return recovered;
    }

    function _checkExpiry(uint256 minExpiry, uint256 maxExpiry, uint40 expiry) private view {
        uint256 earliest = block.timestamp + minExpiry;
        uint256 latest = block.timestamp + maxExpiry;
        if (expiry < earliest || expiry > latest) revert InvalidExpiry(expiry, earliest, latest);
    }

    function _setExpiryBounds(uint32 minDuration, uint32 maxDuration) private {
        if (maxDuration == 0 || minDuration > maxDuration) revert InvalidExpiryBounds(minDuration, maxDuration);
        _settings.minExpiry = minDuration;
        _settings.maxExpiry = maxDuration;
        for (uint256 i; i < _tokens.length; ++i) {
            TokenState storage state = _tokenStates[_tokens[i]];
            state.minExpiry = minDuration;
            state.maxExpiry = maxDuration;
        }
        emit ExpiryBoundsSet(minDuration, maxDuration);
    }

    function _setPaused(bool paused_) private {
        _settings.paused = paused_;
        for (uint256 i; i < _tokens.length; ++i) {
            _tokenStates[_tokens[i]].paused = paused_;
        }
    }

    function _commit(Gift calldata gift) private pure returns (bytes32) {
        return _commitFields(gift.token, gift.sender, gift.kind, gift.recipient, gift.amount, gift.expiry);
    }

    function _commitFields(
        address token,
        address sender,
        Kind kind,
        bytes32 recipient,
        uint256 amount,
        uint40 expiry
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(token, sender, kind, recipient, amount, expiry));
    }

    function _checkAddressKey(bytes32 key) private pure {
        if (uint256(key) >> 160 != 0) revert InvalidRecipient();
    }

    function _toKey(address account) private pure returns (bytes32) {
        return bytes32(uint256(uint160(account)));
    }
}
