// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Erc20} from "./Erc20.sol";
import {KeeperOnly} from "./KeeperOnly.sol";
import {PriceOracle} from "./PriceOracle.sol";
import {ReservePool} from "./ReservePool.sol";
import {SpotPool} from "./SpotPool.sol";
import {WadMath} from "./WadMath.sol";

/// @notice A constant-leverage token. It holds a notional `exposure` to the underlying
/// (positive long, negative short) and `cash` in quote; equity = cash + exposure * mark,
/// leverage = |exposure * mark| / equity, NAV = equity / totalSupply. Subscriptions settle
/// in quote off this model and are relayed by the keeper, minting and burning at NAV.
contract LeveragedToken is Erc20, KeeperOnly {
    using WadMath for uint256;

    uint8 internal constant TRIGGER_BAND = 0;
    uint8 internal constant TRIGGER_FALLBACK = 1;
    uint256 public constant INITIAL_NAV = 100e18;

    ReservePool public immutable pool;
    SpotPool public immutable spotPool;
    PriceOracle public immutable oracle;
    bytes32 public immutable asset;
    bool public immutable isLong;
    // Thresholds are immutable: no function can change them after deployment.
    uint256 public immutable targetLeverage;
    uint256 public immutable minLeverage;
    uint256 public immutable maxLeverage;
    uint32 public immutable fallbackInterval;
    /// @notice Fee on each subscription and redemption, kept for the reserve pool.
    uint16 public immutable flowFeeBps;

    int256 public exposure;
    int256 public cash;
    uint256 public lastRebalanceAt;
    uint64 public rebalanceCount;
    uint256 public accruedFees;

    event Rebalanced(
        uint64 indexed rebalanceId, uint8 indexed trigger, bool isBuy, uint256 amount,
        uint256 markPrice, uint256 executionPrice, uint256 leverageBefore, uint256 leverageAfter,
        uint256 navBefore, uint256 navAfter, uint256 slippageCost, uint256 gasCost, uint256 reserveDraw);
    event RebalanceDeferred(uint8 indexed reason, uint256 leverage, uint256 markPrice);
    event NavSnapshot(uint64 indexed hour, uint256 nav, uint256 leverage, uint256 markPrice, uint256 totalSupply);

    error RebalanceNotDue(uint256 leverage, uint256 minLeverage, uint256 maxLeverage, uint256 fallbackAt);
    error EquityDepleted(int256 equity);
    error NotPool(address caller);

    constructor(
        address keeper_, ReservePool pool_, string memory name_, string memory symbol_, bool isLong_,
        uint256 targetLeverage_, uint256 minLeverage_, uint256 maxLeverage_, uint32 fallbackInterval_,
        uint16 flowFeeBps_
    ) Erc20(name_, symbol_) KeeperOnly(keeper_) {
        pool = pool_;
        spotPool = pool_.spotPool();
        oracle = pool_.oracle();
        asset = pool_.asset();
        isLong = isLong_;
        targetLeverage = targetLeverage_;
        minLeverage = minLeverage_;
        maxLeverage = maxLeverage_;
        fallbackInterval = fallbackInterval_;
        flowFeeBps = flowFeeBps_;
    }

    function markPrice() public view returns (uint256) {
        return oracle.priceOf(asset);
    }

    function equity() public view returns (int256) {
        return _equityAt(markPrice());
    }

    function nav() public view returns (uint256) {
        return _navOf(equity());
    }

    function leverage() public view returns (uint256) {
        return _leverageAt(markPrice());
    }

    /// @notice Whether rebalance() would act now, and under which trigger.
    function rebalanceDue() public view returns (bool due, uint8 trigger) {
        if (totalSupply == 0 || equity() <= 0) return (false, 0);
        uint256 lev = leverage();
        if (lev < minLeverage || lev > maxLeverage) return (true, TRIGGER_BAND);
        if (block.timestamp >= lastRebalanceAt + fallbackInterval) return (true, TRIGGER_FALLBACK);
        return (false, 0);
    }

    /// @notice Trades back to the target leverage through the spot pool. Anyone may call it;
    /// it reverts unless leverage left the band or the fallback interval passed.
    function rebalance() external {
        (bool due, uint8 trigger) = rebalanceDue();
        uint256 mark = markPrice();
        uint256 leverageBefore = _leverageAt(mark);
        if (!due) revert RebalanceNotDue(leverageBefore, minLeverage, maxLeverage, lastRebalanceAt + fallbackInterval);

        int256 equityBefore = _equityAt(mark);
        int256 delta = _targetExposure(uint256(equityBefore), mark) - exposure;
        bool isBuy = delta > 0;
        // A gap larger than the spot pool can absorb closes over several rebalances.
        uint256 amount = WadMath.abs(delta);
        uint256 maxAmount = spotPool.maxTradeAmount();
        if (amount > maxAmount) amount = maxAmount;
        int256 target = isBuy ? exposure + int256(amount) : exposure - int256(amount);
        uint256 executionPrice = spotPool.quote(isBuy, amount);
        uint256 slippageCost = amount * (isBuy ? executionPrice - mark : mark - executionPrice) / WadMath.WAD;
        uint256 gasCost = oracle.rebalanceGasCost();

        uint64 id = rebalanceCount + 1;
        (bool covered, uint8 reason, uint256 reserveDraw) = pool.coverCosts(id, slippageCost + gasCost);
        if (!covered) {
            emit RebalanceDeferred(reason, leverageBefore, mark);
            return;
        }

        uint256 navBefore = _navOf(equityBefore);
        // Swapping exposure for cash at mark leaves equity unchanged to the wei; only the
        // costs the reserve did not absorb come out of it.
        cash -= WadMath.valueAt(target, mark) - WadMath.valueAt(exposure, mark)
            + int256(slippageCost + gasCost - reserveDraw);
        exposure = target;
        rebalanceCount = id;
        lastRebalanceAt = block.timestamp;
        emit Rebalanced(
            id, trigger, isBuy, amount, mark, executionPrice, leverageBefore, _leverageAt(mark),
            navBefore, _navOf(_equityAt(mark)), slippageCost, gasCost, reserveDraw);
    }

    function publishNavSnapshot() external onlyKeeper {
        uint256 mark = markPrice();
        emit NavSnapshot(uint64(block.timestamp / 3600), _navOf(_equityAt(mark)), _leverageAt(mark), mark, totalSupply);
    }

    /// @notice Subscribes `value` quote for `to`. The first subscription opens the position at
    /// target; later ones scale it, so leverage and NAV stay put.
    function mint(address to, uint256 value) external onlyKeeper returns (uint256 shares) {
        uint256 net = _takeFee(value);
        uint256 mark = markPrice();
        if (totalSupply == 0) {
            shares = net.divWad(INITIAL_NAV);
            _resize(_targetExposure(net, mark), int256(net), mark);
            lastRebalanceAt = block.timestamp;
        } else {
            int256 equityNow = _equityAt(mark);
            if (equityNow <= 0) revert EquityDepleted(equityNow);
            shares = net * totalSupply / uint256(equityNow);
            _resize(exposure * (equityNow + int256(net)) / equityNow, int256(net), mark);
        }
        _mint(to, shares);
    }

    /// @notice Redeems `shares` of `from` at NAV; the quote paid out settles off this model.
    function redeem(address from, uint256 shares) external onlyKeeper returns (uint256 value) {
        uint256 mark = markPrice();
        int256 equityNow = _equityAt(mark);
        if (equityNow <= 0) revert EquityDepleted(equityNow);
        value = shares * uint256(equityNow) / totalSupply;
        int256 remaining = equityNow - int256(value);
        _resize(exposure * remaining / equityNow, -int256(value), mark);
        _burn(from, shares);
        _takeFee(value);
    }

    function collectFees() external returns (uint256 fees) {
        if (msg.sender != address(pool)) revert NotPool(msg.sender);
        fees = accruedFees;
        accruedFees = 0;
    }

    /// @dev Moves to `newExposure` at mark and adds `equityChange`: cash absorbs the trade.
    function _resize(int256 newExposure, int256 equityChange, uint256 mark) private {
        cash += equityChange - (WadMath.valueAt(newExposure, mark) - WadMath.valueAt(exposure, mark));
        exposure = newExposure;
    }

    function _takeFee(uint256 value) private returns (uint256 net) {
        uint256 fee = value * flowFeeBps / 10_000;
        accruedFees += fee;
        return value - fee;
    }

    function _targetExposure(uint256 equityValue, uint256 mark) private view returns (int256) {
        int256 size = int256(targetLeverage.mulWad(equityValue).divWad(mark));
        return isLong ? size : -size;
    }

    function _equityAt(uint256 mark) private view returns (int256) {
        return cash + WadMath.valueAt(exposure, mark);
    }

    function _navOf(int256 equityValue) private view returns (uint256) {
        if (totalSupply == 0) return INITIAL_NAV;
        return equityValue <= 0 ? 0 : uint256(equityValue).divWad(totalSupply);
    }

    function _leverageAt(uint256 mark) private view returns (uint256) {
        if (exposure == 0) return 0;
        int256 equityValue = _equityAt(mark);
        if (equityValue <= 0) return type(uint256).max;
        return WadMath.abs(WadMath.valueAt(exposure, mark)).divWad(uint256(equityValue));
    }
}
