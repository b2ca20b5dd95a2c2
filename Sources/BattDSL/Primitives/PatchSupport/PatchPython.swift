/// Python built-in behaviour that the generic paths of the patch and object primitives follow.
///
/// Each primitive has a fast path for the typed cases (indices, objects, grids) and falls back to
/// a step-by-step reading of the `dsl.py` code for anything else a program can pass, built from
/// these helpers so that results and exceptions stay Python's.
enum PatchPython {
    /// The typed patch a fast path handles: a non-empty frozenset of locations or of cells.
    @inline(__always) static func typed(_ value: Value) -> Patch? {
        switch value {
        case .indices(let points): return .indices(points)
        case .object(let cells): return .object(cells)
        default: return nil
        }
    }

    /// `next(iter(value))`: nil when the container is empty.
    static func first(_ value: Value) throws -> Value? {
        switch value {
        case .pair(let a, _): return .int(a)
        case .grid(let g): return g.rowValue(0)
        case .otherTuple(let t): return t.first
        case .indices(let p): return p.first.map(Value.point)
        case .object(let c): return c.first.map(Value.cell)
        case .otherSet(let s): return s.first
        case .none, .int, .bigInt, .function: throw DSLError.typeError("'\(value.typeName)' object is not iterable")
        }
    }

    /// `isinstance(next(iter(patch))[1], tuple)`: whether a non-empty patch holds cells.
    static func holdsCells(_ patch: Value) throws -> Bool {
        guard let element = try first(patch) else { throw DSLError.stopIteration }
        return try element.pythonSubscript(1).isTuple
    }

    /// `min(items)` or `max(items)` over `project(item)`, comparing as CPython does: the first
    /// extremum wins, and projections and comparisons interleave.
    static func extremum(
        _ items: [Value], greatest: Bool, _ project: (Value) throws -> Value = { $0 }
    ) throws -> Value {
        var best: Value?
        for item in items {
            let candidate = try project(item)
            if let current = best {
                let better =
                    greatest
                    ? try Value.pythonGreater(candidate, current) : try Value.pythonLess(candidate, current)
                if better { best = candidate }
            } else {
                best = candidate
            }
        }
        guard let best else {
            throw DSLError.valueError("\(greatest ? "max" : "min")() arg is an empty sequence")
        }
        return best
    }

    /// `min(a, b)`: `b` only when `b < a`.
    static func smaller(_ a: Value, _ b: Value) throws -> Value {
        try Value.pythonLess(b, a) ? b : a
    }

    /// `max(a, b)`: `b` only when `b > a`.
    static func larger(_ a: Value, _ b: Value) throws -> Value {
        try Value.pythonGreater(b, a) ? b : a
    }

    /// `abs(value)`.
    static func absolute(_ value: Value) throws -> Value {
        switch value {
        case .int(let n) where n != Int.min: return .int(Swift.abs(n))
        case .int, .bigInt: return try Value.pythonLess(value, .int(0)) ? Value.pythonNegate(value) : value
        default: throw DSLError.typeError("bad operand type for abs(): '\(value.typeName)'")
        }
    }

    /// `zip(*items)` as a list of columns: every item must be iterable; the shortest sets the length.
    static func columns(_ items: [Value]) throws -> [[Value]] {
        let rows = try items.map { try $0.pythonElements() }
        guard let shortest = rows.map(\.count).min() else { return [] }
        return (0..<shortest).map { k in rows.map { $0[k] } }
    }

    /// `0 <= value < bound` for an int bound, with Python's error when `value` is no int.
    static func isInRange(_ value: Value, below bound: Int) throws -> Bool {
        guard case .int(let n) = value else {
            throw DSLError.typeError("'<=' not supported between instances of 'int' and '\(value.typeName)'")
        }
        return n >= 0 && n < bound
    }

    /// `value >= 0`, with Python's error when `value` is no int.
    static func isNonNegative(_ value: Value) throws -> Bool {
        guard case .int(let n) = value else {
            throw DSLError.typeError("'>=' not supported between instances of '\(value.typeName)' and 'int'")
        }
        return n >= 0
    }

    /// `x + n` and `x - n` for a small int `n`, as Python evaluates them on any value.
    static func offset(_ value: Value, by n: Int, _ context: EvaluationContext) throws -> Value {
        n >= 0
            ? try Value.pythonAdd(value, .int(n), context)
            : try Value.pythonSubtract(value, .int(-n), context)
    }

    /// How many ints `lower...upper` holds; sizes beyond any budget are refused.
    static func span(_ lower: Int, _ upper: Int) throws -> Int {
        let (difference, overflow) = upper.subtractingReportingOverflow(lower)
        if overflow || difference == Int.max { throw DSLError.budgetExceeded }
        return difference < 0 ? 0 : difference + 1
    }

    /// `value.count(target)` for a tuple; other values have no `count` method.
    static func countInTuple(_ value: Value, _ target: Value) throws -> Int {
        switch value {
        case .pair(let a, let b):
            guard case .int(let n) = target else { return 0 }
            return (a == n ? 1 : 0) + (b == n ? 1 : 0)
        case .grid(let g):
            guard target.isTuple else { return 0 }
            return (0..<g.height).reduce(0) { $0 + (g.rowValue($1) == target ? 1 : 0) }
        case .otherTuple(let t):
            return t.reduce(0) { $0 + ($1 == target ? 1 : 0) }
        default:
            throw DSLError.attributeError("'\(value.typeName)' object has no attribute 'count'")
        }
    }
}
