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
            runs.append(try BattProcess(
                ["run", "--tasks", CacheTestPaths.exampleTasks, "--candidates", candidates, "--cache", cache,
                 "--jobs", "2", "--quiet", "--report", folder.path("slice-\(k).jsonl")],
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
}
