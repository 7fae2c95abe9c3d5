// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRewardDistributor
/// @notice Events and errors of the RewardDistributor (watch-to-earn payouts by cumulative vouchers).
interface IRewardDistributor {
    /// @notice `amount` was minted to `account`, whose claimed total is now `cumulativeAmount`;
    /// `day` is the UTC day (timestamp / 1 days) the mint counts against.
    event RewardClaimed(
        address indexed account, address indexed relayer, uint256 amount, uint256 cumulativeAmount, uint256 day
    );
    /// @notice The daily global mint cap and the per-claim cap changed.
    event CapsSet(uint256 dailyCap, uint256 maxClaim);

    /// @notice The voucher's deadline has passed.
    error VoucherExpired(uint256 deadline);
    /// @notice The signature is malformed or not from a REWARD_SIGNER.
    error InvalidSignature();
    /// @notice The voucher's cumulative amount is not above what the account already claimed.
    error NothingToClaim(uint256 cumulativeAmount, uint256 alreadyClaimed);
    /// @notice The claim is above the per-claim cap.
    error ClaimAboveCap(uint256 amount, uint256 maxClaim);
    /// @notice The claim would pass today's global mint cap.
    error DailyCapExceeded(uint256 amount, uint256 remainingToday);
    /// @notice A zero account.
    error InvalidAccount();
    /// @notice Caps that do not fit the packed storage or a zero cap.
    error InvalidCaps(uint256 dailyCap, uint256 maxClaim);
}
