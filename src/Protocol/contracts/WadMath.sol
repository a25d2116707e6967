// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Fixed-point helpers for 18-decimal (WAD) quantities. Every division rounds toward
/// zero unless the name says otherwise, so each operation is off by at most one wei.
library WadMath {
    uint256 internal constant WAD = 1e18;

    function mulWad(uint256 a, uint256 b) internal pure returns (uint256) {
        return a * b / WAD;
    }

    function divWad(uint256 a, uint256 b) internal pure returns (uint256) {
        return a * WAD / b;
    }

    function divWadUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * WAD + b - 1) / b;
    }

    /// @dev Signed underlying amount times an unsigned price: the quote value of a position.
    function valueAt(int256 amount, uint256 price) internal pure returns (int256) {
        return amount * int256(price) / int256(WAD);
    }

    function abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }
}
