extension Primitives {
    static let arithmetic: [Primitive] = [
        Primitive("identity", ["x"]) { x, _ in x },
        Primitive("add", ["a", "b"]) { a, b, context in try NumericalDispatch.combine(a, b, .add, context) },
        Primitive("subtract", ["a", "b"]) { a, b, context in try NumericalDispatch.combine(a, b, .subtract, context) },
        Primitive("multiply", ["a", "b"]) { a, b, context in try NumericalDispatch.combine(a, b, .multiply, context) },
        Primitive("divide", ["a", "b"]) { a, b, context in try NumericalDispatch.combine(a, b, .floorDivide, context) },
        Primitive("invert", ["n"]) { n, _ in
            try NumericalDispatch.map(n, { $0 == Int.min ? nil : -$0 }, Value.pythonNegate)
        },
        Primitive("even", ["n"]) { n, _ in
            if case .int(let x) = n { return .bool(x & 1 == 0) }
            return .bool(try Value.pythonModulo(n, .int(2)) == .int(0))
        },
        Primitive("double", ["n"]) { n, context in
            try NumericalDispatch.map(
                n, { NumericalDispatch.exact($0.multipliedReportingOverflow(by: 2)) },
                { try Value.pythonMultiply($0, .int(2), context) })
        },
        Primitive("halve", ["n"]) { n, _ in
            try NumericalDispatch.map(n, { $0 >> 1 }, { try Value.pythonFloorDivide($0, .int(2)) })
        },
        Primitive("increment", ["x"]) { x, context in
            try NumericalDispatch.map(
                x, { NumericalDispatch.exact($0.addingReportingOverflow(1)) },
                { try Value.pythonAdd($0, .int(1), context) })
        },
        Primitive("decrement", ["x"]) { x, context in
            try NumericalDispatch.map(
                x, { NumericalDispatch.exact($0.subtractingReportingOverflow(1)) },
                { try Value.pythonSubtract($0, .int(1), context) })
        },
        Primitive("crement", ["x"]) { x, context in
            try NumericalDispatch.map(x, NumericalDispatch.crement, { try NumericalDispatch.crement($0, context) })
        },
        Primitive("sign", ["x"]) { x, _ in
            try NumericalDispatch.map(x, { $0.signum() }, NumericalDispatch.sign)
        },
        Primitive("positive", ["x"]) { x, _ in
            if case .int(let n) = x { return .bool(n > 0) }
            return .bool(try Value.pythonGreater(x, .int(0)))
        },
        Primitive("toivec", ["i"]) { i, _ in .tuple([i, .int(0)]) },
        Primitive("tojvec", ["j"]) { j, _ in .tuple([.int(0), j]) },
        Primitive("astuple", ["a", "b"]) { a, b, _ in .tuple([a, b]) },
        Primitive("interval", ["start", "stop", "step"]) { start, stop, step, context in
            try NumericalDispatch.interval(start.asInt(), stop.asInt(), step.asInt(), context)
        },
        Primitive("greater", ["a", "b"]) { a, b, _ in
            if case .int(let x) = a, case .int(let y) = b { return .bool(x > y) }
            return .bool(try Value.pythonGreater(a, b))
        },
    ]
}

/// dsl.py's `Numerical` arguments: an int, or a tuple treated as a 2-vector.
enum NumericalDispatch {
    enum Operator {
        case add, subtract, multiply, floorDivide

        /// The result on two ints when it fits in 64 bits; nil when only a big int holds it.
        @inline(__always) func ints(_ x: Int, _ y: Int) throws -> Int? {
            switch self {
            case .add: return NumericalDispatch.exact(x.addingReportingOverflow(y))
            case .subtract: return NumericalDispatch.exact(x.subtractingReportingOverflow(y))
            case .multiply: return NumericalDispatch.exact(x.multipliedReportingOverflow(by: y))
            case .floorDivide:
                if x == Int.min && y == -1 { return nil }
                return try Value.floorDivide(x, y)
            }
        }

        func values(_ x: Value, _ y: Value, _ context: EvaluationContext) throws -> Value {
            switch self {
            case .add: return try Value.pythonAdd(x, y, context)
            case .subtract: return try Value.pythonSubtract(x, y, context)
            case .multiply: return try Value.pythonMultiply(x, y, context)
            case .floorDivide: return try Value.pythonFloorDivide(x, y)
            }
        }
    }

