// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRewardDistributor
/// @notice Events and errors of the RewardDistributor (watch-to-earn payouts by cumulative vouchers,
/// paid from a daily budget the distributor mints for itself).
interface IRewardDistributor {
    /// @notice Day `day`'s budget was set to `budget` (what may be paid that day, including what was
    /// already paid): `minted` new tokens, `burned` surplus. Emitted when a day's first claim opens it
    /// and when a cap change adjusts the open day.
    event BudgetSet(uint256 indexed day, uint256 budget, uint256 minted, uint256 burned);
    /// @notice The daily cap and the per-claim cap changed.
    event CapsSet(uint256 dailyCap, uint256 maxClaim);
    /// @notice Claims were stopped by `account`.
    event Paused(address account);
    /// @notice Claims were resumed by `account`.
    event Unpaused(address account);

    /// @notice The voucher's deadline has passed.
    error VoucherExpired(uint256 deadline);
    /// @notice The signature is malformed or not from a REWARD_SIGNER.
    error InvalidSignature();
    /// @notice The voucher's cumulative amount is not above what the account already claimed.
    error NothingToClaim(uint256 cumulativeAmount, uint256 alreadyClaimed);
    /// @notice The claim is above the per-claim cap.
    error ClaimAboveCap(uint256 amount, uint256 maxClaim);
    /// @notice The claim is above what is left of today's budget.
    error DailyCapExceeded(uint256 amount, uint256 remainingToday);
    /// @notice A zero account.
    error InvalidAccount();
    /// @notice A zero cap, a daily cap above 2^128 - 1, or a per-claim cap that is not a whole number
    /// of BOON (or above 2^56 - 1 BOON).
    error InvalidCaps(uint256 dailyCap, uint256 maxClaim);
    /// @notice Claims are paused.
    error EnforcedPause();
    /// @notice Claims are not paused.
    error ExpectedPause();
}
