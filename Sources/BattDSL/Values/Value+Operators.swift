import BigInt

/// Python's operators on DSL values: `+ - * // % & | -x < >`, with Python's semantics
/// (floor division, tuple concatenation and repetition, set difference) and Python's exceptions.
/// Ints are unbounded: a result outside 64 bits becomes a big int (`LargeInt`), and back.
extension Value {
    private static func unsupported(_ op: String, _ a: Value, _ b: Value) -> DSLError {
        .typeError("unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    /// Both operands as big ints, when both are ints and one of them is beyond 64 bits.
    @usableFromInline static func largeOperands(_ a: Value, _ b: Value) -> (BigInt, BigInt)? {
        guard a.isLargeInt || b.isLargeInt, let x = a.bigIntValue, let y = b.bigIntValue else { return nil }
        return (x, y)
    }

    /// `x + y`, `x - y` and `x * y` of two big ints, refusing sizes beyond the limit before computing them.
    static func largeAdd(_ x: BigInt, _ y: BigInt, _ context: EvaluationContext) throws -> Value {
        try requireBitWidth(Swift.max(x.magnitude.bitWidth, y.magnitude.bitWidth))
        return try integer(x + y, context)
    }

    static func largeSubtract(_ x: BigInt, _ y: BigInt, _ context: EvaluationContext) throws -> Value {
        try requireBitWidth(Swift.max(x.magnitude.bitWidth, y.magnitude.bitWidth))
        return try integer(x - y, context)
    }

    static func largeMultiply(_ x: BigInt, _ y: BigInt, _ context: EvaluationContext) throws -> Value {
        if x.isZero || y.isZero { return .int(0) }
        try requireBitWidth(x.magnitude.bitWidth + y.magnitude.bitWidth - 1)
        return try integer(x * y, context)
    }

    /// Python's `x // y` and `x % y` on big ints: the quotient rounded down, the remainder with the divisor's sign.
    static func largeFloorDivision(_ x: BigInt, _ y: BigInt) throws -> (quotient: BigInt, remainder: BigInt) {
        if y.isZero { throw DSLError.zeroDivision("integer division or modulo by zero") }
        var (q, r) = x.quotientAndRemainder(dividingBy: y)
        if !r.isZero && (r.sign == .minus) != (y.sign == .minus) {
            q -= 1
            r += y
        }
        return (q, r)
    }

    /// The int result of an operation whose 64-bit result overflowed: computed again unbounded.
    @inline(never) static func widened(
        _ x: Int, _ y: Int, _ op: (BigInt, BigInt, EvaluationContext) throws -> Value, _ context: EvaluationContext
    ) throws -> Value {
        try op(BigInt(x), BigInt(y), context)
    }

    /// `a + b`.
    public static func pythonAdd(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.addingReportingOverflow(y)
            return overflow ? try widened(x, y, largeAdd, context) : .int(r)
        default:
            if case (let x, let y)? = largeOperands(a, b) { return try largeAdd(x, y, context) }
            guard a.isTuple && b.isTuple else { throw unsupported("+", a, b) }
            let (x, y) = (a.tupleElements, b.tupleElements)
            try context.charge(x.count + y.count)
            return .tuple(x + y)
        }
    }

    /// `a - b`.
    public static func pythonSubtract(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? try widened(x, y, largeSubtract, context) : .int(r)
        default:
            if case (let x, let y)? = largeOperands(a, b) { return try largeSubtract(x, y, context) }
            guard a.isSet && b.isSet else { throw unsupported("-", a, b) }
            let elements = a.setElements
            try context.charge(elements.count)
            return .set(try elements.filter { !(try b.pythonContains($0)) })
        }
    }

