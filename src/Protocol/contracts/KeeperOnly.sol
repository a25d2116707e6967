// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One keeper per deployment, fixed at construction: nobody can hand the role over,
/// so published prices, snapshots and metrics always come from the same address.
abstract contract KeeperOnly {
    address public immutable keeper;

    error NotKeeper(address caller);

    constructor(address keeper_) {
        keeper = keeper_;
    }

    modifier onlyKeeper() {
        if (msg.sender != keeper) revert NotKeeper(msg.sender);
        _;
    }
}
