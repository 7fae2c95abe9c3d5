// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A token with a transfer hook (ERC-777 style) that, once armed, calls back into a target
/// (the vault) in the middle of transfer/transferFrom. The callback's outcome is recorded rather than
/// bubbled, so a test can see the reentrant call was refused while the outer call carries on.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public callbackData;
    bool public armed;
    /// @notice Whether the last callback succeeded, and what it returned or reverted with.
    bool public callbackSucceeded;
    bytes public callbackResult;
    uint256 public callbackCount;

    constructor() ERC20("Reentrant", "REENT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Calls `target` with `data` on the next transfer (one shot).
    function arm(address target_, bytes calldata data) external {
        target = target_;
        callbackData = data;
        armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (armed && from != address(0) && to != address(0)) {
            armed = false; // one shot, and no infinite recursion
            ++callbackCount;
            (callbackSucceeded, callbackResult) = target.call(callbackData);
        }
        super._update(from, to, value);
    }
}