    /// `a * b`.
    public static func pythonMultiply(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? try widened(x, y, largeMultiply, context) : .int(r)
        case (.int(let n), _) where b.isTuple: return try repeated(b, n, context)
        case (_, .int(let n)) where a.isTuple: return try repeated(a, n, context)
        case (.bigInt(let n), _) where b.isTuple: return try repeated(b, n)
        case (_, .bigInt(let n)) where a.isTuple: return try repeated(a, n)
        default:
            if case (let x, let y)? = largeOperands(a, b) { return try largeMultiply(x, y, context) }
            throw unsupported("*", a, b)
        }
    }

    /// `tuple * n` for an n beyond 64 bits: empty when negative, else more than an index can count.
    private static func repeated(_ tuple: Value, _ times: LargeInt) throws -> Value {
        if times.value.sign == .minus { return .emptyTuple }
        throw DSLError.overflow("cannot fit 'int' into an index-sized integer")
    }

    private static func repeated(_ tuple: Value, _ times: Int, _ context: EvaluationContext) throws -> Value {
        let elements = tuple.tupleElements
        guard times > 0, !elements.isEmpty else { return .emptyTuple }
        let (total, overflow) = elements.count.multipliedReportingOverflow(by: times)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(total)
        var result: [Value] = []
        result.reserveCapacity(total)
        for _ in 0..<times { result.append(contentsOf: elements) }
        return .tuple(result)
    }

    /// `a // b`: floor division.
    public static func pythonFloorDivide(_ a: Value, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b, !(x == Int.min && y == -1) { return .int(try floorDivide(x, y)) }
        guard let x = a.bigIntValue, let y = b.bigIntValue else { throw unsupported("//", a, b) }
        // A quotient is never larger than its dividend (but for -2^63 // -1, one bit more).
        return integer(try largeFloorDivision(x, y).quotient)
    }

    /// `a % b`: the remainder with the sign of the divisor.
    public static func pythonModulo(_ a: Value, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b { return .int(try floorModulo(x, y)) }
        guard let x = a.bigIntValue, let y = b.bigIntValue else { throw unsupported("%", a, b) }
        return integer(try largeFloorDivision(x, y).remainder)
    }

    public static func floorDivide(_ x: Int, _ y: Int) throws -> Int {
        if y == 0 { throw DSLError.zeroDivision("integer division or modulo by zero") }
        if x == Int.min && y == -1 { throw DSLError.overflow("integer result of // does not fit in 64 bits") }
        let q = x / y
        return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
    }

    public static func floorModulo(_ x: Int, _ y: Int) throws -> Int {
        if y == 0 { throw DSLError.zeroDivision("integer division or modulo by zero") }
        if y == -1 { return 0 }
        let r = x % y
        return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r
    }

    /// `-a`.
    public static func pythonNegate(_ a: Value) throws -> Value {
        switch a {
        case .int(let x): return x == Int.min ? integer(-BigInt(x)) : .int(-x)
        case .bigInt(let x): return integer(-x.value)
        default: throw DSLError.typeError("bad operand type for unary -: '\(a.typeName)'")
        }
    }

    /// `a & b`: bitwise and of ints, intersection of frozensets.
    public static func pythonAnd(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return .int(x & y)
        case (.indices(let x), .indices(let y)): return .indices(sortedUnique: x.filter { y.binarySearch($0) })
        case (.object(let x), .object(let y)): return .object(of: x.filter { y.binarySearch($0) })
        default:
            if case (let x, let y)? = largeOperands(a, b) { return integer(x & y) }
            guard a.isSet && b.isSet else { throw unsupported("&", a, b) }
            return .set(try a.setElements.filter { try b.pythonContains($0) })
        }
    }

    /// `a | b`: bitwise or of ints, union of frozensets.
    public static func pythonOr(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return .int(x | y)
        case (.indices(let x), .indices(let y)):
            try context.charge(x.count + y.count)
            return .indices(of: x + y)
        default:
            if case (let x, let y)? = largeOperands(a, b) { return integer(x | y) }
            guard a.isSet && b.isSet else { throw unsupported("|", a, b) }
            let (x, y) = (a.setElements, b.setElements)
            try context.charge(x.count + y.count)
            return .set(x + y)
        }
    }

    // MARK: Comparison

    /// `a < b`: ints numerically, tuples lexicographically, frozensets by proper subset.
    public static func pythonLess(_ a: Value, _ b: Value) throws -> Bool {
        try compare(a, b, less: true)
    }

    /// `a > b`.
    public static func pythonGreater(_ a: Value, _ b: Value) throws -> Bool {
        try compare(a, b, less: false)
    }

    private static func compare(_ a: Value, _ b: Value, less: Bool) throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return less ? x < y : x > y
        case (.pair(let a0, let a1), .pair(let b0, let b1)):
            if a0 != b0 { return less ? a0 < b0 : a0 > b0 }
            return less ? a1 < b1 : a1 > b1
        default: break
        }
        if case (let x, let y)? = largeOperands(a, b) { return less ? x < y : x > y }
        if a.isTuple && b.isTuple {
            let (x, y) = (a.tupleElements, b.tupleElements)
            for k in 0..<Swift.min(x.count, y.count) where x[k] != y[k] {
                return try compare(x[k], y[k], less: less)
            }
            return less ? x.count < y.count : x.count > y.count
        }
        if a.isSet && b.isSet {
            let (small, large) = less ? (a, b) : (b, a)
            let (x, y) = (small.setElements, large.setElements)
            guard x.count < y.count else { return false }
            for element in x where !(try large.pythonContains(element)) { return false }
            return true
        }
        let op = less ? "<" : ">"
        throw DSLError.typeError("'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }
}

/// Python's `max`, `min` and `sorted` over DSL values with a key function.
public enum PythonBuiltins {
    /// `max(elements, key=key)`: the first of the largest, as CPython returns it.
    public static func max(_ elements: [Value], key: (Value) throws -> Value) throws -> Value? {
        try extremum(elements, key: key, greater: true)
    }

    /// `min(elements, key=key)`: the first of the smallest.
    public static func min(_ elements: [Value], key: (Value) throws -> Value) throws -> Value? {
        try extremum(elements, key: key, greater: false)
    }

    private static func extremum(_ elements: [Value], key: (Value) throws -> Value, greater: Bool) throws -> Value? {
        guard var best = elements.first else { return nil }
        var bestKey = try key(best)
        for element in elements.dropFirst() {
            let k = try key(element)
            let better = greater ? try Value.pythonGreater(k, bestKey) : try Value.pythonLess(k, bestKey)
            if better {
                best = element
                bestKey = k
            }
        }
        return best
    }

    /// `sorted(elements, key=key)`: stable, comparing keys with `<` only.
    public static func sorted(_ elements: [Value], key: (Value) throws -> Value) throws -> [Value] {
        let keys = try elements.map(key)
        let order = try mergeSort(Array(elements.indices)) { x, y in try Value.pythonLess(keys[x], keys[y]) }
        return order.map { elements[$0] }
    }

    private static func mergeSort(_ items: [Int], less: (Int, Int) throws -> Bool) rethrows -> [Int] {
        if items.count < 2 { return items }
        let middle = items.count / 2
        let left = try mergeSort(Array(items[..<middle]), less: less)
        let right = try mergeSort(Array(items[middle...]), less: less)
        var merged: [Int] = []
        merged.reserveCapacity(items.count)
        var (l, r) = (0, 0)
        while l < left.count && r < right.count {
            if try less(right[r], left[l]) {
                merged.append(right[r])
                r += 1
            } else {
                merged.append(left[l])
                l += 1
            }
        }
        merged.append(contentsOf: left[l...])
        merged.append(contentsOf: right[r...])
        return merged
    }
}
