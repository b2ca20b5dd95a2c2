import ArgumentParser
import BattCache
import BattPipeline
import BattTasks
import Foundation
import Synchronization

/// `batt run`: validate candidates against their tasks, serving known verdicts from the cache.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate candidate solvers on their tasks, skipping every solver the cache already knows.",
        discussion: """
            With no paths, runs the example shipped in the repository (Examples/tasks and \
            Examples/candidates.py). Exit status: 0 when the run completed, whatever the verdicts; \
            1 when the tasks, candidates or cache cannot be used; 3 when the run completed but some \
            candidate functions could not be read; 4 when the run completed but the disk holding the \
            cache filled up, so some verdicts were not stored.
            """
    )

    @Option(
        name: .long, help: "ARC tasks: a folder of <id>.json, a Kaggle challenges/solutions pair, or one combined JSON."
    )
    var tasks: String?

    @Option(name: .long, help: "Candidate solvers: a .py file of functions, or a folder tree of .py files.")
    var candidates: String?

    @Option(name: .long, help: "The task of candidates whose name or folder does not say it.")
    var task: String?

    @Option(name: .long, help: "The cache file (default: $BATT_CACHE, else ./batt-cache.sqlite).")
    var cache: String?

    @Option(name: .long, help: "Start a missing cache from a copy of this (possibly read-only) cache.")
    var seed: String?

    @OptionGroup var limits: ValidationLimits

    @Option(
        name: .long,
        help:
            "A tag naming your DSL or scoring changes; verdicts of other tags are never served (default: $BATT_SOLVER_VERSION)."
    )
    var solverVersion: String?

    @Flag(name: .long, help: "Run without a cache.")
    var noCache = false

    @Flag(
        name: .long,
        help: "Validate each candidate on its own instead of sharing a task's common sub-expressions (same verdicts).")
    var noShare = false

    @Option(name: .long, help: "Write one JSON line per candidate to this file.")
    var report: String?

    @Option(name: .long, help: "Write each correct solver's inlined source under this folder.")
    var emit: String?

    @Option(
        name: .long,
        help:
            "Validate with this Python DSL (PATH/dsl.py) through a pool of CPython workers instead of the native runtime."
    )
    var dsl: String?

    @Option(name: .long, help: "The Python interpreter for --dsl: a name on PATH or a path.")
    var python: String = "python3"

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Memory each --dsl worker may add beyond the imported DSL (512MB, 2GB; 1MB to 1PB); default: half the RAM shared by the workers.",
        transform: ByteSize.parseWorkerMemory)
    var workerMemory: ByteSize?

    @OptionGroup var sharding: ShardOptions

    @Flag(name: .long, help: "Print one machine-readable JSON summary instead of the tables.")
    var json = false

    @Flag(name: .long, help: "Print the per-task table even with more than 40 tasks (otherwise a summary).")
    var table = false

    @Flag(name: .long, help: "Print only the totals line (and errors).")
    var quiet = false

    public init() {}

    public func validate() throws {
        if let task, let problem = TaskID.problem(with: task) {
            throw ValidationError(
                "--task \(TaskID.quoted(task)) is refused: \(problem); give the id of a task in --tasks.")
        }
        if noCache && (cache != nil || seed != nil) {
            throw ValidationError("--no-cache cannot be combined with --cache or --seed.")
        }
        if dsl == nil && (python != "python3" || workerMemory != nil) {
            throw ValidationError("--python and --worker-memory apply only with --dsl PATH/dsl.py.")
        }
    }

    /// `512MB`, `2GB`, `1.5G`, `1048576`: bytes, or nil when it is not a size.
    public func run() async throws {
        // An interrupted --seed leaves no copy of the seed cache behind.
        TemporaryFiles.shared.removeOnInterrupt()
        let environment = ProcessInfo.processInfo.environment
        let example = ExamplePaths.locate()
        guard let tasksPath = tasks ?? example?.tasks else {
            fail("no --tasks given and no Examples/tasks folder here: pass --tasks PATH (a folder of ARC task files)")
        }
        guard let candidatesPath = candidates ?? example?.candidates else {
            fail(
                "no --candidates given and no Examples/candidates.py here: pass --candidates PATH (a .py file or folder)"
            )
        }
        let cachePath = noCache ? nil : (cache ?? environment["BATT_CACHE"] ?? "batt-cache.sqlite")
        let shard: Shard?
        do { shard = try sharding.resolve(environment) } catch { fail(error.description) }
        var options = RunOptions(
            tasksPath: tasksPath, candidatesPath: candidatesPath, defaultTaskID: task,
            cachePath: cachePath, seedPath: seed, timeLimitSeconds: limits.timeout.seconds,
            jobs: limits.jobCount,
            solverVersion: SolverVersion(tag: solverVersion ?? environment["BATT_SOLVER_VERSION"]),
            budget: limits.budget, reportPath: report, emitDirectory: emit,
            pythonDSL: dsl.map {
                PythonDSLOptions(dslPath: $0, python: python, workerMemoryBytes: workerMemory?.bytes)
            })
        options.shard = shard
        options.sharesEvaluation = !noShare
        let progress = ProgressPrinter(enabled: !quiet && !json)
        let outcome: RunOutcome
        do {
            outcome = try await Pipeline(options: options, progress: { progress.handle($0) }).run()
        } catch let error as PipelineError {
            progress.finish()
            FileHandle.standardError.write(Data("batt: \(error)\n".utf8))
            throw ExitCode(BattExitStatus.failure)
        }
        progress.finish()
        do {
            if let report { try CandidateReport.write(outcome.results, to: report) }
            if let emit {
                let emitted = try SolverEmitter.emit(outcome, to: emit)
                if !quiet && !json {
                    print(
                        "emitted \(emitted.written) solver file(s) and \(emitted.linked) task link(s) under \(emit)"
                            + (emitted.withoutText > 0
                                ? " (\(emitted.withoutText) correct solver(s) too large to write as text)" : "")
                            + (emitted.refusedTaskIDs > 0
                                ? " (\(emitted.refusedTaskIDs) task(s) left out: their ids cannot be folder names)"
                                : ""))
                }
            }
        } catch {
            FileHandle.standardError.write(Data("batt: \(error)\n".utf8))
            throw ExitCode(BattExitStatus.failure)
        }
        if json {
            print(try RunReport.json(outcome.summary))
        } else {
            print(RunReport.text(outcome.summary, results: outcome.results, quiet: quiet, fullTable: table))
        }
        if let failure = outcome.summary.cacheWriteFailure, quiet || json {
            FileHandle.standardError.write(
                Data(
                    "batt: \(outcome.summary.verdictsNotStored) verdict(s) of this run were not stored: \(failure)\n"
                        .utf8))
        }
        RunCommand.lastOutcome.withLock { $0 = outcome }
        if outcome.summary.cacheFull { throw ExitCode(BattExitStatus.cacheDiskFull) }
        if outcome.summary.unreadable > 0 { throw ExitCode(BattExitStatus.someCandidatesUnreadable) }
    }

    /// The last run's outcome, left for the process's exit to free: freeing a run's tables value
    /// by value costs a warm run more than printing its report, and exit returns them at once.
    private static let lastOutcome = Mutex<RunOutcome?>(nil)
}

/// Says why the run cannot start and exits with the documented status for unusable input.
private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("batt: \(message)\n".utf8))
    Foundation.exit(BattExitStatus.failure)
}

/// The example shipped in the repository, found from the current folder.
enum ExamplePaths {
    static func locate() -> (tasks: String, candidates: String)? {
        let tasks = "Examples/tasks"
        let candidates = "Examples/candidates.py"
        guard FileManager.default.fileExists(atPath: tasks), FileManager.default.fileExists(atPath: candidates) else {
            return nil
        }
        return (tasks, candidates)
    }
}
