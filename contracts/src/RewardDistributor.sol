// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {BoonToken} from "./BoonToken.sol";
import {IRewardDistributor} from "./interfaces/IRewardDistributor.sol";

/// @title RewardDistributor
/// @notice Watch-to-earn payouts. The backend's reward signer signs EIP-712 vouchers for the
/// cumulative amount an account has earned; a claim mints the difference to what it already claimed.
/// Anyone may relay a claim; the tokens go only to the voucher's account.
/// @dev Pausable is inherited last so that its flag shares one slot with the day, the amount minted
/// that day and the per-claim cap: a claim reads one cold slot for all four.
contract RewardDistributor is IRewardDistributor, AccessControl, EIP712, Pausable {
    /// @notice Role whose keys sign vouchers (rotate by grant/revoke).
    bytes32 public constant REWARD_SIGNER_ROLE = keccak256("REWARD_SIGNER_ROLE");
    /// @notice Role allowed to pause and unpause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice EIP-712 type of a voucher.
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("RewardVoucher(address account,uint256 cumulativeAmount,uint256 deadline)");

    /// @notice The token minted on claims (this contract holds its MINTER_ROLE).
    BoonToken public immutable token;

    uint32 private _day;
    uint112 private _mintedToday;
    uint104 private _maxClaim;
    uint256 private _dailyCap;

    /// @notice The cumulative amount each account has claimed.
    mapping(address account => uint256 amount) public claimed;

    /// @param token_ The BOON token.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and PAUSER_ROLE.
    /// @param signer The first REWARD_SIGNER_ROLE key (zero for none).
    /// @param dailyCap_ Global mint cap per UTC day, in base units.
    /// @param maxClaim_ Cap on one claim, in base units.
    constructor(BoonToken token_, address admin, address signer, uint256 dailyCap_, uint256 maxClaim_)
        EIP712("Boon RewardDistributor", "1")
    {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        if (signer != address(0)) _grantRole(REWARD_SIGNER_ROLE, signer);
        _setCaps(dailyCap_, maxClaim_);
        _day = uint32(block.timestamp / 1 days);
    }

    /// @notice Mints to `account` the difference between `cumulativeAmount` and what it already claimed.
    /// @param account The voucher's account; the only possible receiver.
    /// @param cumulativeAmount Everything `account` has earned so far, in base units.
    /// @param deadline Unix time after which the voucher is void.
    /// @param signature EIP-712 RewardVoucher signature of a REWARD_SIGNER_ROLE key.
    /// @return amount The amount minted.
    function claim(address account, uint256 cumulativeAmount, uint256 deadline, bytes calldata signature)
        external
        whenNotPaused
        returns (uint256 amount)
    {
        if (account == address(0)) revert InvalidAccount();
        if (block.timestamp > deadline) revert VoucherExpired(deadline);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, account, cumulativeAmount, deadline)));
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error != ECDSA.RecoverError.NoError || !hasRole(REWARD_SIGNER_ROLE, signer)) revert InvalidSignature();

        uint256 alreadyClaimed = claimed[account];
        if (cumulativeAmount <= alreadyClaimed) revert NothingToClaim(cumulativeAmount, alreadyClaimed);
        unchecked {
            amount = cumulativeAmount - alreadyClaimed;
        }
        if (amount > _maxClaim) revert ClaimAboveCap(amount, _maxClaim);

        uint32 today = uint32(block.timestamp / 1 days);
        uint256 minted = today == _day ? _mintedToday : 0;
        uint256 dailyCap = _dailyCap;
        if (minted + amount > dailyCap) {
            revert DailyCapExceeded(amount, dailyCap > minted ? dailyCap - minted : 0);
        }
        _day = today;
        _mintedToday = uint112(minted + amount); // <= dailyCap, which fits in 112 bits
        claimed[account] = cumulativeAmount;

        token.mint(account, amount);
        emit RewardClaimed(account, msg.sender, amount, cumulativeAmount, today);
    }

    /// @notice The amount minted so far in the current UTC day.
    function mintedToday() external view returns (uint256) {
        return uint32(block.timestamp / 1 days) == _day ? _mintedToday : 0;
    }

    /// @notice The global mint cap per UTC day and the cap on one claim, in base units.
    function caps() external view returns (uint256 dailyCap, uint256 maxClaim) {
        return (_dailyCap, _maxClaim);
    }

    /// @notice The EIP-712 domain separator of this distributor on this chain.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice Sets the global daily mint cap and the per-claim cap, in base units.
    function setCaps(uint256 dailyCap_, uint256 maxClaim_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCaps(dailyCap_, maxClaim_);
    }

    /// @notice Stops claims.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Resumes claims.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    function _setCaps(uint256 dailyCap_, uint256 maxClaim_) private {
        if (dailyCap_ == 0 || maxClaim_ == 0 || dailyCap_ > type(uint112).max || maxClaim_ > type(uint104).max) {
            revert InvalidCaps(dailyCap_, maxClaim_);
        }
        _dailyCap = dailyCap_;
        _maxClaim = uint104(maxClaim_);
        emit CapsSet(dailyCap_, maxClaim_);
    }
}
