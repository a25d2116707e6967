// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LeveragedToken} from "./LeveragedToken.sol";
import {PriceOracle} from "./PriceOracle.sol";
import {ReservePool} from "./ReservePool.sol";

/// @notice The deployment's entry point: it registers pools and tokens, and it is the keeper
/// of every contract it registers. Its operator drives the keeper's work through it, so an
/// hour of work for all pools and tokens fits in one transaction (`tick`).
contract LeveragedTokenRegistry {
    /// @notice A subscription (`isMint`, amount in quote) or redemption (amount in shares).
    struct Flow {
        LeveragedToken token;
        address account;
        uint256 amount;
        bool isMint;
    }

    struct Injection {
        ReservePool pool;
        address from;
        uint256 amount;
    }

    address public immutable operator;
    PriceOracle public immutable oracle;
    /// @notice Where an indexer starts reading: no event of this deployment is older.
    uint256 public immutable deployedAtBlock;
    ReservePool[] private registeredPools;
    LeveragedToken[] private registeredTokens;
    mapping(address => bool) public isRegistered;

    event ReservePoolRegistered(address indexed pool, string underlying, uint16 floorBps);
    event TokenRegistered(
        address indexed token, address indexed pool, string symbol, bool isLong,
        uint256 targetLeverage, uint256 minLeverage, uint256 maxLeverage, uint32 fallbackInterval);

    error NotOperator(address caller);
    error AlreadyRegistered(address target);
    error NotKeptByRegistry(address target);
    error PoolNotRegistered(address pool);
    error PriceCountMismatch(uint256 prices, uint256 pools);

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    constructor(address operator_) {
        operator = operator_;
        oracle = new PriceOracle(address(this));
        deployedAtBlock = block.number;
    }

    function pools() external view returns (ReservePool[] memory) {
        return registeredPools;
    }

    function tokens() external view returns (LeveragedToken[] memory) {
        return registeredTokens;
    }

    function registerPool(ReservePool pool) external onlyOperator {
        _claim(address(pool), pool.keeper());
        registeredPools.push(pool);
        emit ReservePoolRegistered(address(pool), pool.underlying(), pool.floorBps());
    }

    function registerToken(LeveragedToken token) external onlyOperator {
        _claim(address(token), token.keeper());
        ReservePool pool = token.pool();
        if (!isRegistered[address(pool)]) revert PoolNotRegistered(address(pool));
        pool.addToken(address(token));
        registeredTokens.push(token);
        emit TokenRegistered(
            address(token), address(pool), token.symbol(), token.isLong(), token.targetLeverage(),
            token.minLeverage(), token.maxLeverage(), token.fallbackInterval());
    }

    /// @notice One hour of keeper work: publish prices, relay flows and reserve top-ups,
    /// rebalance every token the contracts allow, then publish snapshots and pool metrics.
    /// `prices` follow the order of pools().
    function tick(
        uint256[] calldata prices, uint256 gasPriceWei, Flow[] calldata flows,
        Injection[] calldata injections, bool allocateFees
    ) external onlyOperator {
        uint256 poolCount = registeredPools.length;
        if (prices.length != poolCount) revert PriceCountMismatch(prices.length, poolCount);
        for (uint256 i = 0; i < poolCount; i++) {
            oracle.setPrice(registeredPools[i].asset(), prices[i]);
        }
        oracle.setGasPrice(gasPriceWei);
        for (uint256 i = 0; i < flows.length; i++) {
            Flow calldata flow = flows[i];
            if (flow.isMint) flow.token.mint(flow.account, flow.amount);
            else flow.token.redeem(flow.account, flow.amount);
        }
        for (uint256 i = 0; i < injections.length; i++) {
            injections[i].pool.injectCapital(injections[i].from, injections[i].amount);
        }
        if (allocateFees) {
            for (uint256 i = 0; i < poolCount; i++) registeredPools[i].allocateFees();
        }
        uint256 tokenCount = registeredTokens.length;
        for (uint256 i = 0; i < tokenCount; i++) {
            (bool due,) = registeredTokens[i].rebalanceDue();
            if (due) registeredTokens[i].rebalance();
        }
        for (uint256 i = 0; i < tokenCount; i++) registeredTokens[i].publishNavSnapshot();
        for (uint256 i = 0; i < poolCount; i++) registeredPools[i].publishMetrics();
    }

    /// @notice Changes a spot pool's liquidity (a stress thins it, recovery restores it).
    function setSpotDepth(ReservePool pool, uint256 depth) external onlyOperator {
        pool.spotPool().setDepth(depth);
    }

    function _claim(address target, address keeperOfTarget) private {
        if (isRegistered[target]) revert AlreadyRegistered(target);
        if (keeperOfTarget != address(this)) revert NotKeptByRegistry(target);
        isRegistered[target] = true;
    }
}
