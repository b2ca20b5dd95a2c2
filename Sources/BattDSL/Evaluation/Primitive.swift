/// A primitive of the DSL: a named Swift implementation of one function of arc-dsl's `dsl.py`.
///
/// A class, so that a program node or a function value holding one copies a single reference.
public final class Primitive: Sendable {
    public typealias Unary = @Sendable (Value, EvaluationContext) throws -> Value
    public typealias Binary = @Sendable (Value, Value, EvaluationContext) throws -> Value
    public typealias Ternary = @Sendable (Value, Value, Value, EvaluationContext) throws -> Value
    public typealias Quaternary = @Sendable (Value, Value, Value, Value, EvaluationContext) throws -> Value

    public enum Body: Sendable {
        case unary(Unary)
        case binary(Binary)
        case ternary(Ternary)
        case quaternary(Quaternary)
    }

    public let name: String
    /// Parameter names as in `dsl.py`, for keyword arguments.
    public let parameterNames: [String]
    public let body: Body

    public var arity: Int { parameterNames.count }

    public init(_ name: String, _ parameterNames: [String], _ body: @escaping Unary) {
        precondition(parameterNames.count == 1)
        (self.name, self.parameterNames, self.body) = (name, parameterNames, .unary(body))
    }

    public init(_ name: String, _ parameterNames: [String], _ body: @escaping Binary) {
        precondition(parameterNames.count == 2)
        (self.name, self.parameterNames, self.body) = (name, parameterNames, .binary(body))
    }

    public init(_ name: String, _ parameterNames: [String], _ body: @escaping Ternary) {
        precondition(parameterNames.count == 3)
        (self.name, self.parameterNames, self.body) = (name, parameterNames, .ternary(body))
    }

    public init(_ name: String, _ parameterNames: [String], _ body: @escaping Quaternary) {
        precondition(parameterNames.count == 4)
        (self.name, self.parameterNames, self.body) = (name, parameterNames, .quaternary(body))
    }

    /// Applies the primitive to exactly `arity` arguments; errors name the primitive.
    public func apply(_ args: [Value], _ context: EvaluationContext) throws -> Value {
        guard args.count == arity else {
            throw DSLError.typeError(
                "\(name)() takes \(arity) positional argument\(arity == 1 ? "" : "s") but \(args.count) were given")
        }
        do {
            switch body {
            case .unary(let f): return try f(args[0], context)
            case .binary(let f): return try f(args[0], args[1], context)
            case .ternary(let f): return try f(args[0], args[1], args[2], context)
            case .quaternary(let f): return try f(args[0], args[1], args[2], args[3], context)
            }
        } catch let error as DSLError {
            throw error.naming(name)
        }
    }
}

extension DSLError {
    /// Wraps a program error with the primitive it came from, keeping the innermost name.
    public func naming(_ primitive: String) -> DSLError {
        switch self {
        case .inPrimitive, .timeout, .budgetExceeded: return self
        default: return .inPrimitive(primitive, self)
        }
    }
}
