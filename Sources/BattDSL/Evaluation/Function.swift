/// A callable DSL value: a primitive, or a function made by a higher-order primitive.
///
/// Arity follows Python's `__code__.co_argcount`, which `rbind` and `lbind` inspect.
public final class Function: Sendable {
    public enum Kind: Sendable {
        case primitive(Primitive)
        /// `rbind(f, fixed)`: fixes the last of `f`'s arguments.
        case rightBound(Function, Value)
        /// `lbind(f, fixed)`: fixes the first of `f`'s arguments.
        case leftBound(Function, Value)
        /// `compose(outer, inner)`.
        case composed(Function, Function)
        /// `chain(h, g, f)`: `h(g(f(x)))`.
        case chained(Function, Function, Function)
        /// `matcher(f, target)`: `f(x) == target`.
        case matcher(Function, Value)
        /// `fork(outer, a, b)`: `outer(a(x), b(x))`.
        case forked(Function, Function, Function)
        /// `power(f, n)` for n > 1: f applied n times.
        case power(Function, Int)
        /// A function whose calls nest more lambdas than CPython's recursion limit lets any call
        /// stack up, kept without its parts: calling it raises RecursionError as calling the
        /// original would, and releasing or printing it never recurses through all its parts.
        case tooDeep(nesting: Int)
    }

    public let kind: Kind
    public let parameterNames: [String]
    /// How many lambda frames the deepest call of this function stacks up (0 for a primitive).
    public let nesting: Int

    public var arity: Int { parameterNames.count }

    public init(_ kind: Kind) {
        let nesting: Int
        switch kind {
        case .primitive(let p):
            parameterNames = p.parameterNames
            nesting = 0
        case .rightBound(let f, _):
            parameterNames = f.arity == 2 ? ["x"] : f.arity == 3 ? ["x", "y"] : ["x", "y", "z"]
            nesting = f.nesting + 1
        case .leftBound(let f, _):
            parameterNames = f.arity == 2 ? ["y"] : f.arity == 3 ? ["y", "z"] : ["y", "z", "a"]
            nesting = f.nesting + 1
        case .matcher(let f, _):
            parameterNames = ["x"]
            nesting = f.nesting + 1
        case .composed(let a, let b):
            parameterNames = ["x"]
            nesting = Swift.max(a.nesting, b.nesting) + 1
        case .chained(let a, let b, let c), .forked(let a, let b, let c):
            parameterNames = ["x"]
            nesting = Swift.max(a.nesting, b.nesting, c.nesting) + 1
        case .power(let f, let times):
            parameterNames = ["x"]
            nesting = f.nesting + times - 1
        case .tooDeep(let n):
            parameterNames = ["x"]
            nesting = n
        }
        self.nesting = nesting
        self.kind = nesting > EvaluationContext.recursionLimit ? .tooDeep(nesting: nesting) : kind
    }

    public convenience init(_ primitive: Primitive) {
        self.init(.primitive(primitive))
    }

    /// Python's `is`: primitives are module-level singletons, other functions are distinct objects.
    public func isSame(as other: Function) -> Bool {
        if self === other { return true }
        if case .primitive(let a) = kind, case .primitive(let b) = other.kind { return a.name == b.name }
        return false
    }

    /// A structural description, used to order sets of functions deterministically.
    public var orderingKey: String { description }

    public var name: String {
        if case .primitive(let p) = kind { return p.name }
        return "<lambda>"
    }

    // MARK: Calling

    public func call(_ args: [Value], _ context: EvaluationContext) throws -> Value {
        try context.tick(EvaluationContext.callWeight)
        if case .primitive(let p) = kind { return try p.apply(args, context) }
        guard args.count == arity else {
            throw DSLError.typeError(
                "<lambda>() takes \(arity) positional argument\(arity == 1 ? "" : "s") but \(args.count) were given")
        }
        // The lambda's own frame, as CPython counts it.
        try context.enterFrame()
        defer { context.leaveFrame() }
        switch kind {
        case .primitive:
            fatalError("handled above")
        case .rightBound(let f, let fixed):
            return try f.call(args + [fixed], context)
        case .leftBound(let f, let fixed):
            return try f.call([fixed] + args, context)
        case .composed(let outer, let inner):
            return try outer.call1(inner.call1(args[0], context), context)
        case .chained(let h, let g, let f):
            return try h.call1(g.call1(f.call1(args[0], context), context), context)
        case .matcher(let f, let target):
            return .bool(try f.call1(args[0], context) == target)
        case .forked(let outer, let a, let b):
            let left = try a.call1(args[0], context)
            return try outer.call2(left, b.call1(args[0], context), context)
        case .tooDeep:
            throw DSLError.recursion("maximum recursion depth exceeded")
        case .power(let f, let times):
            return try Function.applyPower(f, times, args[0], context)
        }
    }

