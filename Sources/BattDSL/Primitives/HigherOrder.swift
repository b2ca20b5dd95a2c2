extension Primitives {
    static let higherOrder: [Primitive] = [
        Primitive("compose", ["outer", "inner"]) { outer, inner, _ in
            .function(Function(.composed(HigherOrderPrimitives.callee(outer), HigherOrderPrimitives.callee(inner))))
        },
        Primitive("chain", ["h", "g", "f"]) { h, g, f, _ in
            .function(
                Function(
                    .chained(
                        HigherOrderPrimitives.callee(h), HigherOrderPrimitives.callee(g),
                        HigherOrderPrimitives.callee(f))))
        },
        Primitive("matcher", ["function", "target"]) { function, target, _ in
            .function(Function(.matcher(HigherOrderPrimitives.callee(function), target)))
        },
        Primitive("rbind", ["function", "fixed"]) { function, fixed, _ in
            .function(Function(.rightBound(try HigherOrderPrimitives.withArgumentCount(function), fixed)))
        },
        Primitive("lbind", ["function", "fixed"]) { function, fixed, _ in
            .function(Function(.leftBound(try HigherOrderPrimitives.withArgumentCount(function), fixed)))
        },
        Primitive("power", ["function", "n"]) { function, n, context in
            try HigherOrderPrimitives.power(function, n, context)
        },
        Primitive("fork", ["outer", "a", "b"]) { outer, a, b, _ in
            .function(
                Function(
                    .forked(
                        HigherOrderPrimitives.callee(outer, arity: 2), HigherOrderPrimitives.callee(a),
                        HigherOrderPrimitives.callee(b))))
        },
        Primitive("apply", ["function", "container"]) { function, container, context in
            try context.withFrames(2) { try HigherOrderPrimitives.apply(function, container, context) }
        },
        Primitive("rapply", ["functions", "value"]) { functions, value, context in
            try context.withFrames(2) { try HigherOrderPrimitives.rapply(functions, value, context) }
        },
        Primitive("mapply", ["function", "container"]) { function, container, context in
            // mapply's frame, then apply's and its generator expression.
            try context.withFrames(3) { try HigherOrderPrimitives.mapply(function, container, context) }
        },
        Primitive("papply", ["function", "a", "b"]) { function, a, b, context in
            try context.withFrames(2) { try HigherOrderPrimitives.papply(function, a, b, context) }
        },
        Primitive("mpapply", ["function", "a", "b"]) { function, a, b, context in
            try ContainerPrimitives.merge(
                context.withFrames(3) { try HigherOrderPrimitives.papply(function, a, b, context) }, context)
        },
        Primitive("prapply", ["function", "a", "b"]) { function, a, b, context in
            try context.withFrames(2) { try HigherOrderPrimitives.prapply(function, a, b, context) }
        },
    ]
}

enum HigherOrderPrimitives {
    /// The function to call where dsl.py builds a lambda around `value`. Python only notices that
    /// a value is not callable when the lambda calls it, so a non-function becomes a function that
    /// raises that TypeError when called.
    static func callee(_ value: Value, arity: Int = 1) -> Function {
        if case .function(let function) = value { return function }
        let name = "<\(value.typeName) \(value.shortDescription)>"
        let error = DSLError.typeError("'\(value.typeName)' object is not callable")
        if arity == 2 { return Function(Primitive(name, ["x", "y"]) { _, _, _ in throw error }) }
        return Function(Primitive(name, ["x"]) { _, _ in throw error })
    }

    /// `function.__code__`, which `rbind` and `lbind` read for the argument count.
    static func withArgumentCount(_ value: Value) throws -> Function {
        guard case .function(let function) = value else {
            throw DSLError.attributeError("'\(value.typeName)' object has no attribute '__code__'")
        }
        return function
    }

    /// `power`: `function` itself for n == 1, else `compose(function, power(function, n - 1))`,
    /// which never reaches n == 1 from below and exhausts Python's stack when n is large: its
    /// n recursive frames must fit under the recursion limit.
    static func power(_ function: Value, _ n: Value, _ context: EvaluationContext) throws -> Value {
        if n == .int(1) { return function }
        if n.isLargeInt { throw DSLError.recursion("maximum recursion depth exceeded") }
        guard case .int(let times) = n else {
            // `n - 1` raises for every other value.
            _ = try Value.pythonSubtract(n, .int(1), context)
            throw DSLError.typeError("unsupported operand type(s) for -: '\(n.typeName)' and 'int'")
        }
        guard times > 1 else { throw DSLError.recursion("maximum recursion depth exceeded") }
        try context.requireFrames(times)
        return .function(Function(.power(callee(function), times)))
    }

    /// `apply`: `type(container)(function(e) for e in container)`.
    static func apply(_ function: Value, _ container: Value, _ context: EvaluationContext) throws -> Value {
        try container.sameKindContainer(callEach(function, over: container, context))
    }

    private static func callEach(_ function: Value, over container: Value, _ context: EvaluationContext) throws
        -> [Value]
    {
        var results: [Value] = []
        if PythonIteration.isIterable(container) { results.reserveCapacity(try container.pythonLength()) }
        // Read once; a value that is no function raises at the first element, as in Python.
        let callee = function.functionIfAny
        try PythonIteration.forEach(container) { element in
            try context.charge(1)
            results.append(try (callee ?? function.asFunction()).call1(element, context))
        }
        return results
    }

    /// `rapply`: `type(functions)(function(value) for function in functions)`.
    static func rapply(_ functions: Value, _ value: Value, _ context: EvaluationContext) throws -> Value {
        var results: [Value] = []
        try PythonIteration.forEach(functions) { function in
            try context.charge(1)
            results.append(try function.asFunction().call1(value, context))
        }
        return try functions.sameKindContainer(results)
    }

    /// `mapply`: `merge(apply(function, container))`.
    static func mapply(_ function: Value, _ container: Value, _ context: EvaluationContext) throws -> Value {
        let results = try callEach(function, over: container, context)
        // Merging a frozenset of patches is their union, which needs no intermediate frozenset.
        if container.isSet, let union = try ContainerPrimitives.unionOfPatches(results, context) { return union }
        return try ContainerPrimitives.merge(container.sameKindContainer(results), context)
    }

    /// `papply`: `tuple(function(i, j) for i, j in zip(a, b))`.
    static func papply(_ function: Value, _ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        let lefts = try a.pythonElements()
        let rights = try b.pythonElements()
        let count = Swift.min(lefts.count, rights.count)
        var results: [Value] = []
        results.reserveCapacity(count)
        for k in 0..<count {
            try context.charge(1)
            results.append(try function.asFunction().call2(lefts[k], rights[k], context))
        }
        return .tuple(results)
    }

    /// `prapply`: `frozenset(function(i, j) for j in b for i in a)`; `a` is only iterated when `b` has elements.
    static func prapply(_ function: Value, _ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        let rights = try b.pythonElements()
        guard !rights.isEmpty else { return .emptySet }
        let lefts = try a.pythonElements()
        let (total, overflow) = lefts.count.multipliedReportingOverflow(by: rights.count)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(total)
        var results: [Value] = []
        results.reserveCapacity(total)
        let callee = function.functionIfAny
        for j in rights {
            for i in lefts {
                try context.charge(1)
                results.append(try (callee ?? function.asFunction()).call2(i, j, context))
            }
        }
        return .set(results)
    }
}
