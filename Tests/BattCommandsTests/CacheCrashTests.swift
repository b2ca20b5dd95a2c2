import BattCache
import Foundation
import Testing

/// A `batt run` killed with SIGKILL at any point leaves a cache that verifies, and a re-run on it
/// ends with exactly the verdicts of a run that was never interrupted.
@Suite(.serialized, .enabled(if: CacheTestPaths.hasBatt, "needs the batt binary that swift test builds"))
struct CacheCrashTests {
    /// When the test kills the run.
    enum KillPoint: CustomStringConvertible {
        /// A fixed delay after the start: opening the cache, loading, parsing.
        case after(milliseconds: Int)
        /// As soon as the cache holds this share of the run's verdicts: between batch writes.
        case whenCacheHolds(share: Double)

        var description: String {
            switch self {
            case .after(let milliseconds): return "\(milliseconds) ms after the start"
            case .whenCacheHolds(let share): return "once the cache holds \(Int(share * 100))% of the verdicts"
            }
        }
    }

    static let killPoints: [KillPoint] = [
        .after(milliseconds: 50), .after(milliseconds: 150), .after(milliseconds: 400),
        .whenCacheHolds(share: 0.01), .whenCacheHolds(share: 0.5), .whenCacheHolds(share: 0.85),
    ]

    @Test func killedRunsLeaveACacheThatVerifiesAndCompletesToTheVerdictsOfAnUninterruptedRun() throws {
        let folder = try CacheTestFolder()
        let candidates = folder.path("candidates.py")
        try CacheCandidates.file(CacheCandidates.functions(count: 8_000, tasks: CacheTestPaths.exampleTaskIDs))
            .write(toFile: candidates, atomically: true, encoding: .utf8)
        func runArguments(cache: String) -> [String] {
            [
                "run", "--tasks", CacheTestPaths.exampleTasks, "--candidates", candidates, "--cache", cache,
                "--jobs", "2", "--quiet",
            ]
        }

        let referenceCache = folder.path("reference.sqlite")
        let reference = try BattProcess.run(
            runArguments(cache: referenceCache) + ["--report", folder.path("reference.jsonl")],
            in: folder.url.path)
        try #require(reference.status == 0, "the uninterrupted run failed: \(reference.stderr)")
        let expectedLines = try CacheRunReport.comparableLines(folder.path("reference.jsonl"))
        let expectedVerdicts = try CacheStore(path: referenceCache, mode: .readOnly).verdictCount()
        try #require(expectedVerdicts > 1000)

        for (index, point) in Self.killPoints.enumerated() {
            let cache = folder.path("killed-\(index).sqlite")
            let run = try BattProcess(runArguments(cache: cache), in: folder.url.path)
            switch point {
            case .after(let milliseconds):
                usleep(UInt32(milliseconds) * 1000)
            case .whenCacheHolds(let share):
                let wanted = max(1, Int(Double(expectedVerdicts) * share))
                while run.isRunning && (Self.verdictCount(cache) ?? 0) < wanted { usleep(2000) }
            }
            run.kill()
            let killed = run.wait()
            #expect(killed.killedBySignal, "the run had already ended when killed \(point)")

            // A kill that comes before the run has created its cache leaves nothing to verify (on a
            // busy machine the earliest kill point can); otherwise the file it left must verify.
            if FileManager.default.fileExists(atPath: cache) {
                let verify = try BattProcess.run(["cache", "verify", "--cache", cache], in: folder.url.path)
                #expect(verify.status == 0, "verify after a kill \(point): \(verify.stdout) \(verify.stderr)")
                #expect(verify.stdout.hasSuffix("OK\n"), "\(verify.stdout)")
            } else {
                #expect(
                    !FileManager.default.fileExists(atPath: cache + "-wal"),
                    "a -wal without its cache after a kill \(point)")
            }

            let report = folder.path("rerun-\(index).jsonl")
            let rerun = try BattProcess.run(runArguments(cache: cache) + ["--report", report], in: folder.url.path)
            #expect(rerun.status == 0, "re-run after a kill \(point): \(rerun.stderr)")
            #expect(try CacheRunReport.comparableLines(report) == expectedLines, "re-run after a kill \(point)")
            #expect(Self.verdictCount(cache) == expectedVerdicts, "cache after a kill \(point) and a re-run")
        }
    }

    /// The verdicts in the cache right now; nil while it has no schema yet.
    static func verdictCount(_ path: String) -> Int? {
        guard let store = try? CacheStore(path: path, mode: .readOnly) else { return nil }
        return try? store.verdictCount()
    }
}
