// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An EIP-2098 compact ECDSA signature: `r`, and `s` with the y-parity in its top bit. Two
/// words instead of the 65-byte form's five in calldata; viem's `signatureToCompactSignature` makes it.
struct CompactSignature {
    bytes32 r;
    bytes32 yParityAndS;
}
