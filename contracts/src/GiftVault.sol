// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IGiftVault} from "./interfaces/IGiftVault.sol";

/// @title GiftVault
/// @notice Token gifts to an address (delivered at once, no custody), to a social account id or to a
/// claim link (both escrowed until claimed, or refunded to the sender after expiry).
/// @dev Each escrowed gift costs one storage slot: a commitment to its fields. The full fields are in
/// the GiftSent event; claims and refunds pass them back and the vault checks them against the
/// commitment. Pausable is inherited last so that its flag shares a slot with the gift counter and
/// the expiry bounds: every send reads one cold slot for all three.
contract GiftVault is IGiftVault, AccessControl, EIP712, ReentrancyGuardTransient, Pausable {
    using SafeERC20 for IERC20;

    /// @notice Role whose keys sign social attestations (several at once; rotate by grant/revoke).
    bytes32 public constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");
    /// @notice Role allowed to pause and unpause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice EIP-712 type of a verifier's attestation that `wallet` owns the social account `socialId`.
    bytes32 public constant SOCIAL_CLAIM_TYPEHASH =
        keccak256("SocialClaim(bytes32 socialId,address wallet,uint256 deadline)");
    /// @notice EIP-712 type of a link key's consent to pay gift `giftId` to `recipient`.
    bytes32 public constant LINK_CLAIM_TYPEHASH = keccak256("LinkClaim(uint256 giftId,address recipient)");

    uint64 private _nextGiftId;
    uint32 private _minExpiryDuration;
    uint32 private _maxExpiryDuration;

    /// @notice Commitment to the fields of each open escrowed gift; zero once claimed or refunded.
    mapping(uint256 giftId => bytes32 commitment) public giftCommitment;
    /// @notice Tokens that may be gifted.
    mapping(address token => bool allowed) public isTokenAllowed;

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
        _nextGiftId = 1; // id 0 never exists; a non-zero slot also makes the first send cheaper
    }

    // ---------------------------------------------------------------- sending

    /// @notice Gives `amount` of `token` from the caller straight to `to`, recorded by GiftSent.
    /// @param token An allow-listed ERC-20; the vault must be approved for `amount`.
    /// @param to The recipient.
    /// @param amount Base units, more than zero.
    /// @param context Optional reference, e.g. the X post the gift answers (zero for none).
    /// @param message Optional short message (events only).
    /// @return giftId The new gift's id.
    function giftToAddress(address token, address to, uint256 amount, bytes32 context, string calldata message)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 giftId)
    {
        giftId = _sendDirect(token, to, amount, context, message);
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
    ) external nonReentrant whenNotPaused returns (uint256 giftId) {
        _tryPermit(token, amount, permit);
        giftId = _sendDirect(token, to, amount, context, message);
    }

    /// @notice Escrows `amount` of `token` for the social account `socialId` until `expiry`.
    /// @param socialId keccak256(abi.encode(platform, immutable user id)), never a handle.
    /// @param expiry Unix time after which the gift can only be refunded to the sender.
    /// @return giftId The new gift's id.
    function giftToSocial(
        address token,
        bytes32 socialId,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) external nonReentrant whenNotPaused returns (uint256 giftId) {
        giftId = _sendEscrow(token, Kind.Social, socialId, amount, expiry, context, message);
    }

    /// @notice giftToSocial preceded by an EIP-2612 permit, which may already have been used.
    function giftToSocialWithPermit(
        address token,
        bytes32 socialId,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message,
        Permit calldata permit
    ) external nonReentrant whenNotPaused returns (uint256 giftId) {
        _tryPermit(token, amount, permit);
        giftId = _sendEscrow(token, Kind.Social, socialId, amount, expiry, context, message);
    }

    /// @notice Escrows `amount` of `token` for whoever holds the private key of `linkKey`.
    /// @param linkKey The address of a one-time key carried by the claim link.
    /// @return giftId The new gift's id.
    function giftToLink(
        address token,
        address linkKey,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) external nonReentrant whenNotPaused returns (uint256 giftId) {
        giftId = _sendEscrow(token, Kind.Link, _toKey(linkKey), amount, expiry, context, message);
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
    ) external nonReentrant whenNotPaused returns (uint256 giftId) {
        _tryPermit(token, amount, permit);
        giftId = _sendEscrow(token, Kind.Link, _toKey(linkKey), amount, expiry, context, message);
    }

    /// @notice Sends many gifts of one token with a single pull of the total. Address gifts are paid
    /// out at once; Social and Link gifts are escrowed until `expiry`.
    /// @param requests The gifts; ids are consecutive from the returned `firstGiftId`.
    /// @param expiry Shared expiry of the escrowed gifts (ignored when all are Address gifts).
    /// @return firstGiftId The id of the first gift of the batch.
    function sendGifts(
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) external nonReentrant whenNotPaused returns (uint256 firstGiftId) {
        firstGiftId = _sendBatch(token, requests, expiry, context, message);
    }

    /// @notice sendGifts preceded by an EIP-2612 permit, which may already have been used.
    function sendGiftsWithPermit(
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        bytes32 context,
        string calldata message,
        Permit calldata permit
    ) external nonReentrant whenNotPaused returns (uint256 firstGiftId) {
        uint256 total;
        for (uint256 i; i < requests.length; ++i) {
            total += requests[i].amount;
        }
        _tryPermit(token, total, permit);
        firstGiftId = _sendBatch(token, requests, expiry, context, message);
    }

    // ---------------------------------------------------------------- claiming

    /// @notice Claims a Social gift for `wallet`, the wallet a verifier attested for the gift's social id.
    /// Anyone may relay; the tokens go only to `wallet`.
    /// @param giftId The gift's id.
    /// @param gift The gift's fields as emitted in GiftSent.
    /// @param wallet The wallet named in the attestation.
    /// @param deadline The attestation's deadline.
    /// @param attestation EIP-712 SocialClaim signature of a VERIFIER_ROLE key.
    function claimSocial(
        uint256 giftId,
        Gift calldata gift,
        address wallet,
        uint256 deadline,
        bytes calldata attestation
    ) external nonReentrant whenNotPaused {
        _checkAttestation(gift.recipient, wallet, deadline, attestation);
        _claim(giftId, gift, Kind.Social, wallet);
    }

    /// @notice Claims several Social gifts of one social id for `wallet` with one attestation.
    function claimSocialBatch(
        uint256[] calldata giftIds,
        Gift[] calldata gifts,
        address wallet,
        uint256 deadline,
        bytes calldata attestation
    ) external nonReentrant whenNotPaused {
        if (giftIds.length == 0 || giftIds.length != gifts.length) revert InvalidBatch();
        bytes32 socialId = gifts[0].recipient;
        _checkAttestation(socialId, wallet, deadline, attestation);
        for (uint256 i; i < giftIds.length; ++i) {
            // one attestation covers one social id only
            if (gifts[i].recipient != socialId) revert InvalidSignature();
            _claim(giftIds[i], gifts[i], Kind.Social, wallet);
        }
    }

    /// @notice Claims a Link gift for `to`. The link key's signature over (giftId, to) means a
    /// front-runner who copies it can only pay the same recipient. Anyone may relay.
    /// @param to The recipient the link key signed for.
    /// @param signature EIP-712 LinkClaim signature of the link key.
    function claimLink(uint256 giftId, Gift calldata gift, address to, bytes calldata signature)
        external
        nonReentrant
        whenNotPaused
    {
        _checkLinkSignature(giftId, gift, to, signature);
        _claim(giftId, gift, Kind.Link, to);
    }

    /// @notice Claims several Link gifts for `to`, one link-key signature each.
    function claimLinkBatch(
        uint256[] calldata giftIds,
        Gift[] calldata gifts,
        address to,
        bytes[] calldata signatures
    ) external nonReentrant whenNotPaused {
        if (giftIds.length == 0 || giftIds.length != gifts.length || gifts.length != signatures.length) {
            revert InvalidBatch();
        }
        for (uint256 i; i < giftIds.length; ++i) {
            _checkLinkSignature(giftIds[i], gifts[i], to, signatures[i]);
            _claim(giftIds[i], gifts[i], Kind.Link, to);
        }
    }

    // ---------------------------------------------------------------- refunding

    /// @notice Refunds an expired escrowed gift to its sender. Anyone may call.
    function refund(uint256 giftId, Gift calldata gift) external nonReentrant whenNotPaused {
        _refund(giftId, gift);
    }

    /// @notice Refunds several expired escrowed gifts to their senders. Anyone may call.
    function refundBatch(uint256[] calldata giftIds, Gift[] calldata gifts) external nonReentrant whenNotPaused {
        if (giftIds.length == 0 || giftIds.length != gifts.length) revert InvalidBatch();
        for (uint256 i; i < giftIds.length; ++i) {
            _refund(giftIds[i], gifts[i]);
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice The id the next gift will get.
    function nextGiftId() external view returns (uint256) {
        return _nextGiftId;
    }

    /// @notice The lifetime bounds of escrowed gifts, in seconds.
    function expiryBounds() external view returns (uint32 minDuration, uint32 maxDuration) {
        return (_minExpiryDuration, _maxExpiryDuration);
    }

    /// @notice True while gift `giftId` is open with exactly these fields.
    function isOpen(uint256 giftId, Gift calldata gift) external view returns (bool) {
        return giftCommitment[giftId] == _commit(gift);
    }

    /// @notice The EIP-712 domain separator of this vault on this chain.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- admin

    /// @notice Adds `token` to, or removes it from, the allow-list. Open gifts of a removed token can
    /// still be claimed and refunded.
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        isTokenAllowed[token] = allowed;
        emit TokenAllowed(token, allowed);
    }

    /// @notice Sets the lifetime bounds of new escrowed gifts, in seconds.
    function setExpiryBounds(uint32 minDuration, uint32 maxDuration) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setExpiryBounds(minDuration, maxDuration);
    }

    /// @notice Stops sends, claims and refunds.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Resumes sends, claims and refunds.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- internals

    function _sendDirect(address token, address to, uint256 amount, bytes32 context, string calldata message)
        private
        returns (uint256 giftId)
    {
        if (!isTokenAllowed[token]) revert TokenNotAllowed(token);
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert InvalidRecipient();
        giftId = _nextGiftId++;
        // no custody: the tokens move from the sender to the recipient directly
        IERC20(token).safeTransferFrom(msg.sender, to, amount);
        emit GiftSent(giftId, msg.sender, _toKey(to), Kind.Address, token, amount, 0, context, message);
    }

    function _sendEscrow(
        address token,
        Kind kind,
        bytes32 recipient,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) private returns (uint256 giftId) {
        if (!isTokenAllowed[token]) revert TokenNotAllowed(token);
        if (amount == 0) revert ZeroAmount();
        if (recipient == bytes32(0)) revert InvalidRecipient();
        _checkExpiry(expiry);
        giftId = _nextGiftId++;
        giftCommitment[giftId] = _commitFields(token, msg.sender, kind, recipient, amount, expiry);
        _pull(token, amount);
        emit GiftSent(giftId, msg.sender, recipient, kind, token, amount, expiry, context, message);
    }

    function _sendBatch(
        address token,
        GiftRequest[] calldata requests,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) private returns (uint256 firstGiftId) {
        if (!isTokenAllowed[token]) revert TokenNotAllowed(token);
        uint256 count = requests.length;
        if (count == 0) revert InvalidBatch();
        firstGiftId = _nextGiftId;
        bool expiryChecked;
        uint256 total;
        for (uint256 i; i < count; ++i) {
            GiftRequest calldata request = requests[i];
            total += request.amount;
            if (request.kind != Kind.Address && !expiryChecked) {
                _checkExpiry(expiry);
                expiryChecked = true;
            }
            _recordBatchGift(token, request, firstGiftId + i, expiry, context, message);
        }
        _nextGiftId = uint64(firstGiftId + count);
        _pull(token, total);
        for (uint256 i; i < count; ++i) {
            GiftRequest calldata request = requests[i];
            if (request.kind == Kind.Address) {
                IERC20(token).safeTransfer(address(uint160(uint256(request.recipient))), request.amount);
            }
        }
    }

    /// @dev Validates one batch entry, stores its commitment if escrowed and emits GiftSent.
    function _recordBatchGift(
        address token,
        GiftRequest calldata request,
        uint256 giftId,
        uint40 expiry,
        bytes32 context,
        string calldata message
    ) private {
        if (request.amount == 0) revert ZeroAmount();
        if (request.recipient == bytes32(0)) revert InvalidRecipient();
        if (request.kind != Kind.Social) _checkAddressKey(request.recipient);
        if (request.kind == Kind.Address) {
            expiry = 0;
        } else {
            giftCommitment[giftId] =
                _commitFields(token, msg.sender, request.kind, request.recipient, request.amount, expiry);
        }
        emit GiftSent(giftId, msg.sender, request.recipient, request.kind, token, request.amount, expiry, context, message);
    }

    function _claim(uint256 giftId, Gift calldata gift, Kind kind, address to) private {
        if (to == address(0)) revert InvalidRecipient();
        if (gift.kind != kind) revert WrongGiftKind(giftId, gift.kind);
        if (giftCommitment[giftId] != _commit(gift)) revert UnknownGift(giftId);
        if (block.timestamp >= gift.expiry) revert GiftExpired(giftId, gift.expiry);
        delete giftCommitment[giftId];
        IERC20(gift.token).safeTransfer(to, gift.amount);
        emit GiftClaimed(giftId, to, msg.sender, gift.token, gift.amount);
    }

    function _refund(uint256 giftId, Gift calldata gift) private {
        if (giftCommitment[giftId] != _commit(gift)) revert UnknownGift(giftId);
        if (block.timestamp < gift.expiry) revert GiftNotExpired(giftId, gift.expiry);
        delete giftCommitment[giftId];
        IERC20(gift.token).safeTransfer(gift.sender, gift.amount);
        emit GiftRefunded(giftId, gift.sender, msg.sender, gift.token, gift.amount);
    }

    /// @dev Pulls `amount` from the caller and requires the vault's balance to grow by exactly that.
    function _pull(address token, uint256 amount) private {
        IERC20 erc20 = IERC20(token);
        uint256 before = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 afterPull = erc20.balanceOf(address(this));
        uint256 received = afterPull > before ? afterPull - before : 0;
        if (received != amount) revert TransferAmountMismatch(amount, received);
    }

    /// @dev Tries the permit; a front-runner may have used it already, so only the allowance counts.
    /// The allow-list comes first: an unlisted token gets TokenNotAllowed, and is never called.
    function _tryPermit(address token, uint256 needed, Permit calldata permit) private {
        if (!isTokenAllowed[token]) revert TokenNotAllowed(token);
        try IERC20Permit(token).permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {}
        catch {}
        uint256 allowance = IERC20(token).allowance(msg.sender, address(this));
        if (allowance < needed) revert InsufficientAllowance(allowance, needed);
    }

    function _checkAttestation(bytes32 socialId, address wallet, uint256 deadline, bytes calldata attestation)
        private
        view
    {
        if (block.timestamp > deadline) revert AttestationExpired(deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(SOCIAL_CLAIM_TYPEHASH, socialId, wallet, deadline)));
        if (!hasRole(VERIFIER_ROLE, _recover(digest, attestation))) revert InvalidSignature();
    }

    function _checkLinkSignature(uint256 giftId, Gift calldata gift, address to, bytes calldata signature)
        private
        view
    {
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(LINK_CLAIM_TYPEHASH, giftId, to)));
        if (_recover(digest, signature) != address(uint160(uint256(gift.recipient)))) revert InvalidSignature();
    }

    /// @dev ECDSA recovery that rejects malformed and high-s signatures with InvalidSignature.
    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error != ECDSA.RecoverError.NoError) revert InvalidSignature();
        return recovered;
    }

    function _checkExpiry(uint40 expiry) private view {
        uint256 earliest = block.timestamp + _minExpiryDuration;
        uint256 latest = block.timestamp + _maxExpiryDuration;
        if (expiry < earliest || expiry > latest) revert InvalidExpiry(expiry, earliest, latest);
    }

    function _setExpiryBounds(uint32 minDuration, uint32 maxDuration) private {
        if (maxDuration == 0 || minDuration > maxDuration) revert InvalidExpiryBounds(minDuration, maxDuration);
        _minExpiryDuration = minDuration;
        _maxExpiryDuration = maxDuration;
        emit ExpiryBoundsSet(minDuration, maxDuration);
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
