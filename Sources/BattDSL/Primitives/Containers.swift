extension Primitives {
    static let containers: [Primitive] = [
        Primitive("contained", ["value", "container"]) { value, container, _ in
            .bool(try container.pythonContains(value))
        },
        Primitive("combine", ["a", "b"]) { a, b, context in try ContainerPrimitives.combine(a, b, context) },
        Primitive("intersection", ["a", "b"]) { a, b, context in try ContainerPrimitives.intersection(a, b, context) },
        Primitive("difference", ["a", "b"]) { a, b, context in try ContainerPrimitives.difference(a, b, context) },
        Primitive("dedupe", ["tup"]) { tup, context in try ContainerPrimitives.dedupe(tup, context) },
        Primitive("order", ["container", "compfunc"]) { container, compfunc, context in
            // Its frame, and two that CPython 3.11 counts for sorted calling the key.
            try context.withFrames(3) { try ContainerPrimitives.order(container, by: compfunc, context) }
        },
        Primitive("repeat", ["item", "num"]) { item, num, context in
            // `range(num)` of a big int: nothing when negative, more than the budget allows otherwise.
            if case .bigInt(let big) = num {
                if big.value.sign == .minus { return .emptyTuple }
                throw DSLError.budgetExceeded
            }
            return try ContainerPrimitives.repeated(item, num.asInt(), context)
        },
        Primitive("size", ["container"]) { container, _ in .int(try container.pythonLength()) },
        Primitive("merge", ["containers"]) { containers, context in try ContainerPrimitives.merge(containers, context)
        },
        Primitive("maximum", ["container"]) { container, context in
            try ContainerPrimitives.extreme(container, greater: true, context)
        },
        Primitive("minimum", ["container"]) { container, context in
            try ContainerPrimitives.extreme(container, greater: false, context)
        },
        Primitive("valmax", ["container", "compfunc"]) { container, compfunc, context in
            try context.withFrames(2) {
                try ContainerPrimitives.extremeKey(container, compfunc, greater: true, context)
            }
        },
        Primitive("valmin", ["container", "compfunc"]) { container, compfunc, context in
            try context.withFrames(2) {
                try ContainerPrimitives.extremeKey(container, compfunc, greater: false, context)
            }
        },
        Primitive("argmax", ["container", "compfunc"]) { container, compfunc, context in
            try context.withFrames(2) {
                try ContainerPrimitives.extremeElement(container, compfunc, greater: true, context)
            }
        },
        Primitive("argmin", ["container", "compfunc"]) { container, compfunc, context in
            try context.withFrames(2) {
                try ContainerPrimitives.extremeElement(container, compfunc, greater: false, context)
            }
        },
        Primitive("mostcommon", ["container"]) { container, context in
            try ContainerPrimitives.byCount(container, most: true, context)
        },
        Primitive("leastcommon", ["container"]) { container, context in
            try ContainerPrimitives.byCount(container, most: false, context)
        },
        Primitive("initset", ["value"]) { value, _ in .set([value]) },
        Primitive("sfilter", ["container", "condition"]) { container, condition, context in
            try context.withFrames(2) { try ContainerPrimitives.sfilter(container, condition, context) }
        },
        Primitive("mfilter", ["container", "function"]) { container, function, context in
            // mfilter's frame, then sfilter's and its generator expression.
            try ContainerPrimitives.merge(
                context.withFrames(3) { try ContainerPrimitives.sfilter(container, function, context) }, context)
        },
        Primitive("extract", ["container", "condition"]) { container, condition, context in
            // Its frame, the generator expression, and one that CPython 3.11 counts for next calling it.
            try context.withFrames(3) { try ContainerPrimitives.extract(container, condition, context) }
        },
        Primitive("totuple", ["container"]) { container, context in try ContainerPrimitives.totuple(container, context)
        },
        Primitive("first", ["container"]) { container, _ in try ContainerPrimitives.first(container) },
        Primitive("last", ["container"]) { container, _ in try ContainerPrimitives.last(container) },
        Primitive("insert", ["value", "container"]) { value, container, context in
            try ContainerPrimitives.insert(value, into: container, context)
        },
        Primitive("remove", ["value", "container"]) { value, container, context in
            try ContainerPrimitives.remove(value, from: container, context)
        },
        Primitive("other", ["container", "value"]) { container, value, context in
            try ContainerPrimitives.first(ContainerPrimitives.remove(value, from: container, context))
        },
        Primitive("product", ["a", "b"]) { a, b, context in try ContainerPrimitives.product(a, b, context) },
        Primitive("pair", ["a", "b"]) { a, b, context in try ContainerPrimitives.zipped(a, b, context) },
        Primitive("sizefilter", ["container", "n"]) { container, n, context in
            try ContainerPrimitives.sizefilter(container, n, context)
        },
    ]
}

/// The container primitives of dsl.py: Python's generic container code, with typed fast paths for
/// indices, objects and grids that give the same result.
enum ContainerPrimitives {}
