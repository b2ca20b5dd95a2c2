import Foundation
import GRDB

extension CacheStore {
    /// The task fingerprints with at least one `correct` verdict of `solverVersion`: the tasks the
    /// cache already knew a solver for (through the `verdicts_by_version` index).
    public func solvedTaskFingerprints(solverVersion: String) throws -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT task_fingerprint FROM verdicts
                        WHERE solver_version = ? AND outcome = 'correct'
                        """, arguments: [solverVersion]))
        }
    }
}
