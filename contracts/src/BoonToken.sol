// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title BoonToken
/// @notice The BOON gift and reward token: ERC-20 with EIP-2612 permit, 18 decimals and a hard
/// supply cap. Only holders of MINTER_ROLE (the RewardDistributor and the on-ramp treasury) mint;
/// any holder may burn its own tokens (the RewardDistributor burns budget a lowered cap takes back).
contract BoonToken is ERC20, ERC20Burnable, ERC20Permit, ERC20Capped, AccessControl {
    /// @notice Role allowed to mint new tokens, up to the cap.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants and revokes MINTER_ROLE).
    /// @param supplyCap The hard cap on total supply, in base units.
    constructor(address admin, uint256 supplyCap)
        ERC20("Boon", "BOON")
        ERC20Permit("Boon")
        ERC20Capped(supplyCap)
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Mints `amount` base units to `to`.
    /// @dev Reverts with AccessControlUnauthorizedAccount without MINTER_ROLE and with
    /// ERC20ExceededCap past the cap.
    /// @param to The receiver of the new tokens.
    /// @param amount The amount in base units.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
