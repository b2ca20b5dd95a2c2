import BattCache
import Foundation

extension Pipeline {
    /// Opens the cache read-write; a cache that cannot be written is used for lookups only.
    func openCache() throws -> CacheStore? {
        guard let path = options.cachePath else { return nil }
        do {
            if let seed = options.seedPath, !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.fileExists(atPath: seed) else {
                    throw PipelineError.cache(
                        "the seed cache '\(seed)' does not exist: pass --seed the cache file of an earlier session (for example one under /kaggle/input)"
                    )
                }
                _ = try CacheStore.seed(from: seed, to: path)
            }
            do {
                return try CacheStore(
                    path: path, mode: .readWrite, busyTimeout: options.cacheBusyTimeout,
                    maxPageCount: options.cacheMaxPageCount)
            } catch CacheError.notWritable {
                // An existing file that cannot be written still serves lookups.
                return try CacheStore(path: path, mode: .readOnly)
            }
        } catch {
            throw PipelineError.cache("\(error)")
        }
    }

    static func describe(_ mode: CacheStore.AccessMode) -> String {
        switch mode {
        case .readWrite: return "read-write"
        case .readOnly: return "read-only (lookups only: verdicts of this run are not stored)"
        case .immutable: return "immutable (lookups only: verdicts of this run are not stored)"
        case .privateCopy(let path): return "private copy at \(path)"
        case .inMemory: return "in memory"
        }
    }

    /// Starts reading the cache's verdicts of `solverVersion` ahead, beside the rest of loading,
    /// when the table is small enough that a warm run over `files` would read all of it anyway: a
    /// run looks up at most one key per function, and a function takes at least 20 bytes, so a
    /// table of more than 3 rows per 20 bytes of candidates is probed key by key instead.
    func prefetchVerdicts(
        from store: CacheStore?, for files: [CandidateSource.File], solverVersion: String
    ) -> Task<VerdictPrefetch?, Never>? {
        guard let store else { return nil }
        var bytes = 0
        for file in files where file.isRead {
            var info = stat()
            if stat(file.path, &info) == 0 { bytes += Int(info.st_size) }
        }
        let limit = min(CacheStore.prefetchRowLimit, bytes / 20 * 3)
        guard limit >= 256 else { return nil }
        return Task {
            await ParallelLoop.onOwnThread { store.prefetchVerdicts(solverVersion: solverVersion, rowLimit: limit) }
        }
    }

    /// Records that these verdicts were served; returns the failure instead of throwing it, so the
    /// work can run beside the rest of the run.
    static func markUsed(_ keys: [VerdictKey], in store: CacheStore?) -> Error? {
        guard let store, !keys.isEmpty else { return nil }
        do {
            _ = try store.markUsed(keys: keys, granularity: Pipeline.lastUseGranularity)
            return nil
        } catch {
            return error
        }
    }
}

extension Verdict {
    /// A verdict served from the cache.
    init(_ stored: StoredVerdict) {
        self.init(
            outcome: stored.outcome, pairResults: stored.pairResults.utf8.map { PairResult(ascii: $0) ?? .wrong },
            demoCorrect: stored.demoCorrect, demoCount: stored.demoCount,
            testCorrect: stored.testCorrect, testCount: stored.testCount,
            elapsedSeconds: stored.elapsedSeconds, timeLimitSeconds: stored.timeLimitSeconds ?? 0,
            budget: stored.budget, errorMessage: stored.errorMessage)
    }
}
