import ArgumentParser
import BattCache
import BattPipeline
import Foundation

/// `batt cache inspect`: what the cache holds, one task's verdicts, or one solver.
public struct InspectCommand: CacheSubcommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the cache holds: totals, size, hit rates and the largest tasks.",
        discussion: """
            With --task, lists that task's verdicts, best first (correct, then most pairs right, \
            then fastest). With --solver, shows one solver's inlined source and all its verdicts. \
            Opens the cache read-only: safe while runs write to it.
            """
    )

    @OptionGroup var file: CacheFileOption
    @OptionGroup var version: SolverVersionOption

    @Option(name: .long, help: "List this task's verdicts, best first.")
    var task: String?

    @Option(
        name: .long, help: ArgumentHelp("Show this solver's inlined source and all its verdicts.", valueName: "md5"))
    var solver: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: "How many verdicts --task lists, 0 for all (0 to 10^9; default: 20).",
        transform: { try WholeNumber.parse($0, in: WholeNumber.count) })
    var limit: Int = 20

    @Option(
        name: .long, parsing: .unconditional,
        help: "How many of the latest runs the hit rates cover (0 to 10^9; default: 10).",
        transform: { try WholeNumber.parse($0, in: WholeNumber.count) })
    var runs: Int = 10

    @Option(
        name: .long, parsing: .unconditional, help: "How many of the largest tasks to list (0 to 10^9; default: 10).",
        transform: { try WholeNumber.parse($0, in: WholeNumber.count) })
    var top: Int = 10

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    public init() {}

    public func validate() throws {
        if task != nil && solver != nil {
            throw ValidationError("Give --task or --solver, not both.")
        }
    }

    public func run() throws { try printingOutput() }

    func execute() throws -> CacheCommandOutput {
        let store = try CacheOpening.existing(file.path, preferWritable: false)
        let current = version.current
        var output: CacheCommandOutput
        if let task {
            output = try taskOutput(store, task: task, current: current)
        } else if let solver {
            output = try solverOutput(store, md5: solver.lowercased(), current: current)
        } else {
            let summary = try store.inspect(
                currentSolverVersion: current,
                otherCurrentVersions: SolverVersion.currentPythonDSLVersions(in: store, base: current),
                recentRuns: runs, largestTasks: top)
            // A cache of a schema before 0004 has no Python DSLs.
            let dsls = (try? store.pythonDSLsByVersion()) ?? [:]
            output = CacheCommandOutput(
                text: json
                    ? try CacheJSON.encode(
                        InspectReport.SummaryJSON(summary, current: current, warnings: store.warnings, dsls: dsls))
                    : InspectReport.text(summary, current: current, dsls: dsls))
        }
        if !json { output.errors += store.warnings.map { "warning: \($0)" } }
        return output
    }

    private func taskOutput(_ store: CacheStore, task: String, current: String) throws -> CacheCommandOutput {
        let verdicts = try store.verdicts(forTask: task)
        guard !verdicts.isEmpty else {
            throw CacheCommandError("The cache '\(file.path)' has no verdict for task '\(task)'.")
        }
        let shown = limit == 0 ? verdicts : Array(verdicts.prefix(limit))
        if json {
            return CacheCommandOutput(
                text: try CacheJSON.encode(
                    InspectReport.TaskJSON(
                        task: task, currentSolverVersion: current, verdicts: verdicts.count,
                        correct: verdicts.filter { $0.outcome == .correct }.count,
                        listed: shown.map { InspectReport.VerdictJSON($0, current: current) })))
        }
        return CacheCommandOutput(
            text: InspectReport.taskText(task, verdicts: verdicts, shown: shown, current: current))
    }

    private func solverOutput(_ store: CacheStore, md5: String, current: String) throws -> CacheCommandOutput {
        guard let details = try store.solver(md5: md5) else {
            throw CacheCommandError(
                "The cache '\(file.path)' knows no solver '\(md5)'; `batt cache inspect --task ID` lists a task's solvers."
            )
        }
        if json {
            return CacheCommandOutput(text: try CacheJSON.encode(InspectReport.SolverJSON(details, current: current)))
        }
        return CacheCommandOutput(text: InspectReport.solverText(details, current: current))
    }
}
