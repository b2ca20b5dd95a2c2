/// A solver compiled to a DAG of calls, evaluated once per sample with each node computed once.
///
/// Nodes are in evaluation order (a node only refers to earlier ones) and hold only what the
/// result needs — the program an inlined solver denotes, so its identity and its behaviour agree.
public struct Program: Sendable {
    public enum Node: Sendable {
        /// The n-th parameter of the solver.
        case parameter(Int)
        case constant(Value)
        /// A call of a known primitive with positional arguments (keywords already placed).
        case primitive(Primitive, [Int])
        /// A call of a computed function value, with optional keyword arguments.
        case dynamic(callee: Int, arguments: [Int], keywords: [(name: String, node: Int)])
        /// Unary minus.
        case negate(Int)
        /// A tuple literal of nodes.
        case tuple([Int])
        /// A call that can only fail, found at compile time (e.g. an unknown keyword).
        case failure(DSLError)
    }

    public let parameterNames: [String]
    public let nodes: [Node]
    public let result: Int

    public init(parameterNames: [String], nodes: [Node], result: Int) {
        self.parameterNames = parameterNames
        self.nodes = nodes
        self.result = result
    }

    /// Runs the program on the given parameter values.
    public func evaluate(_ arguments: [Value], _ context: EvaluationContext) throws -> Value {
        var values = [Value](repeating: .none, count: nodes.count)
        for index in nodes.indices {
            try evaluateNode(index, arguments, &values, context)
        }
        return values[result]
    }

    /// Computes node `index` into `values` (whose earlier nodes the node reads) and charges it one
    /// element: one step of `evaluate`, so an evaluator that shares nodes between programs
    /// computes each exactly as the program alone would.
    @inline(__always)
    public func evaluateNode(_ index: Int, _ arguments: [Value], _ values: inout [Value], _ context: EvaluationContext)
        throws
    {
        switch nodes[index] {
        case .parameter(let k):
            values[index] = k < arguments.count ? arguments[k] : .none
        case .constant(let value):
            values[index] = value
        case .primitive(let primitive, let args):
            values[index] = try Program.apply(primitive, args, &values, context)
        case .dynamic(let callee, let args, let keywords):
            let function = try values[callee].asFunction()
            var positional = args.map { values[$0] }
            if !keywords.isEmpty {
                positional = try Program.place(
                    keywords.map { ($0.name, values[$0.node]) },
                    after: positional, into: function)
            }
            values[index] = try function.call(positional, context)
        case .negate(let operand):
            values[index] = try Value.pythonNegate(values[operand])
        case .tuple(let elements):
            values[index] = .tuple(elements.map { values[$0] })
        case .failure(let error):
            throw error
        }
        try context.charge(1)
    }

    @inline(__always)
    private static func apply(_ p: Primitive, _ args: [Int], _ values: inout [Value], _ context: EvaluationContext)
        throws -> Value
    {
        do {
            switch (p.body, args.count) {
            case (.unary(let f), 1): return try f(values[args[0]], context)
            case (.binary(let f), 2): return try f(values[args[0]], values[args[1]], context)
            case (.ternary(let f), 3): return try f(values[args[0]], values[args[1]], values[args[2]], context)
            case (.quaternary(let f), 4):
                return try f(values[args[0]], values[args[1]], values[args[2]], values[args[3]], context)
            default: return try p.apply(args.map { values[$0] }, context)
            }
        } catch let error as DSLError {
            throw error.naming(p.name)
        }
    }

    /// Places keyword arguments by the callee's parameter names, as Python binds them.
    public static func place(_ keywords: [(String, Value)], after positional: [Value], into function: Function) throws
        -> [Value]
    {
        let names = function.parameterNames
        var slots: [Value?] = positional.map { $0 }
        if slots.count < names.count { slots += Array(repeating: nil, count: names.count - slots.count) }
        for (name, value) in keywords {
            guard let k = names.firstIndex(of: name) else {
                throw DSLError.typeError("\(function.name)() got an unexpected keyword argument '\(name)'")
            }
            if slots[k] != nil {
                throw DSLError.typeError("\(function.name)() got multiple values for argument '\(name)'")
            }
            slots[k] = value
        }
        var result: [Value] = []
        for (k, slot) in slots.enumerated() {
            guard let slot else {
                throw DSLError.typeError("\(function.name)() missing required positional argument: '\(names[k])'")
            }
            result.append(slot)
        }
        return result
    }
}
