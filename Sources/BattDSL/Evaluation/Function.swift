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

    /// `kind` taken apart for the call path, so that a call reads its parts without copying the
    /// enum (and retaining and releasing every function it holds) each time.
    @usableFromInline enum Shape: UInt8, Sendable {
        case unaryPrimitive, binaryPrimitive, otherPrimitive
        case rightBound, leftBound, composed, chained, matcher, forked, power, tooDeep
    }
    @usableFromInline let shape: Shape
    /// The body of a primitive of one parameter (`shape == .unaryPrimitive`). Not optional: an
    /// optional closure is stored at the generic abstraction, and each call would go through a thunk.
    @usableFromInline let unaryBody: Primitive.Unary
    /// The body of a primitive of two parameters, or of the primitive `rbind`/`lbind` bind
    /// (`bindsBinaryPrimitive`).
    @usableFromInline let binaryBody: Primitive.Binary
    /// Whether this is `rbind` or `lbind` of a primitive of two parameters.
    @usableFromInline let bindsBinaryPrimitive: Bool
    /// The functions `kind` holds, in its order; `kind` keeps them alive as long as this function.
    /// Unmanaged, so that a call borrows them rather than retaining and releasing each.
    @usableFromInline let first: Unmanaged<Function>?
    @usableFromInline let second: Unmanaged<Function>?
    @usableFromInline let third: Unmanaged<Function>?
    /// The value `rbind`, `lbind` or `matcher` fixed.
    @usableFromInline let fixed: Value
    /// `power`'s count.
    @usableFromInline let times: Int
    /// For a function that only takes first and last elements (`first`, `last`, and `compose`,
    /// `chain` and `power` of such functions, as in `power(first, TWO)` or `compose(last, first)`):
    /// what a call of it does, step by step, in the order the nested calls do it. Nil otherwise.
    @usableFromInline let walk: [WalkStep]?
    @usableFromInline enum WalkStep: UInt8, Sendable {
        /// `first(x)`, `last(x)`.
        case first, last
        /// `power`'s charge before each application of its function.
        case charge
    }
    /// The longest walk kept: longer ones (`power(first, 500)`) take the general path.
    static let longestWalk = 32
    /// `walk` packed for the call path (two bits a step, the first step lowest), so that a call
    /// reads no array; `walkLength` is 0 where there is no walk.
    @usableFromInline let walkCode: UInt64
    @usableFromInline let walkLength: Int

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
        let kept = nesting > EvaluationContext.recursionLimit ? Kind.tooDeep(nesting: nesting) : kind
        self.kind = kept
        var shape = Shape.tooDeep
        var unaryBody: Primitive.Unary = Function.unusedUnary
        var binaryBody: Primitive.Binary = Function.unusedBinary
        var bindsBinaryPrimitive = false
        var parts: (Function?, Function?, Function?) = (nil, nil, nil)
        var fixed = Value.none
        var times = 0
        switch kept {
        case .primitive(let p):
            switch p.body {
            case .unary(let body): (shape, unaryBody) = (.unaryPrimitive, body)
            case .binary(let body): (shape, binaryBody) = (.binaryPrimitive, body)
            default: shape = .otherPrimitive
            }
        case .rightBound(let f, let value), .leftBound(let f, let value):
            if case .rightBound = kept { shape = .rightBound } else { shape = .leftBound }
            parts.0 = f
            fixed = value
            if case .primitive(let p) = f.kind, case .binary(let body) = p.body {
                (binaryBody, bindsBinaryPrimitive) = (body, true)
            }
        case .composed(let a, let b): (shape, parts.0, parts.1) = (.composed, a, b)
        case .chained(let a, let b, let c): (shape, parts.0, parts.1, parts.2) = (.chained, a, b, c)
        case .forked(let a, let b, let c): (shape, parts.0, parts.1, parts.2) = (.forked, a, b, c)
        case .matcher(let f, let value): (shape, parts.0, fixed) = (.matcher, f, value)
        case .power(let f, let n): (shape, parts.0, times) = (.power, f, n)
        case .tooDeep: shape = .tooDeep
        }
        self.shape = shape
        self.unaryBody = unaryBody
        self.binaryBody = binaryBody
        self.bindsBinaryPrimitive = bindsBinaryPrimitive
        (self.first, self.second, self.third) = (
            parts.0.map(Unmanaged.passUnretained), parts.1.map(Unmanaged.passUnretained),
            parts.2.map(Unmanaged.passUnretained)
        )
        self.fixed = fixed
        self.times = times
        let walk = Function.walk(of: kept)
        self.walk = walk
        var code: UInt64 = 0
        for (k, step) in (walk ?? []).enumerated() { code |= UInt64(step.rawValue) << (2 * k) }
        self.walkCode = code
        self.walkLength = walk?.count ?? 0
    }

    private static func walk(of kind: Kind) -> [WalkStep]? {
        var steps: [WalkStep]
        switch kind {
        case .primitive(let p):
            // Only the module's own `first` and `last` (the stand-ins for values that are no
            // functions have names in angle brackets).
            guard case .unary = p.body else { return nil }
            if p.name == "first" { return [.first] }
            if p.name == "last" { return [.last] }
            return nil
        case .composed(let outer, let inner):
            guard let a = inner.walk, let b = outer.walk else { return nil }
            steps = a + b
        case .chained(let h, let g, let f):
            guard let a = f.walk, let b = g.walk, let c = h.walk else { return nil }
            steps = a + b + c
        case .power(let f, let times):
            guard let a = f.walk, times <= longestWalk else { return nil }
            steps = []
            for _ in 0..<times { steps += [.charge] + a }
        default:
            return nil
        }
        return steps.count <= longestWalk ? steps : nil
    }

    /// A call of a function that `walk` describes, where none of its lambda frames can reach the
    /// recursion limit: the same steps, charges and errors as the nested calls, without them.
    @usableFromInline func callWalk(_ x: Value, _ context: EvaluationContext) throws -> Value {
        var value = x
        var code = walkCode
        for _ in 0..<walkLength {
            let step = WalkStep(rawValue: UInt8(truncatingIfNeeded: code & 3)).unsafelyUnwrapped
            code >>= 2
            switch step {
            case .charge:
                try context.charge(1)
            case .first:
                try context.tick(EvaluationContext.callWeight)
                do { value = try ContainerPrimitives.first(value) } catch let error as DSLError {
                    throw error.naming("first")
                }
            case .last:
                try context.tick(EvaluationContext.callWeight)
                do { value = try ContainerPrimitives.last(value) } catch let error as DSLError {
                    throw error.naming("last")
                }
            }
        }
        return value
    }

    /// What `unaryBody` and `binaryBody` hold where they are not used (never called).
    private static let unusedUnary: Primitive.Unary = { _, _ in throw DSLError.typeError("not a primitive") }
    private static let unusedBinary: Primitive.Binary = { _, _, _ in throw DSLError.typeError("not a primitive") }

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
        if shape == .unaryPrimitive { return try callUnaryPrimitive(x, context) }
        return try callLambda(x, context)
    }

    /// A primitive of one parameter, its errors named after it.
    @usableFromInline func callUnaryPrimitive(_ x: Value, _ context: EvaluationContext) throws -> Value {
        do { return try unaryBody(x, context) } catch let error as DSLError {
            throw error.naming(name)
        }
    }

    /// A primitive of two parameters, its errors named after it.
    @usableFromInline func callBinaryPrimitive(_ x: Value, _ y: Value, _ context: EvaluationContext) throws -> Value {
        do { return try binaryBody(x, y, context) } catch let error as DSLError {
            throw error.naming(name)
        }
    }

    /// `call([x], context)`, without building the argument array for the lambdas of one parameter
    /// that combine other functions (the inner loop of `sfilter`, `apply`, `argmax` and the like),
    /// reading the parts of the function from `shape` and its fields rather than copying `kind`.
    @usableFromInline func callLambda(_ x: Value, _ context: EvaluationContext) throws -> Value {
        // The deepest of the nested calls would stand `nesting` frames above this one: when that
        // is within the limit (and the stack is not low, where the first call would not start),
        // no frame check can fail, and a walk of first and last elements needs no calls.
        if walkLength > 0, context.frameDepth + nesting <= EvaluationContext.recursionLimit - 2,
            !context.stackIsLow()
        {
            try context.tick(EvaluationContext.callWeight)
            return try callWalk(x, context)
        }
        switch shape {
        case .composed, .chained, .matcher, .forked, .power: break
        case .rightBound, .leftBound:
            // `rbind(f, fixed)` or `lbind(f, fixed)` of a primitive of two parameters: as `call`
            // does it (its tick, the lambda's frame, then `f.call` with the pair), minus the arrays.
            guard bindsBinaryPrimitive else { return try call([x], context) }
            try context.tick(EvaluationContext.callWeight)
            try context.enterFrame()
            defer { context.leaveFrame() }
            try context.tick(EvaluationContext.callWeight)
            do {
                if shape == .rightBound { return try binaryBody(x, fixed, context) }
                return try binaryBody(fixed, x, context)
            } catch let error as DSLError {
                throw error.naming(first.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.name })
            }
        default: return try call([x], context)
        }
        // What `call` does for them: its tick, and the lambda's own frame (their arity is 1).
        try context.tick(EvaluationContext.callWeight)
        try context.enterFrame()
        defer { context.leaveFrame() }
        switch shape {
        case .composed:
            return try Function.call1(first, Function.call1(second, x, context), context)
        case .chained:
            return try Function.call1(
                first,
                Function.call1(second, Function.call1(third, x, context), context), context)
        case .matcher:
            return .bool(try Function.call1(first, x, context) == fixed)
        case .forked:
            let left = try Function.call1(second, x, context)
            return try Function.call2(first, left, Function.call1(third, x, context), context)
        case .power:
            return try first.unsafelyUnwrapped._withUnsafeGuaranteedRef {
                try Function.applyPower($0, times, x, context)
            }
        default:
            fatalError("handled above")
        }
    }

    /// `part.call1(x, context)`, borrowing the part.
    @inline(__always) static func call1(_ part: Unmanaged<Function>?, _ x: Value, _ context: EvaluationContext) throws
        -> Value
    {
        try part.unsafelyUnwrapped._withUnsafeGuaranteedRef { try $0.call1(x, context) }
    }

    /// `part.call2(x, y, context)`, borrowing the part.
    @inline(__always) static func call2(
        _ part: Unmanaged<Function>?, _ x: Value, _ y: Value, _ context: EvaluationContext
    ) throws -> Value {
        try part.unsafelyUnwrapped._withUnsafeGuaranteedRef { try $0.call2(x, y, context) }
    }

    @inlinable public func call2(_ x: Value, _ y: Value, _ context: EvaluationContext) throws -> Value {
        try context.tick(EvaluationContext.callWeight)
        if shape == .binaryPrimitive { return try callBinaryPrimitive(x, y, context) }
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
    /// The function this value holds; nil for any other value.
    @inlinable public var functionIfAny: Function? {
        if case .function(let f) = self { return f }
        return nil
    }

    /// The function this value holds, or Python's "object is not callable".
    @inlinable public func asFunction() throws -> Function {
        if case .function(let f) = self { return f }
        throw DSLError.typeError("'\(typeName)' object is not callable")
    }
}
