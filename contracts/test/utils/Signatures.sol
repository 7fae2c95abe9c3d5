// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CompactSignature} from "../../src/interfaces/CompactSignature.sol";
import {vm} from "./Vm.sol";

/// @notice Builds and signs the EIP-712 messages of GiftVault and RewardDistributor independently of
/// the contracts, so a test can sign for any chain id, contract, account or deadline.
library Signatures {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant SOCIAL_CLAIM_TYPEHASH =
        keccak256("SocialClaim(bytes32 socialId,address wallet,uint256 deadline)");
    bytes32 internal constant LINK_CLAIM_TYPEHASH = keccak256("LinkClaim(uint256 giftId,address recipient)");
    bytes32 internal constant VOUCHER_TYPEHASH =
        keccak256("RewardVoucher(address account,uint256 cumulativeAmount,uint256 deadline)");
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function vaultDomain(uint256 chainId, address vault) internal pure returns (bytes32) {
        return domain("Boon GiftVault", chainId, vault);
    }

    function distributorDomain(uint256 chainId, address distributor) internal pure returns (bytes32) {
        return domain("Boon RewardDistributor", chainId, distributor);
    }

    function domain(string memory name, uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256("1"), chainId, verifyingContract)
        );
    }

    function socialDigest(bytes32 domainSeparator, bytes32 socialId, address wallet, uint256 deadline)
        internal
        pure
        returns (bytes32)
    {
        return typedDigest(domainSeparator, keccak256(abi.encode(SOCIAL_CLAIM_TYPEHASH, socialId, wallet, deadline)));
    }

    function linkDigest(bytes32 domainSeparator, uint256 giftId, address recipient) internal pure returns (bytes32) {
        return typedDigest(domainSeparator, keccak256(abi.encode(LINK_CLAIM_TYPEHASH, giftId, recipient)));
    }

    function voucherDigest(bytes32 domainSeparator, address account, uint256 cumulativeAmount, uint256 deadline)
        internal
        pure
        returns (bytes32)
    {
        return typedDigest(
            domainSeparator, keccak256(abi.encode(VOUCHER_TYPEHASH, account, cumulativeAmount, deadline))
        );
    }

    /// @notice EIP-2612 permit digest; `tokenDomain` is the token's own domain separator.
    function permitDigest(
        bytes32 tokenDomain,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        return typedDigest(tokenDomain, keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline)));
    }

    function typedDigest(bytes32 domainSeparator, bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @notice An EIP-2098 compact signature (r, y-parity in the top bit of s), the form the
    /// contracts accept.
    function sign(uint256 privateKey, bytes32 digest) internal pure returns (CompactSignature memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, digest);
        return CompactSignature(r, bytes32(uint256(s) | (uint256(v - 27) << 255)));
    }

    /// @notice The malleable twin (r, n - s, other parity) of a signature, packed the same way: it
    /// recovers the same signer, so only a low-s rule stops it being replayed as a "different" one.
    function toHighS(CompactSignature memory signature) internal pure returns (CompactSignature memory) {
        uint256 packed = uint256(signature.yParityAndS);
        uint256 s = packed & ((1 << 255) - 1);
        uint256 flippedParity = (packed >> 255) ^ 1;
        return CompactSignature(signature.r, bytes32((SECP256K1_N - s) | (flippedParity << 255)));
    }
}
