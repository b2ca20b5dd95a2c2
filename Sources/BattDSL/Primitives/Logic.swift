extension Primitives {
    /// Python's `not`, `==`, `and`, `or` and conditional expression. `both` and `either` return one of
    /// their arguments, as Python's `and`/`or` do, not a bool.
    static let logic: [Primitive] = [
        Primitive("flip", ["b"]) { b, _ in .bool(!b.isTruthy) },
        Primitive("equality", ["a", "b"]) { a, b, _ in .bool(a == b) },
        Primitive("both", ["a", "b"]) { a, b, _ in a.isTruthy ? b : a },
        Primitive("either", ["a", "b"]) { a, b, _ in a.isTruthy ? a : b },
        Primitive("branch", ["condition", "a", "b"]) { condition, a, b, _ in condition.isTruthy ? a : b },
    ]
}
