import ArgumentParser
import BattCache
import Foundation

/// `batt cache verify`: is the cache sound, and what to do when it is not.
public struct VerifyCommand: CacheSubcommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the cache file: integrity, schema version, leftover -wal, row counts.",
        discussion: """
            Never writes to the file. Exit status 0 when the cache is usable (a -wal left by a killed \
            run is normal: the next run folds it in), 1 when anything is wrong; the report then says \
            what and how to recover.
            """
    )

    @OptionGroup var file: CacheFileOption

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    public init() {}

    public func run() throws { try printingOutput() }

    func execute() throws -> CacheCommandOutput {
        let path = file.path
        let report = CacheStore.verify(path: path)
        let advice = report.isOK ? [] : Self.advice(for: report, path: path)
        var output = CacheCommandOutput(
            text: json
                ? try CacheJSON.encode(VerifyReportJSON(report, advice: advice))
                : Self.text(report, advice: advice))
        if !report.isOK {
            output.errors.append(
                "the cache '\(path)' failed verification: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")"
            )
            output.failed = true
        }
        return output
    }

    static func text(_ report: VerifyReport, advice: [String]) -> String {
        var fields: [(String, String)] = [("cache", report.path)]
        if !report.integrity.isEmpty {
            fields.append(
                ("integrity", report.integrity == ["ok"] ? "ok" : "FAILED (\(report.integrity.count) messages)"))
        }
        if !report.appliedMigrations.isEmpty || !report.integrity.isEmpty {
            fields.append(
                ("schema", CacheText.schema(applied: report.appliedMigrations, supported: report.supportedMigrations)))
        }
        if let walBytes = report.walBytes, walBytes > 0 {
            fields.append(
                ("-wal", "\(CacheText.bytes(walBytes)) not yet checkpointed; the next read-write open folds it in"))
        } else if !report.integrity.isEmpty {
            fields.append(("-wal", "none"))
        }
        if let verdicts = report.verdicts {
            fields.append(
                (
                    "rows",
                    [
                        CacheText.count(report.solvers ?? 0, "solver body", "solver bodies"),
                        CacheText.count(verdicts, "verdict"),
                        CacheText.count(report.runs ?? 0, "run"),
                    ].joined(separator: ", ")
                ))
        }
        var lines = [CacheText.fields(fields)]
        lines += report.warnings.map { "warning: \($0)" }
        lines += report.problems.map { "problem: " + abridged($0) }
        lines += advice.map { "recover: \($0)" }
        lines.append(report.isOK ? "OK" : "FAILED")
        return lines.joined(separator: "\n")
    }

    /// A long message (SQLite's integrity report) cut to its first lines.
    static func abridged(_ message: String, lines limit: Int = 8) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > limit else { return message }
        return lines.prefix(limit).joined(separator: "\n")
            + "\n... (\(lines.count - limit) more lines; --json shows them all)"
    }

    /// What to do about the problems `report` lists.
    static func advice(for report: VerifyReport, path: String) -> [String] {
        let quoted = CacheText.shellQuoted(path)
        let aside = { (suffix: String) in CacheText.shellQuoted(path + suffix) }
        let startAgain = "or start a new cache from your last export: batt run --cache NEW.sqlite --seed EXPORT.sqlite"
        let damaged = aside(".damaged")
        let salvage =
            "the file is damaged. Move it aside (mv \(quoted) \(damaged)) and salvage the rows SQLite can still read "
            + "into a new cache (sqlite3 \(damaged) .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 \(quoted)), "
            + "then verify it again; " + startAgain + "."
        if !report.integrity.isEmpty && report.integrity != ["ok"] { return [salvage] }
        // Ask again for the typed reason: a file that does not open, or one that opens but cannot be read.
        do {
            _ = try CacheStore(path: path, mode: .readOnly)
        } catch let error as CacheError {
            switch error {
            case .fileNotFound:
                return ["check the path; batt run --cache \(quoted) creates a new cache there."]
            case .isDirectory:
                return ["give the path of the cache file inside that folder."]
            case .unreadable:
                return [
                    "make the file and its folder readable (chmod u+r, or run as their owner), or copy it somewhere readable."
                ]
            case .newerSchema:
                return [
                    "use the newer batt that wrote it (this batt leaves it untouched), or keep a separate cache for this batt."
                ]
            case .notADatabase, .notACache:
                return [
                    "nothing was written to it. Move it aside (mv \(quoted) \(aside(".broken"))) and let the next run start a new cache, "
                        + startAgain + "."
                ]
            default:
                return ["move the file aside and let the next run start a new cache, " + startAgain + "."]
            }
        } catch {
            return ["move the file aside and let the next run start a new cache, " + startAgain + "."]
        }
        // Sound file, rows batt never writes: runs already pass over them; these remove them.
        if !report.damagedRows.isEmpty && report.problems.count == 1 {
            var advice = [
                "the file is sound but holds rows batt never writes. A run never serves them: it validates those solvers again and replaces the verdicts it finds (batt run --cache \(quoted))."
            ]
            if report.damagedRows.keys.contains(where: { $0 != "verdicts" }) {
                advice.append(
                    "to drop every damaged row at once, copy what is sound into a new cache: batt cache merge \(quoted) --into NEW.sqlite (it skips them and says how many)."
                )
            }
            return advice
        }
        return [salvage]
    }
}

/// What `batt cache verify --json` prints.
struct VerifyReportJSON: Encodable {
    var path: String
    var ok: Bool
    var problems: [String]
    var warnings: [String]
    var advice: [String]
    var integrity: [String]
    var appliedMigrations: [String]
    var supportedMigrations: [String]
    var walBytes: Int?
    var solvers: Int?
    var verdicts: Int?
    var runs: Int?
    /// Rows batt never writes, by table.
    var damagedRows: [String: Int]

    init(_ report: VerifyReport, advice: [String]) {
        path = report.path
        ok = report.isOK
        problems = report.problems
        warnings = report.warnings
        self.advice = advice
        integrity = report.integrity
        appliedMigrations = report.appliedMigrations
        supportedMigrations = report.supportedMigrations
        walBytes = report.walBytes
        solvers = report.solvers
        verdicts = report.verdicts
        runs = report.runs
        damagedRows = report.damagedRows
    }
}
