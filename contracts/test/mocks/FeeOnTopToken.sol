// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Charges its fee on top: the receiver gets the full `value` and the sender pays
/// `value + fee` (the fee is burned). A balance-delta check on the receiving side cannot see it.
contract FeeOnTopToken is ERC20 {
    uint256 public immutable feeBps;

    constructor(uint256 feeBps_) ERC20("FeeOnTop", "FTOP") {
        feeBps = feeBps_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) super._update(from, address(0), value * feeBps / 10_000);
        super._update(from, to, value);
    }
}
