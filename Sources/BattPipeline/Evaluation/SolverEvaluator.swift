import BattLanguage
import BattTasks

/// Runs candidate solvers on their tasks. The pipeline talks only to this interface; it has two
/// implementations, the native runtime (`NativeEvaluator`) and a user's Python DSL run by a pool
/// of CPython workers (`PythonEvaluator`), and nothing else in the pipeline knows which one runs.
public protocol SolverEvaluator: Sendable {
    /// The version the verdicts of this evaluator are stored under.
    var solverVersion: SolverVersion { get }
    /// The size budget its verdicts answer to (the native runtime's element budget; a Python
    /// worker's memory limit in bytes): a cached verdict is reused only where it still holds.
    var budget: Int { get }
    /// What a candidate-file record depends on besides the file: parser, inliner, and the names
    /// the checker resolved.
    var languageVersion: String { get }
    /// What the evaluator found in the candidate files (with `--dsl`: import lines that add no name).
    var diagnostics: [CandidateDiagnostic] { get }
    /// The names a candidate read from `file` may use, and how to say where they were looked for.
    func nameScope(forFile file: String) -> NameScope
    /// Gets ready to validate (the Python evaluator starts its fork server here, not before):
    /// called once, only when some candidate has to be validated.
    func prepareToValidate() throws
    /// Validates one candidate on its task.
    func validate(_ function: CandidateFunction, on task: ARCTask) async -> Verdict
    /// Whether `validate(_:on:)` of a batch shares work between its candidates, so the pipeline
    /// should hand it all of a task's candidates at once rather than one at a time.
    var validatesTogether: Bool { get }
    /// Validates candidates of one task; verdict `k` is candidate `k`'s, as if validated alone.
    func validate(_ functions: [CandidateFunction], on task: ARCTask) async -> [Verdict]
    /// Stops whatever the evaluator started. Idempotent.
    func shutdown()
    /// What the evaluator did, for the run summary.
    var activity: EvaluatorActivity { get }
}

extension SolverEvaluator {
    public var validatesTogether: Bool { false }

    /// One candidate after another.
    public func validate(_ functions: [CandidateFunction], on task: ARCTask) async -> [Verdict] {
        var verdicts: [Verdict] = []
        verdicts.reserveCapacity(functions.count)
        for function in functions { verdicts.append(await validate(function, on: task)) }
        return verdicts
    }
}

/// The names a candidate can resolve, and where they came from.
public struct NameScope: Sendable {
    public var names: Set<String>
    /// The modules searched, when the names come from a Python DSL (for messages).
    public var modules: [String]?

    public init(names: Set<String>, modules: [String]?) {
        self.names = names
        self.modules = modules
    }
}

/// What an evaluator did during a run.
public struct EvaluatorActivity: Sendable, Codable, Equatable {
    /// `native`, or the Python DSL's path.
    public var runtime: String
    /// Python worker processes started (replacements included); 0 for the native runtime.
    public var workersStarted: Int
    /// Whether a Python process was started at all (the fork server counts).
    public var startedPython: Bool

    /// Calls (of primitives and function values) the validated solvers made, counted as if each
    /// ran alone; nil where the evaluator does not count them.
    public var callsRequested: Int?
    /// Calls actually computed: fewer than requested where solvers shared sub-expressions.
    public var callsEvaluated: Int?
    /// CPU time (of the threads that validated) spent compiling and validating, in seconds; nil
    /// where the evaluator does not measure it.
    public var validationCPUSeconds: Double?
    /// The part of `validationCPUSeconds` spent compiling candidates into programs.
    public var compileCPUSeconds: Double?
    /// Clock time spent evaluating solvers on their pairs, in seconds: with sharing, computing
    /// each distinct node once (what validation would cost with no bookkeeping at all); alone,
    /// each solver's whole run. Nil where the evaluator does not measure it.
    public var evaluationSeconds: Double?

    public init(
        runtime: String, workersStarted: Int = 0, startedPython: Bool = false, callsRequested: Int? = nil,
        callsEvaluated: Int? = nil, validationCPUSeconds: Double? = nil, compileCPUSeconds: Double? = nil,
        evaluationSeconds: Double? = nil
    ) {
        self.runtime = runtime
        self.workersStarted = workersStarted
        self.startedPython = startedPython
        self.callsRequested = callsRequested
        self.callsEvaluated = callsEvaluated
        self.validationCPUSeconds = validationCPUSeconds
        self.compileCPUSeconds = compileCPUSeconds
        self.evaluationSeconds = evaluationSeconds
    }

    enum CodingKeys: String, CodingKey {
        case runtime
        case workersStarted = "workers_started"
        case startedPython = "started_python"
        case callsRequested = "calls_requested"
        case callsEvaluated = "calls_evaluated"
        case validationCPUSeconds = "validation_cpu_seconds"
        case compileCPUSeconds = "compile_cpu_seconds"
        case evaluationSeconds = "evaluation_seconds"
    }
}
