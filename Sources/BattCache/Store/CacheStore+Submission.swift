import Foundation
import GRDB

/// A verdict that may answer a submission, with the inlined text of its solver.
public struct SubmissionCandidateRecord: Sendable, Hashable {
    public var verdict: VerdictRecord
    /// The inlined `def solve(...)` text; nil when the solver was identified by its DAG hash only.
    public var inlinedText: String?

    public init(verdict: VerdictRecord, inlinedText: String?) {
        self.verdict = verdict
        self.inlinedText = inlinedText
    }
}

extension CacheStore {
    /// The verdicts of the given tasks, under `solverVersion`, that got at least
    /// `minimumDemoCorrect` demonstrations right, each with its solver's inlined text, keyed by task id.
    ///
    /// Only verdicts of the task content given (`fingerprints`: task id → task fingerprint) are
    /// returned, so an edited task never ranks solvers by another content's verdicts.
    public func submissionCandidates(
        fingerprints: [String: String], solverVersion: String, minimumDemoCorrect: Int = 1
    ) throws -> [String: [SubmissionCandidateRecord]] {
        guard !fingerprints.isEmpty else { return [:] }
        return try writer.read { db in
            var found: [String: [SubmissionCandidateRecord]] = [:]
            let columns = VerdictRecord.columns.split(separator: ",")
                .map { "v." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
            for chunk in Array(fingerprints.keys).sorted().chunks(of: Self.parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT \(columns),
                            (SELECT s.inlined_text FROM solvers s
                             WHERE s.solver_md5 = v.solver_md5 AND s.inlined_text IS NOT NULL LIMIT 1)
                        FROM verdicts v
                        WHERE v.solver_version = ? AND v.demo_correct >= ? AND v.task_id IN (\(placeholders(chunk.count)))
                        ORDER BY v.task_id, v.solver_md5
                        """)
                let arguments: StatementArguments =
                    [solverVersion, minimumDemoCorrect] + StatementArguments(Array(chunk))
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    let verdict = try VerdictRecord(row: row)
                    guard fingerprints[verdict.taskID] == verdict.key.taskFingerprint else { continue }
                    let text: String? = row[16]
                    found[verdict.taskID, default: []].append(
                        SubmissionCandidateRecord(verdict: verdict, inlinedText: text))
                }
            }
            return found
        }
    }
}
