import Foundation
import Testing

@testable import BattCache

/// Timings of the cache commands on a large cache, printed, never asserted:
/// `swift build -c release && BATT_CACHE_BENCH=1 BATT_BINARY=.build/release/batt swift test --filter CacheBenchmarkTests`
/// (`BATT_CACHE_BENCH_VERDICTS` sets the size; default 200,000).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BATT_CACHE_BENCH"] != nil && CacheTestPaths.hasBatt))
struct CacheBenchmarkTests {
    @Test func pruneToHalfSizeAndInspectALargeCache() throws {
        let count = Int(ProcessInfo.processInfo.environment["BATT_CACHE_BENCH_VERDICTS"] ?? "") ?? 200_000
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        try CacheFixture.cache(at: path, verdicts: count, tasks: 400)
        let before = CachePruneCommandTests.fileSize(path)
        let ceiling = before / 2

        func timed(_ arguments: [String]) throws -> (BattResult, Double) {
            let start = Date()
            let result = try BattProcess.run(arguments, in: folder.url.path)
            return (result, Date().timeIntervalSince(start))
        }
        let (inspect, inspectSeconds) = try timed(["cache", "inspect", "--cache", path])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let (_, inspectJSONSeconds) = try timed(["cache", "inspect", "--cache", path, "--json"])
        let (dryRun, dryRunSeconds) = try timed([
            "cache", "prune", "--cache", path, "--max-size", "\(ceiling)", "--dry-run",
        ])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        let (prune, pruneSeconds) = try timed(["cache", "prune", "--cache", path, "--max-size", "\(ceiling)"])
        #expect(prune.status == 0, "\(prune.stderr)")
        let after = CachePruneCommandTests.fileSize(path)
        let (_, inspectAfterSeconds) = try timed(["cache", "inspect", "--cache", path])
        let (verify, verifySeconds) = try timed(["cache", "verify", "--cache", path])
        #expect(verify.status == 0)

        let store = try CacheStore(path: path, mode: .readOnly)
        let kept = try store.verdictCount()
        let kept400 = try CachePruneCommandTests.remainingSolvers(path, tasks: 400)
        #expect(after <= ceiling)
        #expect(kept400 == Set((count - kept)..<count), "the most recently used verdicts stay")
        print(
            """
            BENCH binary \(CacheTestPaths.batt)
            BENCH \(count) verdicts, \(before) bytes; inspect \(String(format: "%.3f", inspectSeconds)) s, \
            inspect --json \(String(format: "%.3f", inspectJSONSeconds)) s
            BENCH prune --max-size \(ceiling) --dry-run \(String(format: "%.3f", dryRunSeconds)) s
            BENCH prune --max-size \(ceiling): \(String(format: "%.3f", pruneSeconds)) s, \(before) → \(after) bytes, \
            kept \(kept) most recently used verdicts of \(count)
            BENCH after: inspect \(String(format: "%.3f", inspectAfterSeconds)) s, verify \(String(format: "%.3f", verifySeconds)) s
            \(prune.stdout)
            """)
    }
}
