// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {KeeperOnly} from "./KeeperOnly.sol";

/// @notice Mark prices (quote WAD per underlying unit) and the gas price the keeper pays,
/// both published by the keeper. Assets are keyed by keccak256 of their symbol ("BTC").
contract PriceOracle is KeeperOnly {
    /// @dev Gas a rebalance is charged for; the cost is gas * gasPrice * ETH price.
    uint256 public constant REBALANCE_GAS = 250_000;
    bytes32 public constant GAS_ASSET = keccak256("ETH");

    mapping(bytes32 asset => uint256 price) private prices;
    uint256 public gasPriceWei;

    error PriceMissing(bytes32 asset);

    constructor(address keeper_) KeeperOnly(keeper_) {}

    function setPrice(bytes32 asset, uint256 price) external onlyKeeper {
        prices[asset] = price;
    }

    function setGasPrice(uint256 gasPriceWei_) external onlyKeeper {
        gasPriceWei = gasPriceWei_;
    }

    function priceOf(bytes32 asset) external view returns (uint256 price) {
        price = prices[asset];
        if (price == 0) revert PriceMissing(asset);
    }

    /// @notice Quote value of the gas one rebalance burns; zero until ETH has a price.
    function rebalanceGasCost() external view returns (uint256) {
        return REBALANCE_GAS * gasPriceWei * prices[GAS_ASSET] / 1e18;
    }
}
