// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IGiftVault
/// @notice Types, events and errors of the GiftVault. Gifts go to an address (delivered at once),
/// to a social account id (escrowed until a verifier attests the claiming wallet) or to a claim link
/// (escrowed until the holder of the link key signs the recipient).
interface IGiftVault {
    /// @notice Who a gift is for. `recipient` below is interpreted by kind:
    /// Address: the address left-padded to 32 bytes; Social: keccak256(abi.encode(platform, userId));
    /// Link: the link key's address left-padded to 32 bytes.
    enum Kind {
        Address,
        Social,
        Link
    }

    /// @notice The fields of an escrowed gift. The vault stores only their commitment
    /// (keccak256(abi.encode(gift))); claims and refunds pass them back.
    struct Gift {
        address token;
        address sender;
        Kind kind;
        bytes32 recipient;
        uint256 amount;
        uint40 expiry;
    }

    /// @notice One entry of a batch send; the batch shares token, expiry, context and message.
    struct GiftRequest {
        Kind kind;
        bytes32 recipient;
        uint256 amount;
    }

    /// @notice An EIP-2612 permit to try before pulling tokens.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice A gift was sent. For kind Address it was delivered at once and `expiry` is 0; for
    /// Social and Link it is escrowed until claimed or refunded after `expiry`.
    event GiftSent(
        uint256 indexed giftId,
        address indexed sender,
        bytes32 indexed recipient,
        Kind kind,
        address token,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string message
    );

    /// @notice An escrowed gift was claimed: `amount` of `token` paid to `to`; `relayer` sent the tx.
    event GiftClaimed(
        uint256 indexed giftId, address indexed to, address indexed relayer, address token, uint256 amount
    );

    /// @notice An expired gift was refunded to `sender`; `relayer` sent the tx.
    event GiftRefunded(
        uint256 indexed giftId, address indexed sender, address indexed relayer, address token, uint256 amount
    );

    /// @notice A token was added to (true) or removed from (false) the allow-list.
    event TokenAllowed(address indexed token, bool allowed);

    /// @notice The bounds on an escrowed gift's lifetime changed (seconds from the send).
    event ExpiryBoundsSet(uint32 minDuration, uint32 maxDuration);

    /// @notice The token is not on the allow-list.
    error TokenNotAllowed(address token);
    /// @notice Amount zero.
    error ZeroAmount();
    /// @notice A zero recipient (address, social id or link key).
    error InvalidRecipient();
    /// @notice The expiry is outside [now + minDuration, now + maxDuration].
    error InvalidExpiry(uint40 expiry, uint256 earliest, uint256 latest);
    /// @notice The vault's balance grew by `received` on a pull of `expected` (fee-on-transfer or
    /// otherwise non-standard token).
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice No open gift with these fields under this id (never sent, already ended, or wrong fields).
    error UnknownGift(uint256 giftId);
    /// @notice The gift's expiry has passed: it can no longer be claimed, only refunded.
    error GiftExpired(uint256 giftId, uint40 expiry);
    /// @notice The gift's expiry has not passed yet: it cannot be refunded.
    error GiftNotExpired(uint256 giftId, uint40 expiry);
    /// @notice The claim function does not match the gift's kind.
    error WrongGiftKind(uint256 giftId, Kind kind);
    /// @notice The signature is malformed or not from the required signer.
    error InvalidSignature();
    /// @notice The verifier attestation's deadline has passed.
    error AttestationExpired(uint256 deadline);
    /// @notice Empty batch, or batch arrays of different lengths.
    error InvalidBatch();
    /// @notice Expiry bounds with min > max or max zero.
    error InvalidExpiryBounds(uint32 minDuration, uint32 maxDuration);
    /// @notice The allowance is below the amount after trying the permit.
    error InsufficientAllowance(uint256 allowance, uint256 needed);
}
