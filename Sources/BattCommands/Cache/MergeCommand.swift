import ArgumentParser
import BattCache
import Foundation

/// `batt cache merge`: combine the caches of several sessions or machines into one.
public struct MergeCommand: CacheSubcommand {
    public static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge other cache files into one cache.",
        discussion: """
            Sources are only read; they may be read-only or sit in read-only folders. The destination \
            (--into, default: $BATT_CACHE, else ./batt-cache.sqlite) is created if missing. When both \
            hold a verdict for the same solver, task and solver version, one stays: the more \
            informative outcome (correct > wrong > error > timeout = budget), then, between two \
            stopped runs, the one with the larger time limit, then the newer; on a full tie the \
            destination's. It keeps the larger hit count and the later last use of the two. Solver \
            bodies and runs are unioned. Merging again is harmless. A source that is the destination \
            itself, or that was written by a newer batt, is refused before anything is written.
            """
    )

    @Argument(help: ArgumentHelp("Cache files to merge in.", valueName: "source"))
    var sources: [String] = []

    @Option(
        name: [.customLong("into"), .customLong("cache")],
        help: ArgumentHelp(
            "The cache to merge into (default: $BATT_CACHE, else ./batt-cache.sqlite).", valueName: "file"))
    var into: String?

    @OptionGroup var version: SolverVersionOption

    @Flag(name: .long, help: "Skip source verdicts of solver versions other than the current one.")
    var skipStale = false

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    public init() {}

    public func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("Name at least one cache file to merge in.") }
    }

    public func run() throws { try printingOutput() }

    var destination: String { CacheFileOption.resolve(into, environment: ProcessInfo.processInfo.environment) }

    func execute() throws -> CacheCommandOutput {
        let destination = destination
        // Refuse before the destination is opened (and so created or migrated).
        for source in sources {
            try CacheOpening.requireExisting(source)
            if Self.sameFile(source, destination) { throw CacheError.mergeIntoItself(path: source) }
        }
        for source in sources {
            _ = try CacheStore(path: source, mode: .readOnly)
        }
        let store = try CacheStore(path: destination, mode: .readWrite)
        let current = skipStale ? version.current : nil
        let report = try store.merge(sources: sources, currentSolverVersion: current)
        var output = CacheCommandOutput(
            text: json
                ? try CacheJSON.encode(MergeReportJSON(report, into: destination, sources: sources, current: current))
                : Self.text(report, into: destination, sources: sources, current: current))
        output.errors += report.warnings.map { "warning: \($0)" }
        return output
    }

    static func text(_ report: MergeReport, into destination: String, sources: [String], current: String?) -> String {
        func row(_ name: String, _ counts: MergeCounts) -> [String] {
            [name, CacheText.count(counts.added), CacheText.count(counts.kept), CacheText.count(counts.replaced)]
        }
        var lines = ["merged \(sources.count) cache\(sources.count == 1 ? "" : "s") into \(destination)"]
        lines.append(
            CacheText.table(
                ["rows", "added", "kept", "replaced"],
                [row("verdicts", report.verdicts), row("solvers", report.solvers), row("runs", report.runs)],
                rightAligned: [1, 2, 3]))
        lines.append(
            "added: new to the destination; kept: present in both, the destination's row won; replaced: the source's row won"
        )
        if let current {
            lines.append(
                "skipped \(CacheText.count(report.skippedStaleVerdicts)) source verdicts of solver versions other than \(current)"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// Whether two paths name one file (the destination may not exist yet).
    static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        if stat(first, &a) == 0, stat(second, &b) == 0 {
            return a.st_dev == b.st_dev && a.st_ino == b.st_ino
        }
        let resolve = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return resolve(first) == resolve(second)
    }
}

/// What `batt cache merge --json` prints.
struct MergeReportJSON: Encodable {
    struct Counts: Encodable {
        var added: Int
        var kept: Int
        var replaced: Int

        init(_ counts: MergeCounts) {
            added = counts.added
            kept = counts.kept
            replaced = counts.replaced
        }
    }

    var into: String
    var sources: [String]
    var verdicts: Counts
    var solvers: Counts
    var runs: Counts
    /// Set with --skip-stale.
    var currentSolverVersion: String?
    var skippedStaleVerdicts: Int
    var warnings: [String]

    init(_ report: MergeReport, into: String, sources: [String], current: String?) {
        self.into = into
        self.sources = sources
        verdicts = Counts(report.verdicts)
        solvers = Counts(report.solvers)
        runs = Counts(report.runs)
        currentSolverVersion = current
        skippedStaleVerdicts = report.skippedStaleVerdicts
        warnings = report.warnings
    }
}
