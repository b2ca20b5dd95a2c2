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
            var verdicts: [VerdictRecord] = []
            for chunk in Array(fingerprints.keys).sorted().chunks(of: Self.parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT \(VerdictRecord.columns) FROM verdicts
                        WHERE solver_version = ? AND demo_correct >= ? AND task_id IN (\(placeholders(chunk.count)))
                        ORDER BY task_id, solver_md5
                        """)
                let arguments: StatementArguments =
                    [solverVersion, minimumDemoCorrect] + StatementArguments(Array(chunk))
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    let verdict = try VerdictRecord(row: row)
                    if fingerprints[verdict.taskID] == verdict.key.taskFingerprint { verdicts.append(verdict) }
                }
            }
            // The texts in the same read, so they match the verdicts whatever other runs write.
            var texts: [String: String] = [:]
            for chunk in Array(Set(verdicts.map(\.key.solverMD5))).chunks(of: Self.parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql:
                        "SELECT solver_md5, inlined_text FROM solvers WHERE inlined_text IS NOT NULL AND solver_md5 IN (\(placeholders(chunk.count)))"
                )
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(chunk))
                while let row = try rows.next() { texts[row[0]] = row[1] }
            }
            var found: [String: [SubmissionCandidateRecord]] = [:]
            for verdict in verdicts {
                found[verdict.taskID, default: []].append(
                    SubmissionCandidateRecord(verdict: verdict, inlinedText: texts[verdict.key.solverMD5]))
            }
            return found
        }
    }
}
