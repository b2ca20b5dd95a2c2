import BattCache
import Foundation

/// What `batt cache inspect` prints: the summary, a task's verdicts or a solver, as text or JSON.
enum InspectReport {
    // MARK: Text

    static func text(_ summary: CacheSummary, current: String, dsls: [String: PythonDSLRecord] = [:]) -> String {
        let rates = summary.recentHitRates
        var fields: [(String, String)] = [
            ("cache", "\(summary.path ?? ":memory:") (\(summary.accessMode.label))"),
            ("schema", CacheText.schema(applied: summary.appliedMigrations, supported: summary.supportedMigrations)),
            (
                "file",
                "\(CacheText.bytes(summary.fileBytes)) (\(CacheText.count(summary.pageCount)) pages of \(summary.pageSize) bytes, \(CacheText.count(summary.freePages)) free)"
                    + (summary.walBytes > 0 ? "; -wal \(CacheText.bytes(summary.walBytes)) not yet checkpointed" : "")
            ),
            (
                "solvers",
                "\(CacheText.count(summary.solvers)) bodies inlined to \(CacheText.count(summary.distinctSolvers)) solvers"
            ),
            ("verdicts", "\(CacheText.count(summary.verdicts)): \(CacheText.outcomes(summary.verdictsByOutcome))"),
            (
                "stale",
                "\(CacheText.count(summary.staleVerdicts ?? 0)) verdicts of solver versions other than \(current)"
                    + ((summary.staleVerdicts ?? 0) > 0 ? " (batt cache prune --stale removes them)" : "")
            ),
        ]
        if summary.damagedVerdicts > 0 {
            fields.append(
                (
                    "damaged",
                    "\(CacheText.count(summary.damagedVerdicts)) verdicts whose outcome or solver version batt never writes (batt cache verify lists them; a run validates them again)"
                ))
        }
        if rates.runs == 0 {
            fields.append(("runs", "\(CacheText.count(summary.runs)) recorded"))
        } else {
            fields.append(
                (
                    "runs",
                    "\(CacheText.count(summary.runs)) recorded; over the last \(rates.runs == 1 ? "run" : CacheText.count(rates.runs, "run")): "
                        + "inline hits \(CacheText.percent(rates.inlineHitRate)) (\(CacheText.count(rates.inlineHits)) of \(CacheText.count(rates.inlineHits + rates.inlineMisses)) bodies), "
                        + "verdict hits \(CacheText.percent(rates.verdictHitRate)) (\(CacheText.count(rates.verdictHits)) of \(CacheText.count(rates.verdictHits + rates.verdictMisses)))"
                ))
        }
        var sections = [CacheText.fields(fields)]
        if !summary.verdictsByVersion.isEmpty {
            sections.append(
                CacheText.table(
                    ["solver version", "verdicts", "", "evaluated by"],
                    summary.verdictsByVersion.map {
                        [
                            $0.solverVersion, CacheText.count($0.verdicts), $0.isCurrent ? "current" : "stale",
                            dsls[$0.solverVersion].map(dslCell) ?? "",
                        ]
                    },
                    rightAligned: [1]))
        }
        if !summary.largestTasks.isEmpty {
            sections.append(
                CacheText.table(
                    ["largest tasks", "verdicts", "correct"],
                    summary.largestTasks.map {
                        [$0.taskID, CacheText.count($0.verdicts), CacheText.count($0.correct)]
                    },
                    rightAligned: [1, 2]))
        }
        return sections.joined(separator: "\n\n")
    }

    /// Which Python DSL a solver version came from: its path and hash.
    static func dslCell(_ record: PythonDSLRecord) -> String {
        "python DSL \(record.dslPath) (hash \(record.dslHash))"
    }

