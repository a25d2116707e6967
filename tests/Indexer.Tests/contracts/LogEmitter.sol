// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Emits arbitrary raw logs so tests can play any contract of the public interface (registry,
/// pool, token) and also feed the indexer malformed logs: wrong topic counts, short data,
/// unknown topic0, values at the edges of uint256/int256.
contract LogEmitter {
    /// One log with 0..4 topics and any data.
    function emitLog(bytes32[] calldata topics, bytes calldata data) external {
        _emit(topics, data);
    }

    /// Several logs in one transaction (one block): topics are given flat, topicCounts[i] per log.
    function emitLogs(bytes32[] calldata topics, uint256[] calldata topicCounts, bytes[] calldata datas) external {
        uint256 t = 0;
        for (uint256 i = 0; i < datas.length; i++) {
            _emit(topics[t:t + topicCounts[i]], datas[i]);
            t += topicCounts[i];
        }
    }

    /// count logs with topics (topic0, start + i) and the same data: dense blocks for the benchmark.
    function emitDense(bytes32 topic0, uint256 start, uint256 count, bytes calldata data) external {
        assembly {
            let ptr := mload(0x40)
            calldatacopy(ptr, data.offset, data.length)
            let len := data.length
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                log2(ptr, len, topic0, add(start, i))
            }
        }
    }

    /// count logs with topics (topic0, start + i, topic2) and the same data: dense blocks of a three-topic
    /// event (Rebalanced: rebalanceId, trigger) for the benchmark.
    function emitDense3(bytes32 topic0, uint256 start, uint256 count, bytes32 topic2, bytes calldata data) external {
        assembly {
            let ptr := mload(0x40)
            calldatacopy(ptr, data.offset, data.length)
            let len := data.length
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                log3(ptr, len, topic0, add(start, i), topic2)
            }
        }
    }

    function _emit(bytes32[] calldata topics, bytes calldata data) private {
        assembly {
            let ptr := mload(0x40)
            calldatacopy(ptr, data.offset, data.length)
            let len := data.length
            let t := topics.offset
            switch topics.length
            case 0 { log0(ptr, len) }
            case 1 { log1(ptr, len, calldataload(t)) }
            case 2 { log2(ptr, len, calldataload(t), calldataload(add(t, 32))) }
            case 3 { log3(ptr, len, calldataload(t), calldataload(add(t, 32)), calldataload(add(t, 64))) }
            default { log4(ptr, len, calldataload(t), calldataload(add(t, 32)), calldataload(add(t, 64)), calldataload(add(t, 96))) }
        }
    }
}
