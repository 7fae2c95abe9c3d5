// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A rebasing (stETH/AMPL-style) token: holders own shares and a balance is
/// shares * index / 1e18, so a rebase changes every balance, the vault's included, without a transfer.
/// Transfers move `amount * 1e18 / index` shares, rounded down.
contract RebasingToken {
    uint256 private constant ONE = 1e18;

    string public constant name = "Rebasing";
    string public constant symbol = "REBASE";
    uint8 public constant decimals = 18;
    uint256 public index = ONE;
    uint256 public totalShares;
    mapping(address account => uint256 shares) public sharesOf;
    mapping(address owner => mapping(address spender => uint256 amount)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Multiplies every balance by `newIndex / 1e18` (above 1e18: positive rebase).
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    function mint(address to, uint256 amount) external {
        uint256 shares = amount * ONE / index;
        totalShares += shares;
        sharesOf[to] += shares;
        emit Transfer(address(0), to, amount);
    }

    function balanceOf(address account) external view returns (uint256) {
        return sharesOf[account] * index / ONE;
    }

    function totalSupply() external view returns (uint256) {
        return totalShares * index / ONE;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= amount, "allowance");
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 shares = amount * ONE / index;
        require(sharesOf[from] >= shares, "balance");
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }
}
