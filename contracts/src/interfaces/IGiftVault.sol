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

    /// @notice A gift was escrowed for the social account `socialId`. Its id is giftIdOf(sender, salt).
    event SocialGiftSent(
        uint256 indexed giftId,
        address indexed sender,
        bytes32 indexed socialId,
        address token,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string message
    );

    /// @notice A gift was escrowed for whoever holds the key of `linkKey`. Its id is
    /// giftIdOf(sender, uint160(linkKey)).
    event LinkGiftSent(
        uint256 indexed giftId,
        address indexed sender,
        address indexed linkKey,
        address token,
        uint256 amount,
        uint40 expiry,
        bytes32 context,
        string message
    );

    /// @notice A gift to an address was paid from `sender` to `to` at once. `amount` is what `to`
    /// received (less than sent only for a token not marked exact that takes a fee).
    event GiftDelivered(
        address indexed sender, address indexed to, address token, uint256 amount, bytes32 context, string message
    );

    /// @notice A batch of gifts was sent. Address gifts were paid at once, in full, and have no id;
    /// the others are escrowed until `expiry`: entry `i` has id giftIdOf(sender, salt + i) if Social
    /// and giftIdOf(sender, uint160(link key)) if Link.
    event GiftsSent(
        address indexed sender,
        address token,
        uint40 expiry,
        uint256 salt,
        bytes32 context,
        string message,
        GiftRequest[] gifts
    );

    /// @notice An escrowed gift was claimed: `amount` of `token` paid to `to`; `relayer` sent the tx.
    event GiftClaimed(
        uint256 indexed giftId, address indexed to, address indexed relayer, address token, uint256 amount
    );

    /// @notice An expired gift was refunded to `sender`; `relayer` sent the tx.
    event GiftRefunded(
        uint256 indexed giftId, address indexed sender, address indexed relayer, address token, uint256 amount
    );

    /// @notice The admin set a token's configuration. `exactTransfers` is the admin's statement that
    /// the token always moves exactly the amount asked (no fee, no rebasing): sends of it skip the
    /// balance checks, so a wrong `true` can make the vault insolvent for that token.
    event TokenConfigured(address indexed token, bool allowed, bool exactTransfers);

    /// @notice The bounds on an escrowed gift's lifetime changed (seconds from the send).
    event ExpiryBoundsSet(uint32 minDuration, uint32 maxDuration);

    /// @notice Sends, claims and refunds were stopped by `account`.
    event Paused(address account);

    /// @notice Sends, claims and refunds were resumed by `account`.
    event Unpaused(address account);

    /// @notice The token is not on the allow-list.
    error TokenNotAllowed(address token);
    /// @notice Amount zero.
    error ZeroAmount();
    /// @notice A zero recipient (address, social id or link key), a key wider than an address, or a
    /// gift to an address that is its own sender.
    error InvalidRecipient();
    /// @notice The expiry is outside [now + minDuration, now + maxDuration].
    error InvalidExpiry(uint40 expiry, uint256 earliest, uint256 latest);
    /// @notice A transfer of a token not marked exact moved `received` instead of `expected`
    /// (fee-on-transfer or otherwise non-standard token).
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice No open gift with these fields under this id (never sent, already ended, or wrong fields).
    error UnknownGift(uint256 giftId);
    /// @notice A gift with this id is open: the sender used the same salt twice.
    error GiftIdInUse(uint256 giftId);
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
    /// @notice The configured-token list is full (it bounds the gas of pause and bound changes).
    error TooManyTokens();
    /// @notice The vault is paused.
    error EnforcedPause();
    /// @notice The vault is not paused.
    error ExpectedPause();
    /// @notice A vault function was entered again from inside a token call.
    error ReentrancyGuardReentrantCall();
}
