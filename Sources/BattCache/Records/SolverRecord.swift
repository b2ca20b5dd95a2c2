import Foundation
import GRDB

/// What one candidate body inlines to: the `solvers` row of its body hash.
public struct SolverRecord: Sendable, Hashable {
    /// md5 of the body in normal form.
    public var bodyHash: String
    /// The solver's identity: md5 of the inlined text (or of the expression DAG
    /// when the text was not materialised).
    public var solverMD5: String
    /// The inlined `def solve(...)` text; nil when not materialised.
    public var inlinedText: String?
    /// Whether `solverMD5` hashes the full inlined text (false: the DAG, because
    /// the text would exceed the bound).
    public var textMaterialised: Bool
    /// The inliner that produced the mapping; rows of another version should be re-inlined.
    public var inlinerVersion: String
    public var createdAt: Date

    public init(
        bodyHash: String, solverMD5: String, inlinedText: String?, textMaterialised: Bool,
        inlinerVersion: String, createdAt: Date = Date()
    ) {
        self.bodyHash = bodyHash
        self.solverMD5 = solverMD5
        self.inlinedText = inlinedText
        self.textMaterialised = textMaterialised
        self.inlinerVersion = inlinerVersion
        self.createdAt = createdAt
    }
}

extension SolverRecord {
    static let columns = "body_hash, solver_md5, inlined_text, text_materialised, inliner_version, created_at"

    /// Decodes a row selected with ``columns``.
    init(row: Row) {
        self.init(
            bodyHash: row[0], solverMD5: row[1], inlinedText: row[2], textMaterialised: row[3],
            inlinerVersion: row[4], createdAt: Date(timeIntervalSince1970: row[5]))
    }

    var databaseArguments: StatementArguments {
        [bodyHash, solverMD5, inlinedText, textMaterialised, inlinerVersion, createdAt.timeIntervalSince1970]
    }
}
