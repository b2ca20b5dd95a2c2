extension ContainerPrimitives {
    /// `maximum`/`minimum`: `max(container, default=0)`, the first element no later one beats.
    static func extreme(_ container: Value, greater: Bool, _ context: EvaluationContext) throws -> Value {
        switch container {
        // Locations and cells compare as Python compares their tuples, so sorted storage has the extremes at its ends.
        case .indices(let points):
            if let point = greater ? points.last : points.first { return .point(point) }
        case .object(let cells):
            if let cell = greater ? cells.last : cells.first { return .cell(cell) }
        case .pair(let a, let b):
            return .int(greater ? (b > a ? b : a) : (b < a ? b : a))
        case .otherSet(let elements):
            // Canonical order puts ints before everything but None, so int ends mean only ints.
            if case .int = elements.first, case .int = elements.last {
                if let end = greater ? elements.last : elements.first { return end }
            }
        default:
            break
        }
        let best = try PythonIteration.extremum(of: container, greater: greater, context) { $0 }
        return best?.element ?? .int(0)
    }

    /// `valmax`/`valmin`: `compfunc(max(container, key=compfunc, default=0))`.
    static func extremeKey(
        _ container: Value, _ compfunc: Value, greater: Bool, _ context: EvaluationContext
    ) throws -> Value {
        let best = try PythonIteration.extremum(of: container, greater: greater, context) { element in
            try compfunc.asFunction().call1(element, context)
        }
        // Python calls compfunc on the winner again; DSL functions are pure, so its key is that value.
        if let best { return best.key }
        return try compfunc.asFunction().call1(.int(0), context)
    }

    /// `argmax`/`argmin`: `max(container, key=compfunc)`, which raises on an empty container.
    static func extremeElement(
        _ container: Value, _ compfunc: Value, greater: Bool, _ context: EvaluationContext
    ) throws -> Value {
        let best = try PythonIteration.extremum(
            of: container, greater: greater, context, key: keyFunction(compfunc, context))
        guard let best else { throw DSLError.valueError("\(greater ? "max" : "min")() arg is an empty sequence") }
        return best.element
    }

    /// `mostcommon`/`leastcommon`: `max(set(container), key=container.count)`. The set iterates in
    /// sorted order, so among equally common elements the smallest wins. Frozensets have no `.count`.
    static func byCount(_ container: Value, most: Bool, _ context: EvaluationContext) throws -> Value {
        guard PythonIteration.isIterable(container) else { throw PythonIteration.notIterable(container) }
        guard container.isTuple else {
            throw DSLError.attributeError("'\(container.typeName)' object has no attribute 'count'")
        }
        try context.charge(container.pythonLength())
        func wins(_ count: Int, over best: Int) -> Bool { most ? count > best : count < best }
        switch container {
        case .pair(let a, let b):
            return .int(Swift.min(a, b))
        case .grid(let grid):
            var counts: [ArraySlice<Int8>: (count: Int, row: Int)] = [:]
            for i in 0..<grid.height { counts[grid.row(i), default: (0, i)].count += 1 }
            let distinct = counts.keys.sorted { $0.lexicographicallyPrecedes($1) }
            guard var best = distinct.first else { throw PythonIteration.notIterable(container) }
            for row in distinct.dropFirst() where wins(counts[row]?.count ?? 0, over: counts[best]?.count ?? 0) {
                best = row
            }
            return grid.rowValue(counts[best]?.row ?? 0)
        case .otherTuple(let elements):
            guard !elements.isEmpty else {
                throw DSLError.valueError("\(most ? "max" : "min")() arg is an empty sequence")
            }
            var counts: [Value: Int] = [:]
            for element in elements { counts[element, default: 0] += 1 }
            let distinct = Value.sortedUniqueValues(Array(counts.keys))
            guard var best = distinct.first else { throw PythonIteration.notIterable(container) }
            for element in distinct.dropFirst() where wins(counts[element] ?? 0, over: counts[best] ?? 0) {
                best = element
            }
            return best
        default:
            throw PythonIteration.notIterable(container)
        }
    }

    /// `order`: `tuple(sorted(container, key=compfunc))`.
    static func order(_ container: Value, by compfunc: Value, _ context: EvaluationContext) throws -> Value {
        let elements = try container.pythonElements()
        guard !elements.isEmpty else { return .emptyTuple }
        let key = keyFunction(compfunc, context)
        var keys: [Value] = []
        keys.reserveCapacity(elements.count)
        for element in elements {
            try context.charge(2)
            keys.append(try key(element))
        }
        let positions = try PythonSorting.sortedPositions(keys, context)
        return .tuple(positions.map { elements[$0] })
    }

    /// Python's `key=` argument: `None` means the elements themselves.
    private static func keyFunction(_ compfunc: Value, _ context: EvaluationContext) -> (Value) throws -> Value {
        if case .none = compfunc { return { $0 } }
        return { element in try compfunc.asFunction().call1(element, context) }
    }
}
