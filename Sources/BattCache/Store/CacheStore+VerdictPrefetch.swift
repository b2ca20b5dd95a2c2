import Foundation
import GRDB
import GRDBSQLite

/// Every verdict of one solver version, read from the cache before the run knows which solvers it
/// will ask for: a warm run reads its candidate files' records and its task files meanwhile, and
/// then only matches its keys (see ``CacheStore/prefetchVerdicts(solverVersion:)``).
///
/// The rows are decoded and checked as the pass over the table in
/// ``CacheStore/lookUpVerdicts(for:prefetched:)`` decodes them, and matched on the same bytes,
/// so a lookup answered from here gives what that pass would have given.
public struct VerdictPrefetch: Sendable {
    /// The largest row id when the rows were read: the lookup's choice between a pass over the
    /// table and one probe per key depends on it.
    let highestID: Int
    /// The key texts of the rows, one after another, each row's as md5 then fingerprint.
    private var keyBytes: [UInt8] = []
    private var md5Ends: [Int] = []
    private var fingerprintEnds: [Int] = []
    /// What each row holds, or why batt would never have written it.
    private var rows: [Result<StoredVerdict, Error>] = []
    /// The rows by a hash of their key texts (the version's included), those of one hash chained
    /// in id order.
    private var firstOfHash: [UInt64: Int] = [:]
    private var nextOfSameHash: [Int] = []
    private var lastOfHash: [UInt64: Int] = [:]
    /// The solver version whose rows were read.
    let version: String

    init(highestID: Int, version: String) {
        self.highestID = highestID
        self.version = version
    }

    var count: Int { rows.count }

    fileprivate mutating func append(
        md5: UnsafeRawBufferPointer, fingerprint: UnsafeRawBufferPointer, hash: UInt64,
        _ row: Result<StoredVerdict, Error>
    ) {
        let r = rows.count
        keyBytes.append(contentsOf: md5)
        md5Ends.append(keyBytes.count)
        keyBytes.append(contentsOf: fingerprint)
        fingerprintEnds.append(keyBytes.count)
        rows.append(row)
        nextOfSameHash.append(-1)
        if let last = lastOfHash[hash] { nextOfSameHash[last] = r } else { firstOfHash[hash] = r }
        lastOfHash[hash] = r
    }

    /// What a pass over the table would find for `keys`, by the keys' positions; only for keys
    /// of ``version``.
    func lookUp(_ keys: [VerdictKey]) -> VerdictLookup {
        var lookup = VerdictLookup(count: keys.count)
        keyBytes.withUnsafeBytes { bytes in
            for (k, key) in keys.enumerated() {
                var (md5, fingerprint, version) = (key.solverMD5, key.taskFingerprint, key.solverVersion)
                var hash = CacheStore.KeyHash()
                md5.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
                fingerprint.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
                version.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
                guard var r = firstOfHash[hash.value] else { continue }
                while r >= 0 {
                    let start = r == 0 ? 0 : fingerprintEnds[r - 1]
                    let rowMD5 = UnsafeRawBufferPointer(rebasing: bytes[start..<md5Ends[r]])
                    let rowFingerprint = UnsafeRawBufferPointer(rebasing: bytes[md5Ends[r]..<fingerprintEnds[r]])
                    if CacheStore.equal(md5, rowMD5) && CacheStore.equal(fingerprint, rowFingerprint) {
                        switch rows[r] {
                        case .success(let verdict): lookup.found[k] = verdict
                        case .failure: lookup.untrusted.insert(key)
                        }
                    }
                    r = nextOfSameHash[r]
                }
            }
        }
        return lookup
    }
}

extension CacheStore {
    /// At most this many rows are read ahead: reading them costs a spare core tens of
    /// milliseconds at most, and a larger table is read when the run knows its keys.
    public static let prefetchRowLimit = 65_536

    /// Reads every verdict of `solverVersion` through a read-only connection of its own, so that
    /// it can run beside the store's other work; nil when the table holds more than `rowLimit`
    /// rows (or none), when this store cannot have a second connection (only a file it opened
    /// read-write can), or when reading fails: the lookup then reads the table itself.
    public func prefetchVerdicts(
        solverVersion: String, rowLimit: Int = CacheStore.prefetchRowLimit
    ) -> VerdictPrefetch? {
        guard accessMode == .readWrite, let file = filePath else { return nil }
        guard let connection = try? Self.openReadOnly(file) else { return nil }
        defer { sqlite3_close_v2(connection) }
        guard sqlite3_exec(connection, "BEGIN", nil, nil, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_exec(connection, "COMMIT", nil, nil, nil) }
        do {
            var highest: Int?
            let statement = try Self.prepare(connection, "SELECT max(id) FROM verdicts")
            defer { sqlite3_finalize(statement) }
            try Self.forEachRow(of: statement, on: connection) {
                if sqlite3_column_type(statement, 0) == SQLITE_INTEGER { highest = Int(sqlite3_column_int64(statement, 0)) }
            }
            guard let highest, highest <= rowLimit else { return nil }
            var prefetch = VerdictPrefetch(highestID: highest, version: solverVersion)
            var version = solverVersion
            try version.withUTF8 { wanted in
                let wanted = UnsafeRawBufferPointer(wanted)
                try Self.forEachVerdictRow(on: connection, where: nil) { md5, fingerprint, version, read in
                    guard version.count == wanted.count, memcmp(version.baseAddress!, wanted.baseAddress!, wanted.count) == 0
                    else { return }
                    var hash = KeyHash()
                    hash.add(md5)
                    hash.add(fingerprint)
                    hash.add(version)
                    prefetch.append(md5: md5, fingerprint: fingerprint, hash: hash.value, Result { try StoredVerdict(read) })
                }
            }
            return prefetch
        } catch {
            return nil
        }
    }
}
