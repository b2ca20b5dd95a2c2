import Foundation
import GRDB

/// Time spent in one pipeline phase.
public struct PhaseTiming: Sendable, Hashable, Codable {
    public var phase: String
    public var seconds: Double

    public init(phase: String, seconds: Double) {
        self.phase = phase
        self.seconds = seconds
    }
}

/// The statistics of one pipeline run.
public struct RunRecord: Sendable, Hashable {
    /// Assigned by the cache; nil until recorded.
    public var id: Int64?
    /// Stable across copies of the cache, so merges keep one row per run.
    public var uuid: UUID
    public var startedAt: Date
    public var finishedAt: Date
    public var solverVersion: String
    public var candidates: Int
    public var uniqueBodies: Int
    public var inlineHits: Int
    public var inlineMisses: Int
    public var verdictHits: Int
    public var verdictMisses: Int
    public var validated: Int
    /// In pipeline order.
    public var phaseSeconds: [PhaseTiming]

    public init(
        id: Int64? = nil, uuid: UUID = UUID(), startedAt: Date, finishedAt: Date, solverVersion: String,
        candidates: Int, uniqueBodies: Int, inlineHits: Int, inlineMisses: Int,
        verdictHits: Int, verdictMisses: Int, validated: Int, phaseSeconds: [PhaseTiming] = []
    ) {
        self.id = id
        self.uuid = uuid
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.solverVersion = solverVersion
        self.candidates = candidates
        self.uniqueBodies = uniqueBodies
        self.inlineHits = inlineHits
        self.inlineMisses = inlineMisses
        self.verdictHits = verdictHits
        self.verdictMisses = verdictMisses
        self.validated = validated
        self.phaseSeconds = phaseSeconds
    }
}

extension RunRecord {
    static let columns = "id, \(insertedColumns)"
    static let insertedColumns = """
        run_uuid, started_at, finished_at, solver_version, candidates, unique_bodies, \
        inline_hits, inline_misses, verdict_hits, verdict_misses, validated, phase_seconds
        """

    /// Decodes a row selected with ``columns``, checking it against batt's rules.
    /// - Throws: ``CacheError/invalidRow(table:reason:)`` for a row batt would never write.
    init(row: Row) throws {
        let read = RowReader(row, table: "runs")
        let uuidText = try read.text(1, "run_uuid")
        guard let uuid = UUID(uuidString: uuidText) else {
            throw read.invalid("run_uuid", "is '\(uuidText)', not a UUID")
        }
        let phaseJSON = try read.text(12, "phase_seconds")
        guard let phases = try? JSONDecoder().decode([PhaseTiming].self, from: Data(phaseJSON.utf8)) else {
            throw read.invalid(
                "phase_seconds", "holds \(RowReader.describe(read.value(12))), not a JSON list of phases")
        }
        let count = { (index: Int, column: String) in try read.integer(index, column, in: 0...Int64.max) }
        self.init(
            id: try Int64(read.integer(0, "id", in: Int64.min...Int64.max)), uuid: uuid,
            startedAt: Date(timeIntervalSince1970: try read.real(2, "started_at")),
            finishedAt: Date(timeIntervalSince1970: try read.real(3, "finished_at")),
            solverVersion: try read.text(4, "solver_version"),
            candidates: try count(5, "candidates"), uniqueBodies: try count(6, "unique_bodies"),
            inlineHits: try count(7, "inline_hits"), inlineMisses: try count(8, "inline_misses"),
            verdictHits: try count(9, "verdict_hits"), verdictMisses: try count(10, "verdict_misses"),
            validated: try count(11, "validated"), phaseSeconds: phases)
    }

    /// The uuid as stored: lowercase text.
    var databaseUUID: String { uuid.uuidString.lowercased() }

    /// Arguments for ``insertedColumns``.
    func databaseArguments() throws -> StatementArguments {
        let phases = String(decoding: try JSONEncoder().encode(phaseSeconds), as: UTF8.self)
        return [
            databaseUUID, startedAt.timeIntervalSince1970, finishedAt.timeIntervalSince1970,
            solverVersion, candidates, uniqueBodies, inlineHits, inlineMisses, verdictHits,
            verdictMisses, validated, phases,
        ]
    }
}
