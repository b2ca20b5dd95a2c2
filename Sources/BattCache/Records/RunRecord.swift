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

    /// Decodes a row selected with ``columns``.
    init(row: Row) throws {
        let uuidText: String = row[1]
        guard let uuid = UUID(uuidString: uuidText) else {
            throw CacheError.invalidRow(table: "runs", reason: "invalid run uuid '\(uuidText)'")
        }
        let phaseJSON: String = row[12]
        let phases = (try? JSONDecoder().decode([PhaseTiming].self, from: Data(phaseJSON.utf8))) ?? []
        self.init(
            id: row[0], uuid: uuid, startedAt: Date(timeIntervalSince1970: row[2]),
            finishedAt: Date(timeIntervalSince1970: row[3]), solverVersion: row[4],
            candidates: row[5], uniqueBodies: row[6], inlineHits: row[7], inlineMisses: row[8],
            verdictHits: row[9], verdictMisses: row[10], validated: row[11], phaseSeconds: phases)
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
