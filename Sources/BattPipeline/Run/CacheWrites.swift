import BattCache
import Foundation

/// A run's writes to its cache.
///
/// A write that cannot be made while the cache stays sound — the disk is full, another process
/// held the write lock past the busy timeout — does not end the run: the failure is kept, later
/// writes are not attempted (each would fail or wait again), and the verdicts not stored are
/// remembered, so the report can name them. Any other failure ends the run as before.
struct CacheWrites {
    /// nil when the run has no writable cache.
    let store: CacheStore?
    private(set) var failure: CacheError?
    private(set) var unstoredKeys: [VerdictKey] = []

    init(store: CacheStore?) {
        self.store = store.flatMap { $0.accessMode.isWritable ? $0 : nil }
    }

    var isWritable: Bool { store != nil }

    /// Stores verdicts, or counts them as not stored.
    mutating func store(verdicts: [VerdictRecord]) throws {
        guard !verdicts.isEmpty else { return }
        let stored = try perform { _ = try $0.insert(verdicts: verdicts) }
        if !stored { unstoredKeys += verdicts.map(\.key) }
    }

    /// Runs one write unless an earlier one already failed. - Returns: whether it was made.
    @discardableResult
    mutating func perform(_ write: (CacheStore) throws -> Void) throws -> Bool {
        guard let store, failure == nil else { return false }
        do {
            try write(store)
            return true
        } catch let error as CacheError {
            switch error {
            case .diskFull, .locked:
                failure = error
                return false
            default:
                throw PipelineError.cache("cannot write to the cache: \(error)")
            }
        } catch {
            throw PipelineError.cache("cannot write to the cache: \(error)")
        }
    }

    /// Whether the failure kept is a full disk.
    var diskIsFull: Bool {
        if case .diskFull? = failure { return true }
        return false
    }
}

extension Pipeline {
    /// Says what the cache did not take: untrusted rows validated again (and replaced or not), and
    /// the verdicts a failed write left unstored, each marked `stored: false` in the results.
    static func reportUnstored(
        _ writes: CacheWrites, untrusted: Set<VerdictKey>, keys: [VerdictKey], tables: inout RunTables,
        summary: inout RunSummary
    ) {
        let unstored = Set(writes.unstoredKeys)
        if !untrusted.isEmpty {
            let replaced = writes.isWritable ? untrusted.subtracting(unstored).count : 0
            let fate =
                writes.isWritable
                ? "\(replaced) of them replaced in the cache"
                : "none replaced: the cache is open read-only"
            summary.warnings.append(
                "\(untrusted.count) cached verdict\(untrusted.count == 1 ? "" : "s") could not be trusted (rows batt never writes: edited by hand or damaged) and were validated again, \(fate); 'batt cache verify' lists such rows"
            )
        }
        guard let failure = writes.failure else { return }
        summary.verdictsNotStored = unstored.count
        summary.cacheWriteFailure = "\(failure)"
        summary.cacheFull = writes.diskIsFull
        var named: [String] = []
        for (job, key) in keys.enumerated() where unstored.contains(key) { tables.unstored[job] = true }
        for index in 0..<tables.candidates.count where named.count < 5 {
            let job = tables.jobOfCandidate[index]
            if job >= 0, tables.unstored[Int(job)] {
                named.append("\(tables.candidates.taskID(of: index) ?? "?")/\(tables.candidates.name(of: index))")
            }
        }
        let what =
            writes.diskIsFull
            ? "THE DISK IS FULL: the cache stopped storing"
            : "the cache could not be written"
        summary.warnings.append(
            "\(what); \(unstored.count) verdict\(unstored.count == 1 ? "" : "s") of this run \(unstored.count == 1 ? "was" : "were") not stored"
                + (named.isEmpty
                    ? ""
                    : " (\(named.joined(separator: ", "))\(unstored.count > named.count ? ", …" : ""); --report marks each with \"stored\": false)")
                + ", and the run was not recorded. \(failure)")
    }
}