    /// `power(f, times)(x)`: dsl.py's nested lambdas, applied in a loop. The n-th lambda's frame is
    /// the caller's, and the innermost two calls of `f` come from the second lambda, n - 2 frames deeper.
    private static func applyPower(_ f: Function, _ times: Int, _ x: Value, _ context: EvaluationContext) throws
        -> Value
    {
        let outermost = context.frameDepth
        defer { context.frameDepth = outermost }
        if outermost + times - 2 > EvaluationContext.recursionLimit - 2 {
            throw DSLError.recursion("maximum recursion depth exceeded")
        }
        var value = x
        for application in 1...times {
            context.frameDepth = outermost + times - Swift.max(application, 2)
            try context.charge(1)
            value = try f.call1(value, context)
        }
        return value
    }

    @inlinable public func call1(_ x: Value, _ context: EvaluationContext) throws -> Value {
        try context.tick(EvaluationContext.callWeight)
        if case .primitive(let p) = kind, case .unary(let body) = p.body {
            do { return try body(x, context) } catch let error as DSLError { throw error.naming(p.name) }
        }
        return try callLambda(x, context)
    }

    /// `call([x], context)`, without building the argument array for the lambdas of one parameter
    /// that combine other functions (the inner loop of `sfilter`, `apply`, `argmax` and the like).
    @usableFromInline func callLambda(_ x: Value, _ context: EvaluationContext) throws -> Value {
        switch kind {
        case .composed, .chained, .matcher, .forked, .power: break
        case .rightBound(let f, let fixed), .leftBound(let f, let fixed):
            // `rbind(f, fixed)` or `lbind(f, fixed)` of a primitive of two parameters: as `call`
            // does it (its tick, the lambda's frame, then `f.call` with the pair), minus the arrays.
            guard case .primitive(let p) = f.kind, case .binary(let body) = p.body else {
                return try call([x], context)
            }
            try context.tick(EvaluationContext.callWeight)
            try context.enterFrame()
            defer { context.leaveFrame() }
            try context.tick(EvaluationContext.callWeight)
            do {
                if case .rightBound = kind { return try body(x, fixed, context) }
                return try body(fixed, x, context)
            } catch let error as DSLError {
                throw error.naming(p.name)
            }
        default: return try call([x], context)
        }
        // What `call` does for them: its tick, and the lambda's own frame (their arity is 1).
        try context.tick(EvaluationContext.callWeight)
        try context.enterFrame()
        defer { context.leaveFrame() }
        switch kind {
        case .composed(let outer, let inner):
            return try outer.call1(inner.call1(x, context), context)
        case .chained(let h, let g, let f):
            return try h.call1(g.call1(f.call1(x, context), context), context)
        case .matcher(let f, let target):
            return .bool(try f.call1(x, context) == target)
        case .forked(let outer, let a, let b):
            let left = try a.call1(x, context)
            return try outer.call2(left, b.call1(x, context), context)
        case .power(let f, let times):
            return try Function.applyPower(f, times, x, context)
        default:
            fatalError("handled above")
        }
    }

    @inlinable public func call2(_ x: Value, _ y: Value, _ context: EvaluationContext) throws -> Value {
        try context.tick(EvaluationContext.callWeight)
        if case .primitive(let p) = kind, case .binary(let body) = p.body {
            do { return try body(x, y, context) } catch let error as DSLError { throw error.naming(p.name) }
        }
        return try call([x, y], context)
    }
}

extension Function: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .primitive(let p): return p.name
        case .rightBound(let f, let v): return "rbind(\(f), \(v))"
        case .leftBound(let f, let v): return "lbind(\(f), \(v))"
        case .composed(let a, let b): return "compose(\(a), \(b))"
        case .chained(let h, let g, let f): return "chain(\(h), \(g), \(f))"
        case .matcher(let f, let v): return "matcher(\(f), \(v))"
        case .forked(let o, let a, let b): return "fork(\(o), \(a), \(b))"
        case .power(let f, let n): return "power(\(f), \(n))"
        case .tooDeep(let nesting): return "<lambda nesting \(nesting) calls>"
        }
    }
}

extension Value {
    /// The function this value holds, or Python's "object is not callable".
    @inlinable public func asFunction() throws -> Function {
        if case .function(let f) = self { return f }
        throw DSLError.typeError("'\(typeName)' object is not callable")
    }
}