    static func taskText(_ task: String, verdicts: [VerdictRecord], shown: [VerdictRecord], current: String) -> String {
        let correct = verdicts.filter { $0.outcome == .correct }.count
        var lines = [
            "task \(task): \(CacheText.count(verdicts.count)) verdicts, \(CacheText.count(correct)) correct; best first"
        ]
        lines.append(
            CacheText.table(
                ["solver", "outcome", "pairs", "demos", "tests", "elapsed", "hits", "last used", "version"],
                shown.map { verdict in
                    [verdict.key.solverMD5] + verdictCells(verdict) + [versionCell(verdict.key.solverVersion, current)]
                },
                rightAligned: [5, 6]))
        if shown.count < verdicts.count {
            lines.append("(\(CacheText.count(verdicts.count - shown.count)) more; --limit 0 lists them all)")
        }
        return lines.joined(separator: "\n")
    }

    static func solverText(_ details: SolverDetails, current: String) -> String {
        var fields: [(String, String)] = [("solver", details.solverMD5)]
        for (index, body) in details.bodies.enumerated() {
            fields.append(
                (
                    index == 0 ? "bodies" : "",
                    "\(body.bodyHash) (inliner \(body.inlinerVersion), \(CacheText.date(body.createdAt)))"
                ))
        }
        if details.bodies.isEmpty { fields.append(("bodies", "none left (pruned); the verdicts remain")) }
        var sections = [CacheText.fields(fields)]
        if let text = details.inlinedText {
            sections.append(
                "inlined source:\n"
                    + text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "    " + $0 }.joined(separator: "\n"))
        } else if details.bodies.contains(where: { !$0.textMaterialised }) {
            sections.append("inlined source: not materialised (too large as text); the md5 hashes the expression DAG")
        } else {
            sections.append("inlined source: not in this cache")
        }
        if details.verdicts.isEmpty {
            sections.append("no verdicts")
        } else {
            sections.append(
                CacheText.table(
                    ["task", "outcome", "pairs", "demos", "tests", "elapsed", "hits", "last used", "version"],
                    details.verdicts.map { verdict in
                        [verdict.taskID] + verdictCells(verdict) + [versionCell(verdict.key.solverVersion, current)]
                    },
                    rightAligned: [5, 6]))
        }
        return sections.joined(separator: "\n\n")
    }

    private static func verdictCells(_ verdict: VerdictRecord) -> [String] {
        [
            verdict.outcome.rawValue, verdict.pairResults.isEmpty ? "-" : verdict.pairResults,
            CacheText.ratio(verdict.demoCorrect, verdict.demoCount),
            CacheText.ratio(verdict.testCorrect, verdict.testCount),
            CacheText.seconds(verdict.elapsedSeconds), CacheText.count(verdict.hitCount),
            CacheText.date(verdict.lastUsedAt),
        ]
    }

    private static func versionCell(_ version: String, _ current: String) -> String {
        version == current ? version : "\(version) (stale)"
    }

    // MARK: JSON

    struct SummaryJSON: Encodable {
        struct Schema: Encodable {
            var applied: [String]
            var supported: [String]
        }
        struct File: Encodable {
            var bytes: Int
            var walBytes: Int
            var pageSize: Int
            var pageCount: Int
            var freePages: Int
        }
        struct Version: Encodable {
            var solverVersion: String
            var verdicts: Int
            var current: Bool
            /// The Python DSL (path and hash) of a `--dsl` version.
            var pythonDSL: PythonDSL?
        }
        struct PythonDSL: Encodable {
            var path: String
            var hash: String
        }
        struct Runs: Encodable {
            var recorded: Int
            var recent: Int
            var candidates: Int
            var inlineHits: Int
            var inlineMisses: Int
            var inlineHitRate: Double?
            var verdictHits: Int
            var verdictMisses: Int
            var verdictHitRate: Double?
        }
        struct Task: Encodable {
            var task: String
            var verdicts: Int
            var correct: Int
        }

        var path: String?
        var accessMode: String
        var schema: Schema
        var file: File
        var solvers: Int
        var distinctSolvers: Int
        var verdicts: Int
        var verdictsByOutcome: [String: Int]
        var verdictsByVersion: [Version]
        var currentSolverVersion: String
        var staleVerdicts: Int
        var damagedVerdicts: Int
        var runs: Runs
        var largestTasks: [Task]
        var warnings: [String]

        init(_ summary: CacheSummary, current: String, warnings: [String], dsls: [String: PythonDSLRecord] = [:]) {
            path = summary.path
            accessMode = summary.accessMode.name
            schema = Schema(applied: summary.appliedMigrations, supported: summary.supportedMigrations)
            file = File(
                bytes: summary.fileBytes, walBytes: summary.walBytes, pageSize: summary.pageSize,
                pageCount: summary.pageCount, freePages: summary.freePages)
            solvers = summary.solvers
            distinctSolvers = summary.distinctSolvers
            verdicts = summary.verdicts
            verdictsByOutcome = Dictionary(
                uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, summary.verdictsByOutcome[$0] ?? 0) })
            verdictsByVersion = summary.verdictsByVersion.map {
                Version(
                    solverVersion: $0.solverVersion, verdicts: $0.verdicts, current: $0.isCurrent,
                    pythonDSL: dsls[$0.solverVersion].map { PythonDSL(path: $0.dslPath, hash: $0.dslHash) })
            }
            currentSolverVersion = current
            staleVerdicts = summary.staleVerdicts ?? 0
            damagedVerdicts = summary.damagedVerdicts
            let rates = summary.recentHitRates
            runs = Runs(
                recorded: summary.runs, recent: rates.runs, candidates: rates.candidates,
                inlineHits: rates.inlineHits, inlineMisses: rates.inlineMisses, inlineHitRate: rates.inlineHitRate,
                verdictHits: rates.verdictHits, verdictMisses: rates.verdictMisses, verdictHitRate: rates.verdictHitRate
            )
            largestTasks = summary.largestTasks.map {
                Task(task: $0.taskID, verdicts: $0.verdicts, correct: $0.correct)
            }
            self.warnings = warnings
        }
    }

    struct VerdictJSON: Encodable {
        var solverMd5: String
        var task: String
        var taskFingerprint: String
        var solverVersion: String
        var current: Bool
        var outcome: String
        var pairs: String
        var demoCorrect: Int
        var demoCount: Int
        var testCorrect: Int
        var testCount: Int
        var elapsed: Double
        var timeLimit: Double?
        var error: String?
        var createdAt: Date
        var lastUsedAt: Date
        var hitCount: Int

        init(_ verdict: VerdictRecord, current: String) {
            solverMd5 = verdict.key.solverMD5
            task = verdict.taskID
            taskFingerprint = verdict.key.taskFingerprint
            solverVersion = verdict.key.solverVersion
            self.current = verdict.key.solverVersion == current
            outcome = verdict.outcome.rawValue
            pairs = verdict.pairResults
            demoCorrect = verdict.demoCorrect
            demoCount = verdict.demoCount
            testCorrect = verdict.testCorrect
            testCount = verdict.testCount
            elapsed = verdict.elapsedSeconds
            timeLimit = verdict.timeLimitSeconds
            error = verdict.errorMessage
            createdAt = verdict.createdAt
            lastUsedAt = verdict.lastUsedAt
            hitCount = verdict.hitCount
        }
    }

    struct TaskJSON: Encodable {
        var task: String
        var currentSolverVersion: String
        /// All the task's verdicts, of every version.
        var verdicts: Int
        var correct: Int
        /// The first `--limit` of them, best first.
        var listed: [VerdictJSON]
    }

    struct SolverJSON: Encodable {
        struct Body: Encodable {
            var bodyHash: String
            var inlinerVersion: String
            var textMaterialised: Bool
            var createdAt: Date
        }

        var solverMd5: String
        var inlinedText: String?
        var bodies: [Body]
        var verdicts: [VerdictJSON]

        init(_ details: SolverDetails, current: String) {
            solverMd5 = details.solverMD5
            inlinedText = details.inlinedText
            bodies = details.bodies.map {
                Body(
                    bodyHash: $0.bodyHash, inlinerVersion: $0.inlinerVersion,
                    textMaterialised: $0.textMaterialised, createdAt: $0.createdAt)
            }
            verdicts = details.verdicts.map { VerdictJSON($0, current: current) }
        }
    }
}
