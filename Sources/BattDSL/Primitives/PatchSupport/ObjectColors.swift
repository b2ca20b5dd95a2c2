/// Colours of grids and objects: `mostcolor`, `leastcolor`, `colorcount`, `colorfilter`,
/// `palette`, `numcolors`, `color`.
///
/// As in `dsl.py`, a tuple's colours are the items of its rows and any other container's colours
/// are the first items of its elements, so an object yields cell colours and indices yield rows.
enum ObjectColors {
    /// How often each colour occurs, in ascending colour order.
    private static func colorRuns(_ element: Value) -> [(color: Int, count: Int)]? {
        switch element {
        case .grid(let g):
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
                counts.initialize(repeating: 0)
                for v in g.cells { counts[Int(v) + 128] += 1 }
                return (0..<256).compactMap { counts[$0] > 0 ? (color: $0 - 128, count: counts[$0]) : nil }
            }
        case .object(let cells):
            return runs(cells.lazy.map(\.color))
        case .indices(let points):
            return runs(points.lazy.map(\.i))
        default:
            return nil
        }
    }

    /// Lengths of the runs of equal keys, which are sorted so that equal keys are adjacent.
    private static func runs<S: Sequence<Int>>(_ keys: S) -> [(color: Int, count: Int)] {
        var result: [(color: Int, count: Int)] = []
        for key in keys {
            if let last = result.last, last.color == key {
                result[result.count - 1].count += 1
            } else {
                result.append((key, 1))
            }
        }
        return result
    }

    /// `[v for r in element for v in r]` for a tuple, `[v for v, _ in element]` otherwise.
    static func colorValues(_ element: Value, _ context: EvaluationContext) throws -> [Value] {
        var values: [Value] = []
        if element.isTuple {
            for row in try element.pythonElements() {
                let items = try row.pythonElements()
                try context.charge(items.count)
                values.append(contentsOf: items)
            }
        } else {
            let items = try element.pythonElements()
            try context.charge(items.count)
            for item in items { values.append(try item.unpackTwo().0) }
        }
        return values
    }

    /// `mostcolor` (`most`) or `leastcolor`: ties go to the first colour in set order, the smallest.
    static func extremeColor(_ element: Value, most: Bool, _ context: EvaluationContext) throws -> Value {
        let empty = DSLError.valueError("\(most ? "max" : "min")() arg is an empty sequence")
        if let runs = colorRuns(element) {
            guard var best = runs.first else { throw empty }
            for run in runs.dropFirst() where most ? run.count > best.count : run.count < best.count { best = run }
            return .int(best.color)
        }
        let values = try colorValues(element, context)
        var counts: [Value: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: (value: Value, count: Int)?
        for value in try Value.set(values).pythonElements() {
            let count = counts[value, default: 0]
            if let current = best, most ? count <= current.count : count >= current.count { continue }
            best = (value, count)
        }
        guard let best else { throw empty }
        return best.value
    }

    /// `colorcount(element, value)`.
    static func colorCount(_ element: Value, _ value: Value, _ context: EvaluationContext) throws -> Value {
        switch (element, value) {
        case (.grid(let g), .int(let n)):
            guard let small = Int8(exactly: n) else { return .int(0) }
            return .int(g.cells.reduce(0) { $0 + ($1 == small ? 1 : 0) })
        case (.object(let cells), .int(let n)):
            return .int(cells.reduce(0) { $0 + ($1.color == n ? 1 : 0) })
        default:
            break
        }
        var total = 0
        if element.isTuple {
            for row in try element.pythonElements() { total += try PatchPython.countInTuple(row, value) }
        } else {
            let items = try element.pythonElements()
            try context.charge(items.count)
            for item in items where try item.unpackTwo().0 == value { total += 1 }
        }
        return .int(total)
    }

    /// `colorfilter(objs, value)`: the members whose first cell has colour `value`.
    static func colorFilter(_ objects: Value, _ value: Value, _ context: EvaluationContext) throws -> Value {
        if case .otherSet(let members) = objects {
            var kept: [Value] = []
            var allObjects = true
            for member in members {
                guard case .object(let cells) = member, let first = cells.first else {
                    allObjects = false
                    break
                }
                if Value.int(first.color) == value { kept.append(member) }
            }
            // A subset of a canonical set keeps its order.
            if allObjects { return .otherSet(kept) }
        }
        let members = try objects.pythonElements()
        try context.charge(members.count)
        return .set(
            try members.filter { member in
                // `next` on an empty member ends the generator: Python reports a RuntimeError.
                guard let first = try PatchPython.first(member) else { throw DSLError.stopIteration }
                return try first.pythonSubscript(0) == value
            })
    }

    /// `palette(element)`: the set of colours.
    static func palette(_ element: Value, _ context: EvaluationContext) throws -> Value {
        if let runs = colorRuns(element) {
            return runs.isEmpty ? .emptySet : .otherSet(runs.map { .int($0.color) })
        }
        return .set(try colorValues(element, context))
    }

    /// `numcolors(element)`: how many colours.
    static func colorTotal(_ element: Value, _ context: EvaluationContext) throws -> Value {
        if let runs = colorRuns(element) { return .int(runs.count) }
        return .int(try palette(element, context).pythonLength())
    }

    /// `color(obj)`: the first item of the first element; an object's smallest colour.
    static func color(_ object: Value) throws -> Value {
        switch object {
        case .object(let cells): if let first = cells.first { return .int(first.color) }
        case .indices(let points): if let first = points.first { return .int(first.i) }
        default: break
        }
        guard let first = try PatchPython.first(object) else { throw DSLError.stopIteration }
        return try first.pythonSubscript(0)
    }
}
