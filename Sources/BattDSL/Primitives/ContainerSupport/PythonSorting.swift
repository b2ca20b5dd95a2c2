/// Python's `sorted(elements, key=...)` given the keys: a stable sort comparing keys with `<` only.
///
/// Under a total order every stable sort gives the same result, so int and pair keys take Swift's
/// sort. Other keys may be only partially ordered (frozensets compare by inclusion), and then the
/// result depends on which comparisons are made, so they go through `TimSort`, a port of CPython
/// 3.11's `list.sort`.
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
        var sort = TimSort(keys: keys, context: context)
        try sort.run()
        return sort.positions
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
}
