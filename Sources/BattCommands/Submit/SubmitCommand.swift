import ArgumentParser
import BattCache
import BattPipeline
import BattTasks
import Foundation

/// `batt submit`: the Kaggle `submission.json` from the solvers the cache knows.
public struct SubmitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Write a Kaggle ARC Prize submission.json from the best two solvers of each task in the cache.",
        discussion: """
            Each task's cached solvers (verdicts of this task content and solver version with at \
            least one demonstration right) are ranked: every demonstration right first, then more \
            demonstrations right, then fewer distinct sub-expressions, then faster, then solver md5. \
            For each test input, attempt 1 is the output of the best solver that returns a grid, \
            attempt 2 that of the next solver whose grid differs. An attempt no solver gives is the \
            test input itself, so the file always answers every test input of every task. With \
            --candidates, the candidates the cache does not know are validated first, as batt run \
            does. Exit status: 0 when the file was written; 1 when the tasks, candidates or cache \
            cannot be used (a challenges file with a malformed task included), or the file cannot \
            be written.
            """
    )

    @Option(
        name: .long, help: "The Kaggle challenges file (arc-agi_test_challenges.json), or any tasks batt run reads.")
    var tasks: String

    @Option(name: .long, help: "The cache file (default: $BATT_CACHE, else ./batt-cache.sqlite).")
    var cache: String?

    @Option(name: .long, help: "Where to write the submission.")
    var out: String = "submission.json"

    @Option(name: .long, help: "Validate these candidates first (a .py file or folder), as batt run does.")
    var candidates: String?

    @Option(name: .long, help: "The task of candidates whose name or folder does not say it.")
    var task: String?

    @Option(name: .long, help: "Start a missing cache from a copy of this (possibly read-only) cache.")
    var seed: String?

    @OptionGroup var limits: ValidationLimits

    @Option(name: .long, help: "The tag of the verdicts to use (default: $BATT_SOLVER_VERSION).")
    var solverVersion: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: "At most this many solvers of a task are run on its test inputs, best first (1 to 1000000).",
        transform: { try WholeNumber.parse($0, in: WholeNumber.solvers) })
    var maxSolvers: Int = AttemptPicker.defaultMaximumSolvers

    @Flag(
        name: .long,
        help:
            "Among solvers with every demonstration right, take first the output more of them agree on, then the simpler program."
    )
    var preferAgreement = false

    @OptionGroup var sharding: ShardOptions

    @Flag(name: .long, help: "Print one machine-readable JSON summary instead of text.")
    var json = false

    public init() {}

    public func validate() throws {
        if seed != nil && candidates == nil {
            throw ValidationError("--seed starts the cache a --candidates run writes; give --candidates too.")
        }
        if sharding.shard != nil && candidates == nil {
            throw ValidationError(
                "--shard chooses which candidates to validate; give --candidates too (the submission is written from the whole cache)."
            )
        }
    }

    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let cachePath = CacheFileOption.resolve(cache, environment: environment)
        let version = SolverVersion(tag: solverVersion ?? environment["BATT_SOLVER_VERSION"])
        let taskSet: TaskSet
        do {
            taskSet = try TaskLoader.load(path: tasks)
        } catch {
            throw Self.failure("\(error)")
        }
        // Refuse a challenges file with unreadable tasks before spending a run on it.
        guard taskSet.diagnostics.isEmpty, !taskSet.isEmpty else {
            let problem =
                taskSet.isEmpty && taskSet.diagnostics.isEmpty
                ? SubmissionError.noTasks(path: tasks)
                : SubmissionError.malformedTasks(path: tasks, problems: taskSet.diagnostics.map(\.description))
            throw Self.failure(problem.description)
        }

        var run: RunSummary?
        if let candidates {
            var options = RunOptions(
                tasksPath: tasks, candidatesPath: candidates, defaultTaskID: task, cachePath: cachePath,
                seedPath: seed, timeLimitSeconds: limits.timeout.seconds,
                jobs: limits.jobCount, solverVersion: version, budget: limits.budget)
            do { options.shard = try sharding.resolve(environment) } catch { throw Self.failure(error.description) }
            let outcome: RunOutcome
            do {
                outcome = try await Pipeline(options: options).run()
            } catch {
                throw Self.failure("\(error)")
            }
            guard outcome.summary.cacheMode == "read-write" else {
                throw Self.failure(
                    "the cache '\(cachePath)' cannot be written, so this run's verdicts cannot be ranked: start a writable cache with --cache NEW --seed '\(cachePath)'"
                )
            }
            run = outcome.summary
        }

        let store: CacheStore
        do {
            store = try CacheOpening.existing(cachePath, preferWritable: false)
        } catch CacheError.fileNotFound {
            throw Self.failure(
                "no cache at '\(cachePath)': pass --cache FILE, or --candidates PATH to validate candidates first")
        } catch {
            throw Self.failure("\(error)")
        }
        let submission: Submission
        do {
            submission = try Submission.make(
                taskSet: taskSet, tasksPath: tasks, store: store, solverVersion: version.description,
                picker: AttemptPicker(
                    timeLimitSeconds: limits.timeout.seconds, budget: limits.budget, maximumSolvers: maxSolvers,
                    preferAgreement: preferAgreement))
            try submission.write(to: out)
        } catch {
            throw Self.failure("\(error)")
        }
        let summary = submission.summary(out: out)
        if json {
            print(try SubmitReport.json(summary, run: run))
        } else {
            print(SubmitReport.text(summary, run: run))
        }
    }

    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("batt: \(message)\n".utf8))
        return ExitCode(BattExitStatus.failure)
    }
}
