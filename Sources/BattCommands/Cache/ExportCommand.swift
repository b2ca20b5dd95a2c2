import ArgumentParser
import BattCache
import Foundation

/// `batt cache export`: a compact, self-contained snapshot to share or save.
public struct ExportCommand: CacheSubcommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a compact, self-contained snapshot of the cache to a new file.",
        discussion: """
            The snapshot is one consistent read of the cache (safe while other processes write to it), \
            vacuumed, in rollback-journal mode and checked with quick_check before it takes its name. \
            Unlike a copy of a WAL cache, it needs no -wal file and opens read-only from a read-only \
            folder (a Kaggle dataset under /kaggle/input). Start a writable cache from it with \
            `batt run --cache NEW.sqlite --seed SNAPSHOT.sqlite`. An existing --out file is never replaced.
            """
    )

    @OptionGroup var file: CacheFileOption

    @Option(name: .long, help: ArgumentHelp("The snapshot file to write; it must not exist.", valueName: "file"))
    var out: String

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    public init() {}

    public func run() throws { try printingOutput() }

    func execute() throws -> CacheCommandOutput {
        if FileManager.default.fileExists(atPath: out) { throw CacheError.destinationExists(path: out) }
        // Read-only: VACUUM INTO reads through the -wal, and a snapshot exported again stays a
        // snapshot (a read-write open would switch it to WAL). Only a cache whose schema is too
        // old to be read so is opened read-write, which migrates it first.
        let store: CacheStore
        do {
            store = try CacheOpening.existing(file.path, preferWritable: false)
        } catch CacheError.olderSchemaReadOnly {
            store = try CacheStore(path: file.path, mode: .readWrite)
        }
        let report = try store.export(to: out)
        var output = CacheCommandOutput(
            text: json
                ? try CacheJSON.encode(ExportReportJSON(report, source: file.path))
                : Self.text(report, source: file.path))
        output.errors += report.warnings.map { "warning: \($0)" }
        return output
    }

    static func text(_ report: SnapshotReport, source: String) -> String {
        [
            "exported \(source) (\(report.sourceAccessMode.label)) to \(report.path)",
            CacheText.fields([
                ("size", "\(CacheText.bytes(report.bytes)), vacuumed, rollback journal, quick_check ok"),
                (
                    "rows",
                    [
                        CacheText.count(report.verdicts, "verdict"),
                        CacheText.count(report.solvers, "solver body", "solver bodies"),
                        CacheText.count(report.runs, "run"),
                    ].joined(separator: ", ")
                ),
            ]),
            "start a writable cache from it: batt run --cache NEW.sqlite --seed \(report.path)",
        ].joined(separator: "\n")
    }
}

/// What `batt cache export --json` prints.
struct ExportReportJSON: Encodable {
    var source: String
    var sourceAccessMode: String
    var out: String
    var bytes: Int
    var verdicts: Int
    var solvers: Int
    var runs: Int
    var journalMode = "delete"
    var quickCheck = "ok"
    var warnings: [String]

    init(_ report: SnapshotReport, source: String) {
        self.source = source
        sourceAccessMode = report.sourceAccessMode.name
        out = report.path
        bytes = report.bytes
        verdicts = report.verdicts
        solvers = report.solvers
        runs = report.runs
        warnings = report.warnings
    }
}
