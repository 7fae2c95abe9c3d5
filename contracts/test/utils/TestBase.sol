// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Signatures} from "./Signatures.sol";

/// @notice Assertion and input-shaping helpers for the Solidity tests (a small stand-in for
/// forge-std's Test). A failed assertion reverts, which the runner reports as a failed test.
abstract contract TestBase {
    /// @notice Shape of forge-std's FuzzSelector, read by the invariant runner from targetSelectors().
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    error AssertionFailed(string what, uint256 actual, uint256 expected);
    error AssertionFailedBytes32(string what, bytes32 actual, bytes32 expected);
    error AssertionFailedBool(string what);

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;

    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailed(what, actual, expected);
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailedBytes32(what, actual, expected);
    }

    function assertLe(uint256 actual, uint256 limit, string memory what) internal pure {
        if (actual > limit) revert AssertionFailed(what, actual, limit);
    }

    function assertGe(uint256 actual, uint256 limit, string memory what) internal pure {
        if (actual < limit) revert AssertionFailed(what, actual, limit);
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert AssertionFailedBool(what);
    }

    /// @notice Maps any fuzzed `x` into [min, max] (inclusive) without discarding runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @notice A valid secp256k1 private key derived from any fuzzed seed.
    function boundKey(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 1, Signatures.SECP256K1_N - 1);
    }

    /// @notice Restricts invariant fuzzing to `target` (read by the runner).
    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @notice Restricts invariant fuzzing on `target` to `selectors` (read by the runner).
    function targetSelector(address target, bytes4[] memory selectors) internal {
        _targetSelectors.push(FuzzSelector(target, selectors));
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }
}