    /// `add`/`subtract`/`multiply`/`divide`: int with int; tuple with tuple on the first two elements;
    /// int with each of a tuple's first two elements; otherwise `a[0]` and `a[1]` with `b`.
    /// Anything else follows Python's operators on the elements, errors included.
    static func combine(_ a: Value, _ b: Value, _ op: Operator, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if let r = try op.ints(x, y) { return .int(r) }
        case (.pair(let a0, let a1), .pair(let b0, let b1)):
            if let r0 = try op.ints(a0, b0), let r1 = try op.ints(a1, b1) { return .pair(r0, r1) }
        case (.int(let x), .pair(let b0, let b1)):
            if let r0 = try op.ints(x, b0), let r1 = try op.ints(x, b1) { return .pair(r0, r1) }
        case (.pair(let a0, let a1), .int(let y)):
            if let r0 = try op.ints(a0, y), let r1 = try op.ints(a1, y) { return .pair(r0, r1) }
        default:
            break
        }
        // Big ints, and everything else, follow dsl.py's isinstance tests on Python's operators.
        if a.isInt && b.isInt { return try op.values(a, b, context) }
        if a.isTuple && b.isTuple {
            let first = try op.values(a.pythonSubscript(0), b.pythonSubscript(0), context)
            return .tuple([first, try op.values(a.pythonSubscript(1), b.pythonSubscript(1), context)])
        }
        if a.isInt && b.isTuple {
            let first = try op.values(a, b.pythonSubscript(0), context)
            return .tuple([first, try op.values(a, b.pythonSubscript(1), context)])
        }
        let first = try op.values(a.pythonSubscript(0), b, context)
        return .tuple([first, try op.values(a.pythonSubscript(1), b, context)])
    }

    /// `f(n) if isinstance(n, int) else (f(n[0]), f(n[1]))`, with `onInt` as the fast path of
    /// `onValue` (nil where the result needs a big int).
    @inline(__always) static func map(
        _ n: Value, _ onInt: (Int) throws -> Int?, _ onValue: (Value) throws -> Value
    ) throws -> Value {
        switch n {
        case .int(let x):
            if let r = try onInt(x) { return .int(r) }
            return try onValue(n)
        case .pair(let x, let y):
            if let r0 = try onInt(x), let r1 = try onInt(y) { return .pair(r0, r1) }
            return .tuple([try onValue(.int(x)), try onValue(.int(y))])
        case .bigInt:
            return try onValue(n)
        default:
            let first = try onValue(n.pythonSubscript(0))
            return .tuple([first, try onValue(n.pythonSubscript(1))])
        }
    }

    /// A 64-bit result, or nil when it overflowed.
    @inline(__always) static func exact(_ result: (partialValue: Int, overflow: Bool)) -> Int? {
        result.overflow ? nil : result.partialValue
    }

    /// `0 if x == 0 else (x + 1 if x > 0 else x - 1)`, nil where the result needs a big int.
    static func crement(_ x: Int) -> Int? {
        x == 0 ? 0 : (x > 0 ? exact(x.addingReportingOverflow(1)) : exact(x.subtractingReportingOverflow(1)))
    }

    static func crement(_ x: Value, _ context: EvaluationContext) throws -> Value {
        if x == .int(0) { return .int(0) }
        if try Value.pythonGreater(x, .int(0)) { return try Value.pythonAdd(x, .int(1), context) }
        return try Value.pythonSubtract(x, .int(1), context)
    }

    /// `0 if x == 0 else (1 if x > 0 else -1)`.
    static func sign(_ x: Value) throws -> Value {
        if x == .int(0) { return .int(0) }
        return .int(try Value.pythonGreater(x, .int(0)) ? 1 : -1)
    }

    /// `tuple(range(start, stop, step))`.
    static func interval(_ start: Int, _ stop: Int, _ step: Int, _ context: EvaluationContext) throws -> Value {
        guard step != 0 else { throw DSLError.valueError("range() arg 3 must not be zero") }
        // The distance is exact as an unsigned wrapping difference, even where `stop - start` overflows Int.
        let distance: UInt
        if step > 0 {
            guard start < stop else { return .emptyTuple }
            distance = UInt(bitPattern: stop &- start)
        } else {
            guard start > stop else { return .emptyTuple }
            distance = UInt(bitPattern: start &- stop)
        }
        let length = (distance - 1) / step.magnitude + 1
        guard length <= UInt(Int.max) else { throw DSLError.budgetExceeded }
        let count = Int(length)
        try context.reserve(count)
        var values: [Value] = []
        values.reserveCapacity(count)
        var value = start
        for _ in 0..<count {
            values.append(.int(value))
            value &+= step
        }
        return .tuple(values)
    }
}
