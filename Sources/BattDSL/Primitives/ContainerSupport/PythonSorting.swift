/// Python's `sorted(elements, key=...)` given the keys: a stable sort comparing keys with `<` only.
///
/// Under a total order every stable sort gives the same result, so int and pair keys take Swift's
/// sort. Other keys (tuples, frozensets ordered by inclusion) follow CPython 3.11's own sequence of
/// comparisons for lists shorter than 64 (a run count, then binary insertion), which decides the
/// result when keys are only partially ordered; longer lists use a stable merge sort.
enum PythonSorting {
    /// The positions of `keys` in sorted order.
    static func sortedPositions(_ keys: [Value], _ context: EvaluationContext) throws -> [Int] {
        let count = keys.count
        if count < 2 { return Array(0..<count) }
        if let ints = intKeys(keys) {
            return (0..<count).sorted { x, y in ints[x] != ints[y] ? ints[x] < ints[y] : x < y }
        }
        if let pairs = pairKeys(keys) {
            return (0..<count).sorted { x, y in pairs[x] != pairs[y] ? pairs[x] < pairs[y] : x < y }
        }
        if count < 64 { return try binaryInsertionSort(keys) }
        return try mergeSort(keys, context)
    }

    private static func intKeys(_ keys: [Value]) -> [Int]? {
        var ints: [Int] = []
        ints.reserveCapacity(keys.count)
        for key in keys {
            guard case .int(let n) = key else { return nil }
            ints.append(n)
        }
        return ints
    }

    private static func pairKeys(_ keys: [Value]) -> [Point]? {
        var pairs: [Point] = []
        pairs.reserveCapacity(keys.count)
        for key in keys {
            guard case .pair(let a, let b) = key else { return nil }
            pairs.append(Point(a, b))
        }
        return pairs
    }

    /// CPython's `count_run` followed by `binarysort`, the whole of `list.sort` below 64 elements.
    private static func binaryInsertionSort(_ originalKeys: [Value]) throws -> [Int] {
        var keys = originalKeys
        var positions = Array(0..<keys.count)
        var runLength = 2
        if try Value.pythonLess(keys[1], keys[0]) {
            while runLength < keys.count, try Value.pythonLess(keys[runLength], keys[runLength - 1]) { runLength += 1 }
            // A strictly descending run is reversed in place, which keeps the sort stable.
            keys[0..<runLength].reverse()
            positions[0..<runLength].reverse()
        } else {
            while runLength < keys.count, !(try Value.pythonLess(keys[runLength], keys[runLength - 1])) { runLength += 1 }
        }
        for start in runLength..<keys.count {
            let pivotKey = keys[start]
            let pivotPosition = positions[start]
            var low = 0
            var high = start
            repeat {
                let middle = low + (high - low) >> 1
                if try Value.pythonLess(pivotKey, keys[middle]) { high = middle } else { low = middle + 1 }
            } while low < high
            var k = start
            while k > low {
                keys[k] = keys[k - 1]
                positions[k] = positions[k - 1]
                k -= 1
            }
            keys[low] = pivotKey
            positions[low] = pivotPosition
        }
        return positions
    }

    /// A bottom-up stable merge sort: an element of the right run goes first only when strictly less.
    private static func mergeSort(_ keys: [Value], _ context: EvaluationContext) throws -> [Int] {
        var positions = Array(0..<keys.count)
        var buffer = positions
        var width = 1
        while width < keys.count {
            var start = 0
            while start < keys.count {
                let middle = min(start + width, keys.count)
                let end = min(start + 2 * width, keys.count)
                var (left, right, out) = (start, middle, start)
                while left < middle && right < end {
                    try context.charge(1)
                    if try Value.pythonLess(keys[positions[right]], keys[positions[left]]) {
                        buffer[out] = positions[right]
                        right += 1
                    } else {
                        buffer[out] = positions[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle { buffer[out] = positions[left]; left += 1; out += 1 }
                while right < end { buffer[out] = positions[right]; right += 1; out += 1 }
                start = end
            }
            swap(&positions, &buffer)
            width *= 2
        }
        return positions
    }
}
