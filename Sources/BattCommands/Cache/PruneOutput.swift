import BattCache
import Foundation

/// What `batt cache prune` prints as text.
enum PruneReportText {
    static func text(
        _ report: PruneReport, options: PruneOptions, details: [VerdictKey: VerdictRecord], path: String
    ) -> String {
        let verb = report.dryRun ? "would remove" : "removed"
        var lines: [String] = []
        if report.dryRun {
            lines.append("dry run: '\(path)' was not changed; pruning it with these options \(verb):")
        }
        var parts: [String] = []
        if options.hasCriteria {
            parts.append("\(CacheText.count(report.verdictsSelected)) matching \(criteria(options))")
        }
        if let maxSize = options.maxSizeBytes {
            parts.append(
                "\(CacheText.count(report.verdictsEvicted)) least recently used to fit \(CacheText.bytes(maxSize))")
        }
        var fields: [(String, String)] = [
            ("verdicts", "\(CacheText.count(report.verdictsRemoved)) (\(parts.joined(separator: ", ")))")
        ]
        if report.verdictsRemoved > 0 {
            fields.append(
                (
                    "",
                    "by outcome: "
                        + Outcome.allCases.compactMap { outcome in
                            report.removedByOutcome[outcome].map { "\(CacheText.count($0)) \(outcome.rawValue)" }
                        }.joined(separator: ", ")
                ))
            fields.append(
                (
                    "",
                    "by version: "
                        + report.removedByVersion.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                        .map { version, count in
                            "\(version) \(CacheText.count(count))"
                                + (version == options.currentSolverVersion ? " (current)" : " (stale)")
                        }.joined(separator: ", ")
                ))
        }
        fields.append(
            (
                "solvers",
                "\(CacheText.count(report.solversRemoved)) bodies that no remaining verdict refers to"
                    + (report.orphanSolversRemoved > 0
                        ? " (\(report.orphanSolversRemoved) of them referred to by no verdict before)" : "")
            ))
        var size = "\(CacheText.bytes(report.bytesBefore)) → \(CacheText.bytes(report.bytesAfter)) after vacuum"
        if let maxSize = options.maxSizeBytes {
            size +=
                report.fitsMaxSize == true
                ? " (fits \(CacheText.bytes(maxSize)))" : " (does not fit \(CacheText.bytes(maxSize)))"
        }
        fields.append(("file", size))
        lines.append(CacheText.fields(fields))

        if !report.removedKeys.isEmpty {
            lines.append("")
            lines.append("\(report.dryRun ? "would go" : "removed"), least recently used first:")
            if report.dryRun {
                lines.append(
                    CacheText.table(
                        ["last used", "task", "outcome", "solver", "version"],
                        report.removedKeys.map { key in
                            let verdict = details[key]
                            return [
                                verdict.map { CacheText.date($0.lastUsedAt) } ?? "?", verdict?.taskID ?? "?",
                                verdict?.outcome.rawValue ?? "?", key.solverMD5, key.solverVersion,
                            ]
                        }))
            } else {
                lines.append(
                    CacheText.table(
                        ["solver", "task fingerprint", "version"],
                        report.removedKeys.map { [$0.solverMD5, $0.taskFingerprint, $0.solverVersion] }))
            }
            if report.removedKeys.count < report.verdictsRemoved {
                lines.append(
                    "(\(CacheText.count(report.removedKeys.count)) of \(CacheText.count(report.verdictsRemoved)) listed; --list all lists every one)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The selection options as typed: `--stale --status timeout`.
    static func criteria(_ options: PruneOptions) -> String {
        var words: [String] = []
        if options.stale { words.append("--stale") }
        if let unusedFor = options.unusedFor { words.append("--older-than \(age(unusedFor))") }
        if !options.outcomes.isEmpty {
            words.append(
                "--status " + Outcome.allCases.filter(options.outcomes.contains).map(\.rawValue).joined(separator: ","))
        }
        for task in options.taskIDs.sorted() { words.append("--task \(task)") }
        return words.joined(separator: " ")
    }

    /// `604800` seconds as `7d`, in the largest unit that divides it.
    static func age(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60)] where seconds > 0 && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}

extension PruneOptions {
    /// Whether any selection criterion (not the size ceiling) is set.
    var hasCriteria: Bool { stale || unusedFor != nil || !outcomes.isEmpty || !taskIDs.isEmpty }
}

/// What `batt cache prune --json` prints.
struct PruneReportJSON: Encodable {
    struct Removed: Encodable {
        var solverMd5: String
        var taskFingerprint: String
        var solverVersion: String
        var task: String?
        var outcome: String?
        var lastUsedAt: Date?
    }

    var path: String
    var dryRun: Bool
    var currentSolverVersion: String?
    var verdictsRemoved: Int
    var verdictsSelected: Int
    var verdictsEvicted: Int
    var solversRemoved: Int
    var removedByOutcome: [String: Int]
    var removedByVersion: [String: Int]
    var bytesBefore: Int
    var bytesAfter: Int
    var maxSize: Int?
    var fitsMaxSize: Bool?
    /// Least recently used first, up to `--list`; task, outcome and last use only in a dry run.
    var removed: [Removed]

    init(_ report: PruneReport, options: PruneOptions, details: [VerdictKey: VerdictRecord], path: String) {
        self.path = path
        dryRun = report.dryRun
        currentSolverVersion = options.currentSolverVersion
        verdictsRemoved = report.verdictsRemoved
        verdictsSelected = report.verdictsSelected
        verdictsEvicted = report.verdictsEvicted
        solversRemoved = report.solversRemoved
        removedByOutcome = Dictionary(uniqueKeysWithValues: report.removedByOutcome.map { ($0.key.rawValue, $0.value) })
        removedByVersion = report.removedByVersion
        bytesBefore = report.bytesBefore
        bytesAfter = report.bytesAfter
        maxSize = options.maxSizeBytes
        fitsMaxSize = report.fitsMaxSize
        removed = report.removedKeys.map { key in
            let verdict = details[key]
            return Removed(
                solverMd5: key.solverMD5, taskFingerprint: key.taskFingerprint, solverVersion: key.solverVersion,
                task: verdict?.taskID, outcome: verdict?.outcome.rawValue, lastUsedAt: verdict?.lastUsedAt)
        }
    }
}
