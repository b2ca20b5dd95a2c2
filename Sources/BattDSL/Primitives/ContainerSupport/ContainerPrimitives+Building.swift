extension ContainerPrimitives {
    /// `repeat`: `tuple(item for i in range(num))`.
    static func repeated(_ item: Value, _ count: Int, _ context: EvaluationContext) throws -> Value {
        guard count > 0 else { return .emptyTuple }
        // Repeated rows make a grid, so a tuple item costs its length per repetition.
        let itemSize = item.isTuple ? Swift.max(1, try item.pythonLength()) : 1
        let (total, overflow) = count.multipliedReportingOverflow(by: itemSize)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(total)
        if case .int(let n) = item, count == 2 { return .pair(n, n) }
        return .tuple(Array(repeating: item, count: count))
    }

    /// `product`: `frozenset((i, j) for j in b for i in a)`; `a` is only iterated when `b` has elements.
    static func product(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        let rights = try b.pythonElements()
        guard !rights.isEmpty else { return .emptySet }
        let lefts = try a.pythonElements()
        guard !lefts.isEmpty else { return .emptySet }
        let (total, overflow) = lefts.count.multipliedReportingOverflow(by: rights.count)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(total)
        // The set is the product of the distinct elements. Pairing sorted distinct factors in (i, j)
        // order builds it in set order (tuples compare element by element), so nothing is left to
        // sort: a sort of all the pairs could not watch the clock.
        if let leftInts = intsIfAllInts(lefts), let rightInts = intsIfAllInts(rights) {
            let (firsts, seconds) = (leftInts.sortedUnique(), rightInts.sortedUnique())
            var points: [Point] = []
            points.reserveCapacity(firsts.count * seconds.count)
            for i in firsts {
                try context.tick(seconds.count)
                for j in seconds { points.append(Point(i, j)) }
            }
            return .indices(sortedUnique: points)
        }
        let (firsts, seconds) = (Value.sortedUniqueValues(lefts), Value.sortedUniqueValues(rights))
        var pairs: [Value] = []
        pairs.reserveCapacity(firsts.count * seconds.count)
        for i in firsts {
            try context.tick(seconds.count)
            for j in seconds { pairs.append(.tuple([i, j])) }
        }
        return .set(sortedUnique: pairs)
    }

    private static func intsIfAllInts(_ values: [Value]) -> [Int]? {
        var ints: [Int] = []
        ints.reserveCapacity(values.count)
        for value in values {
            guard case .int(let n) = value else { return nil }
            ints.append(n)
        }
        return ints
    }

    /// `pair`: `tuple(zip(a, b))`, as long as the shorter.
    static func zipped(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        let lefts = try a.pythonElements()
        let rights = try b.pythonElements()
        let count = Swift.min(lefts.count, rights.count)
        try context.charge(count)
        var pairs: [Value] = []
        pairs.reserveCapacity(count)
        for k in 0..<count { pairs.append(.tuple([lefts[k], rights[k]])) }
        return .tuple(pairs)
    }
}
