/// Every primitive of the DSL, by name.
public enum Primitives {
    /// All primitives, gathered from their families.
    public static let all: [Primitive] =
        arithmetic + logic + containers + higherOrder + patches + objects + grids + transforms

    public static let byName: [String: Primitive] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The function value for each primitive, shared so that a primitive is one object, as in Python.
    public static let functions: [String: Function] = byName.mapValues { Function($0) }

    public static func named(_ name: String) -> Primitive? { byName[name] }

    /// Every name a program may use without defining it, as its value.
    private static let values: [String: Value] = Constants.all.merging(
        functions.mapValues { .function($0) }, uniquingKeysWith: { _, function in function })

    /// A DSL name as a value: a primitive's function or a constant.
    public static func value(named name: String) -> Value? { values[name] }

    /// Every name a program may use without defining it.
    public static let knownNames: Set<String> = Set(byName.keys).union(Constants.all.keys)
}
