import BattDSL
import BattLanguage
import BattTasks
import Foundation

/// The native runtime: arc-dsl's primitives in Swift, the fast path.
///
/// With `shares` (the default; `--no-share` turns it off) a task's candidates are validated
/// together by `SharedValidator`, each distinct sub-expression computed once per pair.
public struct NativeEvaluator: SolverEvaluator {
    public let validator: Validator
    public let solverVersion: SolverVersion
    public let shares: Bool
    /// Threads that may work on one task's candidates at once when they are validated together:
    /// `--jobs`, at most one per core.
    public let jobs: Int
    private let tally = CallTally()

    public init(validator: Validator, solverVersion: SolverVersion, shares: Bool = true, jobs: Int = 1) {
        self.validator = validator
        self.solverVersion = solverVersion
        self.shares = shares
        self.jobs = max(1, min(jobs, ProcessInfo.processInfo.activeProcessorCount))
    }

    public var budget: Int { validator.budget }

    public var languageVersion: String { CandidateSource.languageVersion }

    public var diagnostics: [CandidateDiagnostic] { [] }

    public func nameScope(forFile file: String) -> NameScope {
        NameScope(names: Primitives.knownNames, modules: nil)
    }

    public func prepareToValidate() throws {}

    public func validate(_ function: CandidateFunction, on task: ARCTask) async -> Verdict {
        let start = ThreadClock.cpuNanoseconds()
        guard let program = try? ProgramCompiler.compile(function) else {
            // What cannot be compiled is the candidate's error, said by the usual path.
            return Pipeline.validate(function, on: task, with: validator)
        }
        let compiled = ThreadClock.cpuNanoseconds()
        let verdict = validator.validate(program, on: task)
        let end = ThreadClock.cpuNanoseconds()
        tally.add(
            SharedValidator.Counts(computingNanoseconds: UInt64(verdict.elapsedSeconds * 1e9)),
            cpuNanoseconds: end &- start, compileNanoseconds: compiled &- start)
        return verdict
    }

    public var validatesTogether: Bool { shares }

    /// The fewest candidates of one task whose compiling and pairs are spread over threads.
    static let smallestSpreadBatch = 64
    /// The fewest candidates of one task split into one graph per job, each on its own thread:
    /// merging the candidates into a graph is the part that spreading pairs leaves on one thread.
    static let smallestSplitBatch = 1_024

    public func validate(_ functions: [CandidateFunction], on task: ARCTask) async -> [Verdict] {
        guard shares else {
            var verdicts: [Verdict] = []
            for function in functions { verdicts.append(await validate(function, on: task)) }
            return verdicts
        }
        guard jobs > 1, functions.count >= NativeEvaluator.smallestSplitBatch else {
            // A batch of few candidates stays on one thread: other tasks' batches keep the cores busy.
            let workers = functions.count >= NativeEvaluator.smallestSpreadBatch ? jobs : 1
            return validateTogether(functions[...], on: task, workers: workers)
        }
        // Contiguous parts, one per job; every verdict is the one its candidate gets alone, so
        // how the batch is split changes none.
        let parts = (0..<jobs).map { part in
            functions.count * part / jobs..<functions.count * (part + 1) / jobs
        }
        let verdicts = IndexedResults<[Verdict]>(count: parts.count, empty: [])
        // Each part counts its own thread's CPU time.
        _ = ParallelLoop.run(count: parts.count, workers: jobs) { part in
            verdicts.set(part, validateTogether(functions[parts[part]], on: task, workers: 1))
        }
        return verdicts.all.flatMap { $0 }
    }

    /// Validates `functions` together on the calling thread and up to `workers - 1` more.
    private func validateTogether(_ functions: ArraySlice<CandidateFunction>, on task: ARCTask, workers: Int)
        -> [Verdict]
    {
        let functions = Array(functions)
        let start = ThreadClock.cpuNanoseconds()
        // Compiled on up to `workers` threads, each writing only its own slot.
        let slots = IndexedResults<Program?>(count: functions.count, empty: nil)
        let compileHelpers = ParallelLoop.run(count: functions.count, workers: workers) { k in
            slots.set(k, try? ProgramCompiler.compile(functions[k]))
        }
        var verdicts = [Verdict?](repeating: nil, count: functions.count)
        var programs: [Program] = []
        programs.reserveCapacity(functions.count)
        var positions: [Int] = []
        for (k, program) in slots.all.enumerated() {
            if let program {
                programs.append(program)
                positions.append(k)
            } else {
                // What cannot be compiled is the candidate's error, said by the usual path.
                verdicts[k] = Pipeline.validate(functions[k], on: task, with: validator)
            }
        }
        let compiled = ThreadClock.cpuNanoseconds()
        let shared = SharedValidator(validator: validator).validate(programs, on: task, workers: workers)
        for (offset, k) in positions.enumerated() { verdicts[k] = shared.verdicts[offset] }
        tally.add(
            shared.counts,
            cpuNanoseconds: (ThreadClock.cpuNanoseconds() &- start) &+ compileHelpers
                &+ shared.helperCPUNanoseconds,
            compileNanoseconds: (compiled &- start) &+ compileHelpers)
        return verdicts.map { $0! }
    }

    public func shutdown() {}

    public var activity: EvaluatorActivity {
        let (counts, cpu, compiling) = tally.totals
        return EvaluatorActivity(
            runtime: "native", callsRequested: shares ? counts.requested : nil,
            callsEvaluated: shares ? counts.evaluated : nil, validationCPUSeconds: Double(cpu) / 1e9,
            compileCPUSeconds: Double(compiling) / 1e9,
            evaluationSeconds: Double(counts.computingNanoseconds) / 1e9)
    }
}

/// The calls and CPU time counted across concurrent batches.
private final class CallTally: @unchecked Sendable {
    private let lock = NSLock()
    private var total = SharedValidator.Counts()
    private var cpuNanoseconds: UInt64 = 0
    private var compileNanoseconds: UInt64 = 0

    func add(_ counts: SharedValidator.Counts, cpuNanoseconds cpu: UInt64, compileNanoseconds compiling: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        total.requested += counts.requested
        total.evaluated += counts.evaluated
        total.computingNanoseconds &+= counts.computingNanoseconds
        cpuNanoseconds &+= cpu
        compileNanoseconds &+= compiling
    }

    var totals: (SharedValidator.Counts, UInt64, UInt64) {
        lock.lock()
        defer { lock.unlock() }
        return (total, cpuNanoseconds, compileNanoseconds)
    }

}
