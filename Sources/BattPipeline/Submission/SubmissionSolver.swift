import BattCache
import BattDSL
import BattLanguage

/// One cached solver of a task, ready to run on the task's test inputs.
public struct SubmissionSolver: Sendable {
    public var solverMD5: String
    public var demoCorrect: Int
    public var demoCount: Int
    /// Distinct compound sub-expressions (calls, tuples, negations) of the inlined program: its size.
    public var nodeCount: Int
    /// How long its validation took, as the cache recorded it.
    public var elapsedSeconds: Double
    public var program: Program

    public init(
        solverMD5: String, demoCorrect: Int, demoCount: Int, nodeCount: Int, elapsedSeconds: Double, program: Program
    ) {
        self.solverMD5 = solverMD5
        self.demoCorrect = demoCorrect
        self.demoCount = demoCount
        self.nodeCount = nodeCount
        self.elapsedSeconds = elapsedSeconds
        self.program = program
    }

    /// Whether every demonstration came out right.
    public var solvesEveryDemonstration: Bool { demoCount > 0 && demoCorrect == demoCount }

    /// Compiles a cached verdict's solver from its inlined text.
    /// - Throws: ``SubmissionError/unusableSolverText(md5:reason:)`` when the cache holds no text
    ///   for it (solvers too large to inline) or the text does not parse.
    public init(record: SubmissionCandidateRecord) throws(SubmissionError) {
        let md5 = record.verdict.key.solverMD5
        guard let text = record.inlinedText else {
            throw .unusableSolverText(
                md5: md5, reason: "the cache holds no inlined text for it (identified by DAG hash)")
        }
        let compiled = try Self.compile(inlinedText: text, md5: md5)
        self.init(
            solverMD5: md5, demoCorrect: record.verdict.demoCorrect, demoCount: record.verdict.demoCount,
            nodeCount: compiled.nodeCount, elapsedSeconds: record.verdict.elapsedSeconds, program: compiled.program)
    }

    /// Parses an inlined `def solve(...): return <expr>` and compiles it with every repeated
    /// sub-expression evaluated once, as the straight-line body it came from was.
    public static func compile(inlinedText text: String, md5: String = "")
        throws(SubmissionError) -> (program: Program, nodeCount: Int)
    {
        let parsed = CandidateParser.parse(source: text, path: "cache:\(md5)")
        if let problem = parsed.diagnostics.first(where: { $0.severity == .error }) {
            throw .unusableSolverText(md5: md5, reason: problem.description)
        }
        guard parsed.functions.count == 1, let function = parsed.functions.first,
            let returned = function.returned
        else {
            throw .unusableSolverText(md5: md5, reason: "the text is not one function with a return")
        }
        var elimination = CommonSubexpressions()
        for statement in function.statements {
            elimination.assign(statement.target, elimination.reference(statement.value))
        }
        let result = elimination.reference(returned)
        let shared = CandidateFunction(
            name: "solve", parameters: function.parameters, statements: elimination.statements, returned: result)
        do {
            return (ProgramCompiler.compile(try SolverGraph(shared)), elimination.compoundCount)
        } catch {
            throw .unusableSolverText(md5: md5, reason: "\(error)")
        }
    }
}

/// Rewrites an expression tree into assignments of its distinct compound sub-expressions, so a
/// sub-expression the inliner repeated textually is evaluated once.
struct CommonSubexpressions {
    private(set) var statements: [Assignment] = []
    private var variableOfKey: [Expression: String] = [:]
    /// Names the function itself assigns (inlined texts have none; kept for generality).
    private var assigned: [String: Expression] = [:]
    private(set) var compoundCount = 0

    /// A leaf, or the variable holding `expression`'s value; children first.
    mutating func reference(_ expression: Expression) -> Expression {
        let key: Expression
        switch expression {
        case .name(let name):
            return assigned[name] ?? expression
        case .integer, .constant:
            return expression
        case .negate(let operand):
            key = .negate(reference(operand))
        case .tuple(let elements):
            key = .tuple(elements.map { reference($0) })
        case .call(let callee, let arguments, let keywords):
            key = .call(
                callee: reference(callee), arguments: arguments.map { reference($0) },
                keywords: keywords.map { Keyword(name: $0.name, value: reference($0.value)) })
        }
        // Children are leaves or variables, so the key hashes in constant time.
        if let variable = variableOfKey[key] { return .name(variable) }
        let variable = "_batt_\(statements.count)"
        statements.append(Assignment(target: variable, value: key, line: statements.count + 2))
        variableOfKey[key] = variable
        compoundCount += 1
        return .name(variable)
    }

    /// Records that the function's own variable `name` now reads `value`.
    mutating func assign(_ name: String, _ value: Expression) {
        assigned[name] = value
    }
}
