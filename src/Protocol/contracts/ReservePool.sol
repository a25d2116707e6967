// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {KeeperOnly} from "./KeeperOnly.sol";
import {PriceOracle} from "./PriceOracle.sol";
import {SpotPool} from "./SpotPool.sol";
import {WadMath} from "./WadMath.sol";

interface IBackedToken {
    function equity() external view returns (int256);
    function collectFees() external returns (uint256);
}

/// @notice Holds an underlying reserve that absorbs part of the rebalance costs of every token
/// of that underlying. Its balance moves only through ReserveDrawn, FeesAllocated and
/// CapitalInjected, so the published balance can be rebuilt from its own ledger.
contract ReservePool is KeeperOnly {
    using WadMath for uint256;

    // reasons a token passes on in RebalanceDeferred
    uint8 internal constant SUSPENDED = 0;
    uint8 internal constant CANNOT_COVER = 1;

    PriceOracle public immutable oracle;
    SpotPool public immutable spotPool;
    bytes32 public immutable asset;
    string public underlying;
    uint16 public immutable floorBps;
    /// @notice Share of each rebalance's costs the reserve pays; the token's equity pays the rest.
    uint16 public immutable drawShareBps;

    uint256 public reserveBalance;
    bool public suspended;
    address[] private backedTokens;
    mapping(address token => bool) public backs;

    event ReserveMetricsPublished(
        uint64 indexed hour, uint256 reserveBalance, uint256 markPrice, uint256 reserveValue,
        uint256 tokenSupplyValue, uint256 floorValue, uint256 utilizationBps, int256 bufferDepth);
    event ReserveDrawn(address indexed token, uint64 indexed rebalanceId, uint256 amount, uint256 value);
    event FeesAllocated(uint256 amount, uint256 newBalance);
    event CapitalInjected(address indexed from, uint256 amount, uint256 newBalance);
    event RebalancingSuspended(uint256 reserveValue, uint256 floorValue);
    event RebalancingResumed(uint256 reserveValue, uint256 floorValue);

    error NotBackedToken(address caller);
    error AlreadyBacked(address token);

    constructor(
        address keeper_, PriceOracle oracle_, SpotPool spotPool_, string memory underlying_,
        uint16 floorBps_, uint16 drawShareBps_
    ) KeeperOnly(keeper_) {
        oracle = oracle_;
        spotPool = spotPool_;
        underlying = underlying_;
        asset = keccak256(bytes(underlying_));
        floorBps = floorBps_;
        drawShareBps = drawShareBps_;
    }

    /// @dev The keeper is the registry, so only registration adds tokens.
    function addToken(address token) external onlyKeeper {
        if (backs[token]) revert AlreadyBacked(token);
        backs[token] = true;
        backedTokens.push(token);
    }

    function tokens() external view returns (address[] memory) {
        return backedTokens;
    }

    function markPrice() public view returns (uint256) {
        return oracle.priceOf(asset);
    }

    function reserveValue() public view returns (uint256) {
        return reserveBalance.mulWad(markPrice());
    }

    /// @notice Summed equity of every token this pool backs (a wiped-out token counts as zero).
    function tokenSupplyValue() public view returns (uint256 total) {
        for (uint256 i = 0; i < backedTokens.length; i++) {
            int256 equity = IBackedToken(backedTokens[i]).equity();
            if (equity > 0) total += uint256(equity);
        }
    }

    function floorValue() public view returns (uint256) {
        return tokenSupplyValue() * floorBps / 10_000;
    }

    /// @notice Pays the reserve's share of a rebalance's costs, or says why it cannot.
    /// A share larger than the cushion above the floor is refused whole rather than paid in
    /// part, so the reserve never drains itself below the floor by paying costs.
    function coverCosts(uint64 rebalanceId, uint256 costValue)
        external
        returns (bool covered, uint8 reason, uint256 drawValue)
    {
        if (!backs[msg.sender]) revert NotBackedToken(msg.sender);
        uint256 mark = markPrice();
        (uint256 value, uint256 floor) = (reserveBalance.mulWad(mark), floorValue());
        _suspendBelowFloor(value, floor);
        if (suspended) return (false, SUSPENDED, 0);

        drawValue = costValue * drawShareBps / 10_000;
        if (drawValue > value - floor) return (false, CANNOT_COVER, 0);
        uint256 amount = drawValue.divWadUp(mark);
        if (amount > reserveBalance) amount = reserveBalance;
        reserveBalance -= amount;
        emit ReserveDrawn(msg.sender, rebalanceId, amount, drawValue);
        return (true, 0, drawValue);
    }

    /// @notice Sweeps the mint and redeem fees the tokens collected into the reserve, at mark.
    function allocateFees() external onlyKeeper {
        uint256 feeValue;
        for (uint256 i = 0; i < backedTokens.length; i++) {
            feeValue += IBackedToken(backedTokens[i]).collectFees();
        }
        uint256 amount = feeValue.divWad(markPrice());
        if (amount == 0) return;
        reserveBalance += amount;
        emit FeesAllocated(amount, reserveBalance);
        _resumeAboveFloor();
    }

    /// @notice Records capital a backer put in (settled off this model, relayed by the keeper).
    function injectCapital(address from, uint256 amount) external onlyKeeper {
        reserveBalance += amount;
        emit CapitalInjected(from, amount, reserveBalance);
        _resumeAboveFloor();
    }

    function publishMetrics() external onlyKeeper {
        uint256 mark = markPrice();
        uint256 value = reserveBalance.mulWad(mark);
        uint256 floor = floorValue();
        _suspendBelowFloor(value, floor);
        uint256 utilization = value == 0 ? type(uint256).max : floor * 10_000 / value;
        emit ReserveMetricsPublished(
            uint64(block.timestamp / 3600), reserveBalance, mark, value,
            tokenSupplyValue(), floor, utilization, int256(value) - int256(floor));
    }

    function _suspendBelowFloor(uint256 value, uint256 floor) private {
        if (!suspended && value < floor) {
            suspended = true;
            emit RebalancingSuspended(value, floor);
        }
    }

    /// @dev Resumption follows new money only (fees or capital), never a price move alone,
    /// so a pool hovering at its floor does not flap between states every hour.
    function _resumeAboveFloor() private {
        if (!suspended) return;
        (uint256 value, uint256 floor) = (reserveValue(), floorValue());
        if (value >= floor) {
            suspended = false;
            emit RebalancingResumed(value, floor);
        }
    }
}
