import ArgumentParser
import BattCache
import BattPipeline
import Foundation

/// `batt cache prune`: remove verdicts by staleness, age, outcome, task and a size ceiling.
public struct PruneCommand: CacheSubcommand {
    public static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove verdicts from the cache, then shrink the file.",
        discussion: """
            The selection options combine with AND: `--status timeout --task 3c9b0459` removes the \
            timeouts of that task. Then --max-size removes the least recently used verdicts, across \
            all tasks, until the file fits. Solver bodies no verdict refers to any more go too, and \
            the file is vacuumed so it shrinks. --dry-run reports exactly what would go and changes \
            nothing (it prunes a private copy).
            """
    )

    @OptionGroup var file: CacheFileOption
    @OptionGroup var version: SolverVersionOption

    @Flag(name: .long, help: "Remove verdicts of solver versions other than the current one.")
    var stale = false

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Remove verdicts not used for this long: 7d, 12h, 30m (at most 36500d).", valueName: "age"),
        transform: Age.parse)
    var olderThan: Age?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Remove verdicts with this outcome (repeat or comma-separate): correct, wrong, error, timeout, budget.",
            valueName: "outcome"))
    var status: [String] = []

    @Option(name: .long, help: ArgumentHelp("Remove this task's verdicts (repeat for more tasks).", valueName: "id"))
    var task: [String] = []

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Then remove what it takes for the file to be at most this big: 100MB, 1.5GB (at most 1PB). Solver bodies no verdict refers to go first, then the least recently used verdicts.",
            valueName: "size"),
        transform: ByteSize.parse)
    var maxSize: ByteSize?

    @Flag(
        name: .long,
        help: "Remove the solver bodies no verdict refers to (left by a run that was killed or found the disk full).")
    var orphans = false

    @Flag(name: .long, help: "Report what would be removed; change nothing.")
    var dryRun = false

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "How many removed verdicts to list, least recently used first (0 to 10^9 or 'all'; default: 20 with --dry-run, else 0).",
            valueName: "n"),
        transform: ListLimit.parse)
    var list: ListLimit?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    public init() {}

    public func validate() throws {
        _ = try outcomes()
        if !stale && olderThan == nil && status.isEmpty && task.isEmpty && maxSize == nil && !orphans {
            throw ValidationError(
                "Say what to prune: --stale, --older-than AGE, --status OUTCOME, --task ID, --orphans and/or --max-size SIZE."
            )
        }
    }

    public func run() throws { try printingOutput() }

    func execute() throws -> CacheCommandOutput {
        let current = version.current
        let store = try CacheOpening.existing(file.path, preferWritable: !dryRun)
        if !dryRun && !store.accessMode.isWritable {
            throw CacheError.readOnly(path: file.path, operation: "prune")
        }
        let listed = list?.count ?? (dryRun ? 20 : 0)
        let options = PruneOptions(
            currentSolverVersion: current, stale: stale,
            unusedFor: olderThan.map { .milliseconds($0.milliseconds) },
            outcomes: Set(try outcomes()), taskIDs: Set(task),
            maxSizeBytes: maxSize.map { Int($0.bytes) }, orphans: orphans, dryRun: dryRun, listedKeysLimit: listed,
            otherCurrentVersions: SolverVersion.currentPythonDSLVersions(in: store, base: current))
        let report = try store.prune(options)
        // A dry run leaves the verdicts in place, so they can be shown in full.
        let details = dryRun ? try store.verdicts(for: report.removedKeys) : [:]
        var output = CacheCommandOutput(
            text: json
                ? try CacheJSON.encode(PruneReportJSON(report, options: options, details: details, path: file.path))
                : PruneReportText.text(report, options: options, details: details, path: file.path))
        output.errors += store.warnings.map { "warning: \($0)" }
        if let maxSize = options.maxSizeBytes, report.fitsMaxSize == false {
            output.errors.append(
                "even an empty cache (\(CacheText.bytes(report.bytesAfter))) is larger than --max-size \(CacheText.bytes(maxSize)); every verdict \(dryRun ? "would be" : "was") removed."
            )
            output.failed = true
        }
        return output
    }

    /// The `--status` values, each checked.
    func outcomes() throws -> [Outcome] {
        try status.flatMap { $0.split(separator: ",") }.map { text in
            let name = text.trimmingCharacters(in: .whitespaces).lowercased()
            guard let outcome = Outcome(rawValue: name) else {
                throw ValidationError(
                    "Unknown outcome '\(text)' for --status; use correct, wrong, error, timeout or budget.")
            }
            return outcome
        }
    }
}

/// `--list`: a number of rows, or `all`.
struct ListLimit: ExpressibleByArgument, Equatable {
    let count: Int

    init?(argument: String) {
        guard let limit = try? Self.parse(argument) else { return nil }
        self = limit
    }

    private init(count: Int) { self.count = count }

    static func parse(_ argument: String) throws -> ListLimit {
        if argument.trimmingCharacters(in: .whitespaces).lowercased() == "all" { return ListLimit(count: Int.max) }
        do {
            return ListLimit(count: try WholeNumber.parse(argument, in: WholeNumber.count))
        } catch {
            throw OptionValueError("\(error) or 'all'")
        }
    }
}
