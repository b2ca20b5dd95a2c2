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

    /// Decodes a row selected with ``columns``, checking it against batt's rules.
    /// - Throws: ``CacheError/invalidRow(table:reason:)`` for a row batt would never write.
    init(row: Row) throws {
        let read = RowReader(row, table: "solvers")
        let materialised = try read.integer(3, "text_materialised", in: 0...1) == 1
        let text = try read.optionalText(2, "inlined_text")
        if text != nil && !materialised { throw read.invalid("inlined_text", "is set while text_materialised is 0") }
        let solverMD5 = try read.text(1, "solver_md5")
        if solverMD5.isEmpty { throw read.invalid("solver_md5", "is empty") }
        self.init(
            bodyHash: try read.text(0, "body_hash"), solverMD5: solverMD5, inlinedText: text,
            textMaterialised: materialised, inlinerVersion: try read.text(4, "inliner_version"),
            createdAt: Date(timeIntervalSince1970: try read.real(5, "created_at")))
    }

    /// An SQL condition true for the `solvers` rows ``init(row:)`` accepts, so that lookups that
    /// read only some columns still pass over a damaged row.
    static let trustedCondition = """
        (typeof(solvers.body_hash) = 'text' AND typeof(solvers.solver_md5) = 'text' AND solvers.solver_md5 <> '' \
        AND (solvers.inlined_text IS NULL OR typeof(solvers.inlined_text) = 'text') \
        AND typeof(solvers.text_materialised) = 'integer' AND solvers.text_materialised IN (0, 1) \
        AND (solvers.inlined_text IS NULL OR solvers.text_materialised = 1) \
        AND typeof(solvers.inliner_version) = 'text' \
        AND typeof(solvers.created_at) IN ('real', 'integer') AND solvers.created_at >= 0 AND solvers.created_at < 1e308)
        """

    var databaseArguments: StatementArguments {
        [bodyHash, solverMD5, inlinedText, textMaterialised, inlinerVersion, createdAt.timeIntervalSince1970]
    }
}
