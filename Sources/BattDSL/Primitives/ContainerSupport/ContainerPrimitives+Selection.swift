extension ContainerPrimitives {
    /// `sfilter`: `type(container)(e for e in container if condition(e))`.
    static func sfilter(_ container: Value, _ condition: Value, _ context: EvaluationContext) throws -> Value {
        // Read once; a condition that is no function raises at the first element, as in Python.
        let function = condition.functionIfAny
        return try PythonIteration.filtered(container, context) { element in
            try (function ?? condition.asFunction()).call1(element, context).isTruthy
        }
    }

    /// `extract`: the first element satisfying `condition`; StopIteration when there is none.
    static func extract(_ container: Value, _ condition: Value, _ context: EvaluationContext) throws -> Value {
        let found = try PythonIteration.first(in: container) { element in
            try context.charge(1)
            return try condition.asFunction().call1(element, context).isTruthy
        }
        guard let found else { throw DSLError.stopIteration }
        return found
    }

    /// `totuple`: `tuple(container)`, a frozenset's elements in their sorted order.
    static func totuple(_ container: Value, _ context: EvaluationContext) throws -> Value {
        if container.isTuple { return container }
        let elements = try container.pythonElements()
        try context.charge(elements.count)
        return .tuple(elements)
    }

    /// `first`: `next(iter(container))`; a frozenset's smallest element.
    static func first(_ container: Value) throws -> Value {
        switch container {
        case .pair(let a, _): return .int(a)
        case .grid(let grid): return grid.rowValue(0)
        case .indices(let points): if let point = points.first { return .point(point) }
        case .object(let cells): if let cell = cells.first { return .cell(cell) }
        case .otherTuple(let elements), .otherSet(let elements): if let element = elements.first { return element }
        case .none, .int, .bigInt, .function: throw PythonIteration.notIterable(container)
        }
        throw DSLError.stopIteration
    }

    /// `last`: `max(enumerate(container))[1]`, the element iterated last (a frozenset's largest).
    static func last(_ container: Value) throws -> Value {
        switch container {
        case .pair(_, let b): return .int(b)
        case .grid(let grid): return grid.rowValue(grid.height - 1)
        case .indices(let points): if let point = points.last { return .point(point) }
        case .object(let cells): if let cell = cells.last { return .cell(cell) }
        case .otherTuple(let elements), .otherSet(let elements): if let element = elements.last { return element }
        case .none, .int, .bigInt, .function: throw PythonIteration.notIterable(container)
        }
        throw DSLError.valueError("max() arg is an empty sequence")
    }

    /// `sizefilter`: `frozenset(item for item in container if len(item) == n)`.
    static func sizefilter(_ container: Value, _ n: Value, _ context: EvaluationContext) throws -> Value {
        switch container {
        case .indices, .object:
            // Every location and every cell is a 2-tuple.
            return n == .int(2) ? container : .emptySet
        case .otherSet(let members):
            var kept: [Value] = []
            for member in members {
                try context.charge(1)
                if try Value.int(member.pythonLength()) == n { kept.append(member) }
            }
            return kept.count == members.count ? container : PythonIteration.setKeepingOrder(kept)
        default:
            var kept: [Value] = []
            try PythonIteration.forEach(container) { item in
                try context.charge(1)
                if try Value.int(item.pythonLength()) == n { kept.append(item) }
            }
            return .set(kept)
        }
    }
}
