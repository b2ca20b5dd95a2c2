/// Python's behaviour on arbitrary values, for the generic paths of the grid primitives: what
/// `dsl.py` does when its arguments are tuples or frozensets that are neither grids nor patches.
/// Each function follows the Python expression it names, including the order of its errors.
enum GridPython {
    /// `for x in v`, charging for the elements listed.
    static func elements(_ v: Value, _ context: EvaluationContext) throws -> [Value] {
        let elements = try v.pythonElements()
        try context.charge(elements.count)
        return elements
    }

    /// `len(v[0])`.
    static func firstLength(_ v: Value) throws -> Int {
        try v.pythonSubscript(0).pythonLength()
    }

    /// `v[::-1]`.
    static func reversed(_ v: Value, _ context: EvaluationContext) throws -> Value {
        try context.charge(try v.pythonLength())
        return try v.pythonSlice(nil, nil, step: -1)
    }

    /// `v[start:stop]` with program values as bounds.
    static func slice(_ v: Value, _ start: Value, _ stop: Value, _ context: EvaluationContext) throws -> Value {
        guard v.isTuple else { throw DSLError.typeError("'\(v.typeName)' object is not subscriptable") }
        guard let lower = sliceBound(start), let upper = sliceBound(stop) else {
            throw DSLError.typeError("slice indices must be integers or None or have an __index__ method")
        }
        try context.charge(try v.pythonLength())
        return try v.pythonSlice(lower, upper)
    }

    /// An int as a slice bound: one beyond 64 bits saturates, which slices as Python's clamping does.
    static func sliceBound(_ bound: Value) -> Int? {
        switch bound {
        case .int(let n): return n
        case .bigInt(let big): return big.value.sign == .minus ? Int.min : Int.max
        default: return nil
        }
    }

    /// `start + length` as a slice bound. Ints saturate, which slices exactly as Python's big ints
    /// would since slicing clamps; other operands fail as Python's `+` does.
    static func sliceStop(_ start: Value, _ length: Value, _ context: EvaluationContext) throws -> Value {
        if case .int(let s) = start, case .int(let n) = length { return .int(GridShapes.saturatingAdd(s, n)) }
        return try Value.pythonAdd(start, length, context)
    }

    /// The columns `zip(*v)` yields, each as the list of its items.
    static func transposed(_ v: Value, _ context: EvaluationContext) throws -> [[Value]] {
        let rows = try elements(v, context).map { row in try elements(row, context) }
        guard let shortest = rows.map(\.count).min() else { return [] }
        try context.charge(shortest * rows.count)
        return (0..<shortest).map { k in rows.map { $0[k] } }
    }

    /// `tuple(zip(*v))`.
    static func zipStar(_ v: Value, _ context: EvaluationContext) throws -> Value {
        .tuple(try transposed(v, context).map(Value.tuple))
    }

    /// `x` when `0 <= x < bound` holds, nil when it does not, Python's error when `x` is no int.
    static func index(_ x: Value, below bound: Int) throws -> Int? {
        guard case .int(let n) = x else {
            if x.isLargeInt { return nil }
            throw DSLError.typeError("'<=' not supported between instances of 'int' and '\(x.typeName)'")
        }
        return n >= 0 && n < bound ? n : nil
    }

    /// `range(n)` as a count of iterations.
    static func rangeCount(_ n: Value) throws -> Int {
        max(try n.asInt(), 0)
    }

    /// Each row's items as a mutable list.
    static func mutableRows(_ grid: Value, _ context: EvaluationContext) throws -> [[Value]] {
        try elements(grid, context).map { row in try elements(row, context) }
    }

    /// Lists of items back into a tuple of tuples.
    static func tupleOfRows(_ rows: [[Value]]) -> Value {
        .tuple(rows.map(Value.tuple))
    }

    // MARK: Patch functions of dsl.py, generically

