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
