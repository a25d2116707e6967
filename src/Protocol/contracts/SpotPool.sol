// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {KeeperOnly} from "./KeeperOnly.sol";
import {PriceOracle} from "./PriceOracle.sol";

/// @notice A virtual constant-product market for one underlying. Arbitrageurs are assumed to
/// keep it centred on the oracle's mark, so each trade meets reserves of `depth` quote and
/// `depth / mark` underlying: buying `a` costs mark * x / (x - a) per unit, selling pays
/// mark * x / (x + a). Thin depth means steep slippage; the keeper can thin it in a stress.
contract SpotPool is KeeperOnly {
    PriceOracle public immutable oracle;
    bytes32 public immutable asset;
    uint256 public depth;

    error DepthExhausted(uint256 amount, uint256 underlyingDepth);

    constructor(address keeper_, PriceOracle oracle_, bytes32 asset_, uint256 depth_) KeeperOnly(keeper_) {
        oracle = oracle_;
        asset = asset_;
        depth = depth_;
    }

    function setDepth(uint256 depth_) external onlyKeeper {
        depth = depth_;
    }

    /// @notice The most underlying one trade may take: a quarter of the pool's underlying side,
    /// where a constant-product buy already pays a third over mark.
    function maxTradeAmount() external view returns (uint256) {
        return depth * 1e18 / oracle.priceOf(asset) / 4;
    }

    /// @notice Average execution price for trading `amount` underlying in one go.
    function quote(bool isBuy, uint256 amount) external view returns (uint256 executionPrice) {
        uint256 mark = oracle.priceOf(asset);
        uint256 x = depth * 1e18 / mark;
        if (isBuy) {
            if (amount >= x) revert DepthExhausted(amount, x);
            return mark * x / (x - amount) + 1; // rounds against the trader
        }
        return mark * x / (x + amount);
    }
}
