// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {BoonToken} from "./BoonToken.sol";
import {CompactSignature} from "./interfaces/CompactSignature.sol";
import {IRewardDistributor} from "./interfaces/IRewardDistributor.sol";

/// @title RewardDistributor
/// @notice Watch-to-earn payouts. The backend's reward signer signs EIP-712 vouchers for the
/// cumulative amount an account has earned; a claim pays the difference to what it already claimed.
/// Anyone may relay a claim; the tokens go only to the voucher's account. A claim's record is the
/// token's Transfer from this contract to the account: this contract moves BOON out for nothing else
/// (its burns go to the zero address), so the account, the amount and, summed, the cumulative total
/// are all in that event, and a claim pays no event of its own.
/// @dev The daily cap is a budget the distributor holds: the first claim of each UTC day mints the
/// distributor's balance up to the daily cap (never more), and claims pay from that balance, so the
/// balance is what is left of today's budget. A claim then reads one cold slot of this contract (the
/// pause flag, the day, the per-claim cap and the newest signer, checked without a role lookup) and
/// writes none but the account's claimed total; the token's write of the distributor's balance is
/// the day's running total.
contract RewardDistributor is IRewardDistributor, AccessControl, EIP712 {
    /// @notice Role whose keys sign vouchers (several at once; rotate by grant/revoke).
    bytes32 public constant REWARD_SIGNER_ROLE = keccak256("REWARD_SIGNER_ROLE");
    /// @notice Role allowed to pause and unpause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice EIP-712 type of a voucher.
    bytes32 internal constant VOUCHER_TYPEHASH =
        keccak256("RewardVoucher(address account,uint256 cumulativeAmount,uint256 deadline)");
    /// @notice The per-claim cap is a whole number of these (one BOON).
    uint256 internal constant CAP_UNIT = 1e18;

    /// @dev One slot, read by every claim.
    struct State {
        address signer; // the newest REWARD_SIGNER_ROLE key, or zero; always a current role holder
        bool paused;
        uint32 day; // the UTC day the budget was last opened for
        uint56 maxClaimUnits; // per-claim cap in CAP_UNITs
    }

    /// @notice The token paid out (this contract holds its MINTER_ROLE).
    BoonToken public immutable token;

    State private _state;
    uint128 private _dailyCap;
    /// @dev The open day's budget: what may be paid that day, including what was already paid.
    uint128 private _budget;

    /// @notice The cumulative amount each account has claimed.
    mapping(address account => uint256 amount) public claimed;

    /// @param token_ The BOON token.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and PAUSER_ROLE.
    /// @param signer The first REWARD_SIGNER_ROLE key (zero for none).
    /// @param dailyCap_ Most that may be minted and paid per UTC day, in base units.
    /// @param maxClaim_ Cap on one claim, in base units (a whole number of BOON).
    constructor(BoonToken token_, address admin, address signer, uint256 dailyCap_, uint256 maxClaim_)
        EIP712("Boon RewardDistributor", "1")
    {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        if (signer != address(0)) _grantRole(REWARD_SIGNER_ROLE, signer);
        _setCaps(dailyCap_, maxClaim_);
    }

    /// @notice Pays `account` the difference between `cumulativeAmount` and what it already claimed.
    /// The first claim of a UTC day also mints that day's budget.
    /// @param account The voucher's account; the only possible receiver.
    /// @param cumulativeAmount Everything `account` has earned so far, in base units.
    /// @param deadline Unix time after which the voucher is void.
    /// @param signature EIP-712 RewardVoucher signature of a REWARD_SIGNER_ROLE key, EIP-2098 compact.
    /// @return amount The amount paid.
    function claim(address account, uint256 cumulativeAmount, uint256 deadline, CompactSignature calldata signature)
        external
        returns (uint256 amount)
    {
        State storage state = _state;
        if (state.paused) revert EnforcedPause();
        if (account == address(0)) revert InvalidAccount();
        if (block.timestamp > deadline) revert VoucherExpired(deadline);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, account, cumulativeAmount, deadline)));
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature.r, signature.yParityAndS);
        // the fast-path signer is zero or a current holder, and a recovered signer is never zero
        if (error != ECDSA.RecoverError.NoError || (signer != state.signer && !hasRole(REWARD_SIGNER_ROLE, signer))) {
            revert InvalidSignature();
        }

        uint256 alreadyClaimed = claimed[account];
        if (cumulativeAmount <= alreadyClaimed) revert NothingToClaim(cumulativeAmount, alreadyClaimed);
        unchecked {
            amount = cumulativeAmount - alreadyClaimed;
        }
        uint256 maxClaim = uint256(state.maxClaimUnits) * CAP_UNIT;
        if (amount > maxClaim) revert ClaimAboveCap(amount, maxClaim);

        uint256 today = block.timestamp / 1 days;
        if (state.day != today) _openDay(today);
        claimed[account] = cumulativeAmount;
        // the balance is what is left of today's budget: a transfer of more fails
        try token.transfer(account, amount) {}
        catch {
            revert DailyCapExceeded(amount, token.balanceOf(address(this)));
        }
    }

    /// @notice What is left to pay today (today's budget if no claim has opened the day yet).
    function remainingToday() external view returns (uint256) {
        uint256 balance = token.balanceOf(address(this));
        if (_state.day == block.timestamp / 1 days) return balance;
        uint256 dailyCap = _dailyCap;
        if (balance >= dailyCap) return dailyCap;
        uint256 headroom = token.cap() - token.totalSupply();
        return dailyCap - balance > headroom ? balance + headroom : dailyCap;
    }

    /// @notice What was paid so far in the current UTC day.
    function paidToday() external view returns (uint256) {
        if (_state.day != block.timestamp / 1 days) return 0;
        uint256 balance = token.balanceOf(address(this));
        return _budget > balance ? _budget - balance : 0;
    }

    /// @notice The daily cap and the per-claim cap, in base units.
    function caps() external view returns (uint256 dailyCap, uint256 maxClaim) {
        return (_dailyCap, uint256(_state.maxClaimUnits) * CAP_UNIT);
    }

    /// @notice True while claims are stopped.
    function paused() external view returns (bool) {
        return _state.paused;
    }

    /// @notice Sets the daily cap and the per-claim cap, in base units. If today is open, its budget
    /// follows at once: lowered below what was paid today, nothing more is paid until tomorrow.
    function setCaps(uint256 dailyCap_, uint256 maxClaim_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCaps(dailyCap_, maxClaim_);
        uint256 today = block.timestamp / 1 days;
        if (_state.day != today) return;
        uint256 balance = token.balanceOf(address(this));
        uint256 paid = _budget > balance ? _budget - balance : 0;
        _fundBudget(today, balance, dailyCap_ > paid ? dailyCap_ - paid : 0, paid);
    }

    /// @notice Stops claims.
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_state.paused) revert EnforcedPause();
        _state.paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Resumes claims.
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_state.paused) revert ExpectedPause();
        _state.paused = false;
        emit Unpaused(msg.sender);
    }

    /// @dev Keeps State.signer a current holder: the newest grant takes the fast path.
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == REWARD_SIGNER_ROLE) _state.signer = account;
    }

    /// @dev A revoked (or renounced) fast-path signer leaves the fast path empty.
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == REWARD_SIGNER_ROLE && _state.signer == account) _state.signer = address(0);
    }

    /// @dev Opens `today`: its budget is the daily cap, minted on top of what is left from before
    /// (anything above the cap is burned).
    function _openDay(uint256 today) private {
        _state.day = uint32(today);
        _fundBudget(today, token.balanceOf(address(this)), _dailyCap, 0);
    }

    /// @dev Brings the balance to `remaining` (minting at most what the supply cap allows, burning any
    /// surplus) and records the day's budget as `paid` plus the new balance.
    function _fundBudget(uint256 day, uint256 balance, uint256 remaining, uint256 paid) private {
        uint256 minted;
        uint256 burned;
        if (balance < remaining) {
            uint256 headroom = token.cap() - token.totalSupply();
            minted = remaining - balance > headroom ? headroom : remaining - balance;
            if (minted != 0) token.mint(address(this), minted);
        } else if (balance > remaining) {
            burned = balance - remaining;
            token.burn(burned);
        }
        uint256 budget = paid + balance + minted - burned;
        _budget = uint128(budget); // <= paid + remaining <= dailyCap, which fits in 128 bits
        emit BudgetSet(day, budget, minted, burned);
    }

    function _setCaps(uint256 dailyCap_, uint256 maxClaim_) private {
        uint256 units = maxClaim_ / CAP_UNIT;
        if (
            dailyCap_ == 0 || dailyCap_ > type(uint128).max || maxClaim_ == 0 || maxClaim_ % CAP_UNIT != 0
                || units > type(uint56).max
        ) {
            revert InvalidCaps(dailyCap_, maxClaim_);
        }
        _dailyCap = uint128(dailyCap_);
        _state.maxClaimUnits = uint56(units);
        emit CapsSet(dailyCap_, maxClaim_);
    }
}
