/// Python's iteration protocol over DSL values (`for e in container`, generator filters, `max`/`min`
/// with a key), walking the typed containers without first converting them to `[Value]`.
enum PythonIteration {
    /// Python's error for iterating a value that is no container.
    static func notIterable(_ value: Value) -> DSLError {
        .typeError("'\(value.typeName)' object is not iterable")
    }

    static func isIterable(_ value: Value) -> Bool {
        value.isTuple || value.isSet
    }

    /// Calls `body` with each element `for e in container` visits, in order (frozensets sorted).
    static func forEach(_ container: Value, _ body: (Value) throws -> Void) throws {
        switch container {
        case .pair(let a, let b):
            try body(.int(a))
            try body(.int(b))
        case .grid(let grid):
            for i in 0..<grid.height { try body(grid.rowValue(i)) }
        case .otherTuple(let elements), .otherSet(let elements):
            for element in elements { try body(element) }
        case .indices(let points):
            for point in points { try body(.point(point)) }
        case .object(let cells):
            for cell in cells { try body(.cell(cell)) }
        case .none, .int, .bigInt, .function:
            throw notIterable(container)
        }
    }

    /// `next(e for e in container if matches(e))`, or nil when no element matches.
    static func first(in container: Value, where matches: (Value) throws -> Bool) throws -> Value? {
        switch container {
        case .pair(let a, let b):
            if try matches(.int(a)) { return .int(a) }
            return try matches(.int(b)) ? .int(b) : nil
        case .grid(let grid):
            for i in 0..<grid.height {
                let row = grid.rowValue(i)
                if try matches(row) { return row }
            }
            return nil
        case .otherTuple(let elements), .otherSet(let elements):
            return try elements.first(where: matches)
        case .indices(let points):
            return try points.lazy.map(Value.point).first(where: matches)
        case .object(let cells):
            return try cells.lazy.map(Value.cell).first(where: matches)
        case .none, .int, .bigInt, .function:
            throw notIterable(container)
        }
    }

    /// `type(container)(e for e in container if keep(e))`, charging one unit per element visited.
    static func filtered(
        _ container: Value, _ context: EvaluationContext, keep: (Value) throws -> Bool
    ) throws -> Value {
        switch container {
        case .indices(let points):
            var kept: [Point] = []
            for point in points {
                try context.charge(1)
                if try keep(.point(point)) { kept.append(point) }
            }
            return kept.count == points.count ? container : .indices(sortedUnique: kept)
        case .object(let cells):
            var kept: [Cell] = []
            for cell in cells {
                try context.charge(1)
                if try keep(.cell(cell)) { kept.append(cell) }
            }
            if kept.count == cells.count { return container }
            return object(sortedUnique: kept)
        case .otherSet(let elements):
            var kept: [Value] = []
            for element in elements {
                try context.charge(1)
                if try keep(element) { kept.append(element) }
            }
            return kept.count == elements.count ? container : setKeepingOrder(kept)
        case .grid(let grid):
            var keptRows: [Int] = []
            for i in 0..<grid.height {
                try context.charge(1)
                if try keep(grid.rowValue(i)) { keptRows.append(i) }
            }
            if keptRows.count == grid.height { return container }
            return Value.grid(orEmpty: gridOfRows(keptRows, of: grid))
        case .pair, .otherTuple:
            var kept: [Value] = []
            try forEach(container) { element in
                try context.charge(1)
                if try keep(element) { kept.append(element) }
            }
            return .tuple(kept)
        case .none, .int, .bigInt, .function:
            throw notIterable(container)
        }
    }

    /// A frozenset of elements that are already in canonical order and unique: a selection from one.
    static func setKeepingOrder(_ elements: [Value]) -> Value {
        if elements.isEmpty { return .emptySet }
        // Without any tuple among them the set can be neither indices nor an object.
        if elements.contains(where: { !$0.isTuple }) { return .otherSet(elements) }
        return .set(sortedUnique: elements)
    }

    /// CPython's `max(container, key=key)` (`greater`) or `min(...)`: the first element whose key beats
    /// every earlier key under `>` (`<` for min). Nil for an empty container.
    static func extremum(
        of container: Value, greater: Bool, _ context: EvaluationContext, key: (Value) throws -> Value
    ) throws -> (element: Value, key: Value)? {
        var best: (element: Value, key: Value)?
        try forEach(container) { element in
            try context.charge(1)
            let elementKey = try key(element)
            guard let current = best else {
                best = (element, elementKey)
                return
            }
            if try beats(elementKey, current.key, greater: greater) { best = (element, elementKey) }
        }
        return best
    }

    /// `candidate > incumbent` (or `<`), with a fast path for ints.
    @inline(__always) static func beats(_ candidate: Value, _ incumbent: Value, greater: Bool) throws -> Bool {
        if case .int(let x) = candidate, case .int(let y) = incumbent { return greater ? x > y : x < y }
        return greater ? try Value.pythonGreater(candidate, incumbent) : try Value.pythonLess(candidate, incumbent)
    }

    /// The grid made of the given rows of `grid`, in the given order; nil when no row is given.
    static func gridOfRows(_ rows: [Int], of grid: Grid) -> Grid? {
        guard !rows.isEmpty else { return nil }
        var cells: [Int8] = []
        cells.reserveCapacity(rows.count * grid.width)
        for i in rows { cells.append(contentsOf: grid.row(i)) }
        return Grid(height: rows.count, width: grid.width, cells: cells)
    }

    /// The cell a value is when it has the shape `(color, (i, j))`, as members of objects do.
    static func cellShape(_ value: Value) -> Cell? {
        guard case .otherTuple(let items) = value, items.count == 2, case .int(let color) = items[0],
            case .pair(let i, let j) = items[1]
        else { return nil }
        return Cell(color, i, j)
    }

    /// A frozenset of cells already sorted and unique (a selection from an object).
    static func object(sortedUnique cells: [Cell]) -> Value {
        cells.isEmpty ? .emptySet : .object(cells)
    }
}
