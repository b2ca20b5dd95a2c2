import BattCache
import Foundation
import Testing

/// Several `batt run` processes share one cache file.
@Suite(.serialized, .enabled(if: CacheTestPaths.hasBatt, "needs the batt binary that swift test builds"))
struct CacheConcurrencyTests {
    @Test func fourRunsAtOnceOnOneNewCacheAllSucceedAndLeaveExactlyTheUnionOfTheirVerdicts() throws {
        let folder = try CacheTestFolder()
        let functions = CacheCandidates.functions(count: 8_000, tasks: CacheTestPaths.exampleTaskIDs, seed: 7)
        let slices = CacheCandidates.overlappingSlices(functions, count: 4)
        let cache = folder.path("shared.sqlite")
        var runs: [BattProcess] = []
        // The file does not exist yet: the four also race to create and migrate it.
        for (k, slice) in slices.enumerated() {
            let candidates = folder.path("slice-\(k).py")
            try CacheCandidates.file(slice).write(toFile: candidates, atomically: true, encoding: .utf8)
            runs.append(
                try BattProcess(
                    [
                        "run", "--tasks", CacheTestPaths.exampleTasks, "--candidates", candidates, "--cache", cache,
                        "--jobs", "2", "--quiet", "--report", folder.path("slice-\(k).jsonl"),
                    ],
                    in: folder.url.path))
        }
        let results = runs.map { $0.wait() }

        var union: [CacheVerdictID: String] = [:]
        for (k, result) in results.enumerated() {
            #expect(result.status == 0, "run \(k): \(result.stderr)")
            let stderr = result.stderr.lowercased()
            #expect(!stderr.contains("busy") && !stderr.contains("locked"), "run \(k): \(result.stderr)")
            for (id, outcome) in try CacheRunReport.verdicts(folder.path("slice-\(k).jsonl")) {
                #expect(union[id] == nil || union[id] == outcome, "\(id) got two outcomes")
                union[id] = outcome
            }
        }
        // Enough work that the four runs overlap in time.
        #expect(union.count > 1000)

        let store = try CacheStore(path: cache, mode: .readOnly)
        var stored: [CacheVerdictID: String] = [:]
        for task in CacheTestPaths.exampleTaskIDs {
            for verdict in try store.verdicts(forTask: task) {
                let id = CacheVerdictID(solverMD5: verdict.key.solverMD5, task: verdict.taskID)
                #expect(stored[id] == nil, "\(id) stored twice")
                stored[id] = verdict.outcome.rawValue
            }
        }
        #expect(try store.verdictCount() == stored.count)
        #expect(stored == union)
        #expect(try store.inspect().runs == 4)

        let verify = try BattProcess.run(["cache", "verify", "--cache", cache], in: folder.url.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func anExportTakenWhileARunWritesIsAConsistentSnapshot() throws {
        let folder = try CacheTestFolder()
        let candidates = folder.path("candidates.py")
        // One task also holds a candidate that runs to its time limit, so that task's verdicts are
        // stored last, seconds after the others: the export is taken while the run still writes,
        // however fast the rest validates.
        let slowTask = CacheTestPaths.exampleTaskIDs[0]
        let slow = """
            def solve_\(slowTask)_slow(S, I, C):
                t1 = canvas(ZERO, (40, 40))
                t2 = asobject(t1)
                t3 = canvas(ZERO, (700, 700))
                t4 = occurrences(t3, t2)
                return t4
            """
        try CacheCandidates.file(
            CacheCandidates.functions(count: 8_000, tasks: CacheTestPaths.exampleTaskIDs, seed: 11) + [slow]
        )
        .write(toFile: candidates, atomically: true, encoding: .utf8)
        let cache = folder.path("batt-cache.sqlite")
        let run = try BattProcess(
            [
                "run", "--tasks", CacheTestPaths.exampleTasks, "--candidates", candidates, "--cache", cache, "--jobs",
                "2", "--timeout", "5s", "--quiet",
            ],
            in: folder.url.path)
        while run.isRunning && (CacheCrashTests.verdictCount(cache) ?? 0) < 500 { usleep(2000) }
        let export = try BattProcess.run(
            ["cache", "export", "--cache", cache, "--out", folder.path("snapshot.sqlite")],
            in: folder.url.path)
        let finished = run.wait()
        #expect(export.status == 0, "\(export.stderr)")
        #expect(finished.status == 0, "\(finished.stderr)")

        let snapshot = try CacheStore(path: folder.path("snapshot.sqlite"), mode: .readOnly)
        let final = try CacheStore(path: cache, mode: .readOnly)
        #expect(snapshot.verify().isOK)
        let taken = try snapshot.verdictCount()
        let total = try final.verdictCount()
        #expect(taken >= 500 && taken < total, "taken mid-run: \(taken) of \(total) verdicts")
        for task in CacheTestPaths.exampleTaskIDs {
            let later = Dictionary(uniqueKeysWithValues: try final.verdicts(forTask: task).map { ($0.key, $0.outcome) })
            for verdict in try snapshot.verdicts(forTask: task) {
                #expect(later[verdict.key] == verdict.outcome, "\(verdict.key)")
            }
        }
    }
}
