@testable import BattDSL

/// A random, type-agnostic composition of primitives: two to five random input values and one to
/// six steps, each calling a random primitive (or a function value) on inputs and earlier results,
/// whatever their types. Everything is drawn from `seed`, so a seed reproduces the composition.
///
/// A reference `r` names an input when `r < inputs.count`, else the result of step `r - inputs.count`.
struct RandomComposition {
    enum Step {
        case primitive(Primitive, arguments: [Int])
        /// A call of a function value, as a program calls a computed function: `callee(arguments...)`.
        case call(callee: Int, arguments: [Int])

        var references: [Int] {
            switch self {
            case .primitive(_, let arguments): return arguments
            case .call(let callee, let arguments): return [callee] + arguments
            }
        }
    }

    enum Outcome: Equatable {
        case value(Value)
        case error(DSLError)
        /// Not run because an argument's step did not return.
        case skipped
        /// Something other than a `DSLError` was thrown.
        case foreignError(String)

        var isLimit: Bool {
            if case .error(let error) = self { return error.isLimit }
            return false
        }
    }

    let seed: UInt64
    let inputs: [Value]
    let steps: [Step]

    let large: Bool

    init(seed: UInt64, large: Bool = false) {
        (self.seed, self.large) = (seed, large)
        var values = RandomValues(seed: seed, large: large)
        let inputs = (0..<values.random.int(in: 2...5)).map { _ in values.value() }
        var steps: [Step] = []
        for k in 0..<values.random.int(in: 1...6) {
            func argument() -> Int {
                guard k > 0, values.random.chance(60) else { return values.random.int(in: 0...(inputs.count - 1)) }
                let step = values.random.chance(60) ? k - 1 : values.random.int(in: 0...(k - 1))
                return inputs.count + step
            }
            if values.random.chance(12) {
                let functionInputs = inputs.indices.filter { if case .function = inputs[$0] { true } else { false } }
                let callee =
                    !functionInputs.isEmpty && values.random.chance(70)
                    ? values.random.pick(functionInputs) : argument()
                var count = values.random.int(in: 1...3)
                if callee < inputs.count, case .function(let f) = inputs[callee], values.random.chance(85) {
                    count = f.arity
                }
                steps.append(.call(callee: callee, arguments: (0..<count).map { _ in argument() }))
            } else {
                let primitive = values.random.pick(Primitives.all)
                var count = primitive.arity
                if values.random.chance(2) { count = max(0, count + (values.random.chance(50) ? 1 : -1)) }
                steps.append(.primitive(primitive, arguments: (0..<count).map { _ in argument() }))
            }
        }
        self.inputs = inputs
        self.steps = steps
    }

    /// Runs every step under one context; a step whose argument did not return is skipped.
    /// - Returns: each step's outcome and wall time in seconds.
    func evaluateSteps(_ context: EvaluationContext) -> (outcomes: [Outcome], seconds: [Double]) {
        var outcomes: [Outcome] = []
        var seconds: [Double] = []
        outcomes.reserveCapacity(steps.count)
        for step in steps {
            let start = EvaluationContext.now()
            defer { seconds.append(Double(EvaluationContext.now() &- start) / 1e9) }
            var arguments: [Value] = []
            for reference in step.references {
                if reference < inputs.count {
                    arguments.append(inputs[reference])
                } else if case .value(let value) = outcomes[reference - inputs.count] {
                    arguments.append(value)
                } else {
                    break
                }
            }
            guard arguments.count == step.references.count else {
                outcomes.append(.skipped)
                continue
            }
            do {
                switch step {
                case .primitive(let primitive, _):
                    outcomes.append(.value(try primitive.apply(arguments, context)))
                case .call:
                    let function = try arguments[0].asFunction()
                    outcomes.append(.value(try function.call(Array(arguments.dropFirst()), context)))
                }
            } catch let error as DSLError {
                outcomes.append(.error(error))
            } catch {
                outcomes.append(.foreignError("\(type(of: error)): \(error)"))
            }
        }
        return (outcomes, seconds)
    }

    /// The steps the last step depends on (itself included), in order.
    var stepsOfResult: [Int] {
        var needed = Set([steps.count - 1])
        for k in stride(from: steps.count - 1, through: 0, by: -1) where needed.contains(k) {
            for reference in steps[k].references where reference >= inputs.count {
                needed.insert(reference - inputs.count)
            }
        }
        return needed.sorted()
    }

    /// The last step as a `Program` taking the inputs as parameters, with only the steps it needs.
    var program: Program {
        var nodes: [Program.Node] = inputs.indices.map { .parameter($0) }
        var nodeOfStep: [Int: Int] = [:]
        func node(_ reference: Int) -> Int {
            reference < inputs.count ? reference : nodeOfStep[reference - inputs.count] ?? 0
        }
        for k in stepsOfResult {
            switch steps[k] {
            case .primitive(let primitive, let arguments):
                nodes.append(.primitive(primitive, arguments.map(node)))
            case .call(let callee, let arguments):
                nodes.append(.dynamic(callee: node(callee), arguments: arguments.map(node), keywords: []))
            }
            nodeOfStep[k] = nodes.count - 1
        }
        return Program(parameterNames: inputs.indices.map { "v\($0)" }, nodes: nodes, result: nodes.count - 1)
    }

    /// What the program of the last step must give, judged from the step outcomes: the error of the
    /// first needed step that raised, else the last step's value; nil when a step threw something else.
    func expectedProgramOutcome(from outcomes: [Outcome]) -> Outcome? {
        for k in stepsOfResult {
            switch outcomes[k] {
            case .value: continue
            case .error: return outcomes[k]
            case .skipped, .foreignError: return nil
            }
        }
        return outcomes.last
    }

    /// The composition as Python-like lines, to read or replay by hand.
    var listing: String {
        func name(_ reference: Int) -> String {
            reference < inputs.count ? "v\(reference)" : "s\(reference - inputs.count)"
        }
        var lines = ["seed 0x\(String(seed, radix: 16))\(large ? " (large values)" : "")"]
        for (k, input) in inputs.enumerated() { lines.append("  v\(k) = \(input)") }
        for (k, step) in steps.enumerated() {
            switch step {
            case .primitive(let primitive, let arguments):
                lines.append("  s\(k) = \(primitive.name)(\(arguments.map(name).joined(separator: ", ")))")
            case .call(let callee, let arguments):
                lines.append("  s\(k) = \(name(callee))(\(arguments.map(name).joined(separator: ", ")))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