    /// Whether a non-empty patch holds cells: its first element's second item is a tuple.
    static func holdsCells(_ v: Value) throws -> Bool {
        guard let first = try v.pythonElements().first else { throw DSLError.stopIteration }
        return try first.pythonSubscript(1).isTuple
    }

    /// `toindices(patch)`.
    static func toIndices(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        switch patch {
        case .indices: return patch
        case .object(let cells): return .indices(of: cells.map(\.point))
        default: break
        }
        if try patch.pythonLength() == 0 { return .emptySet }
        guard try holdsCells(patch) else { return patch }
        return .set(try elements(patch, context).map { try $0.unpackTwo().1 })
    }

    /// `ulcorner(patch)`: the smallest item in each position.
    static func ulcorner(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        try corner(patch, context, smallest: true)
    }

    /// `lrcorner(patch)`: the largest item in each position.
    static func lrcorner(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        try corner(patch, context, smallest: false)
    }

    private static func corner(_ patch: Value, _ context: EvaluationContext, smallest: Bool) throws -> Value {
        let columns = try transposed(toIndices(patch, context), context)
        return .tuple(
            try columns.map { column in
                let best = smallest ? try PythonBuiltins.min(column) { $0 } : try PythonBuiltins.max(column) { $0 }
                guard let best else { throw DSLError.valueError("min() arg is an empty sequence") }
                return best
            })
    }

    /// `shape(piece)`: its height and width.
    static func shape(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        .tuple([try extent(piece, context, rows: true), try extent(piece, context, rows: false)])
    }

    /// `height(piece)` or `width(piece)`: a tuple's length (or its first item's), a patch's span.
    private static func extent(_ piece: Value, _ context: EvaluationContext, rows: Bool) throws -> Value {
        if try piece.pythonLength() == 0 { return .int(0) }
        if piece.isTuple { return .int(rows ? try piece.pythonLength() : try firstLength(piece)) }
        let positions = try elements(toIndices(piece, context), context).map { location in
            let (i, j) = try location.unpackTwo()
            return rows ? i : j
        }
        guard let last = try PythonBuiltins.max(positions, key: { $0 }),
            let first = try PythonBuiltins.min(positions, key: { $0 })
        else {
            throw DSLError.valueError("max() arg is an empty sequence")
        }
        return try Value.pythonAdd(Value.pythonSubtract(last, first, context), .int(1), context)
    }

    /// `shift(patch, directions)`.
    static func shift(_ patch: Value, _ directions: Value, _ context: EvaluationContext) throws -> Value {
        if try patch.pythonLength() == 0 { return patch }
        let (di, dj) = try directions.unpackTwo()
        let cells = try holdsCells(patch)
        return .set(
            try elements(patch, context).map { element in
                if cells {
                    let (value, location) = try element.unpackTwo()
                    let (i, j) = try location.unpackTwo()
                    return .tuple([
                        value, .tuple([try Value.pythonAdd(i, di, context), try Value.pythonAdd(j, dj, context)]),
                    ])
                }
                let (i, j) = try element.unpackTwo()
                return .tuple([try Value.pythonAdd(i, di, context), try Value.pythonAdd(j, dj, context)])
            })
    }

    /// `mostcolor(element)`: the most frequent value, the first in set order among ties.
    static func mostColor(_ element: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let grid) = element, grid.width > 0 { return .int(grid.mostColor) }
        var values: [Value] = []
        if element.isTuple {
            for row in try elements(element, context) { values += try elements(row, context) }
        } else {
            values = try elements(element, context).map { try $0.unpackTwo().0 }
        }
        var counts: [Value: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: (value: Value, count: Int)?
        for value in Value.sortedUniqueValues(values) {
            let count = counts[value] ?? 0
            if best == nil || count > best?.count ?? 0 { best = (value, count) }
        }
        guard let best else { throw DSLError.valueError("max() arg is an empty sequence") }
        return best.value
    }
}
