import BattCache
import BattTasks
import Foundation
import Testing

@testable import BattPipeline

/// A cached verdict is served only while the solver version, the task's pairs and the time
/// limit it was computed under still hold.
@Suite struct CacheInvalidationTests {
    @Test func changingTheSolverVersionRevalidatesEverythingAndReportsTheOldVerdictsAsStale() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let first = try await run(.fixture(cache: cache))
        #expect(first.summary.staleVerdicts == 0)

        let tagged = try await run(.fixture(cache: cache, tag: "my-dsl-2"))
        #expect(tagged.summary.solverVersion == "\(SolverVersion.runtime)+my-dsl-2")
        #expect(tagged.summary.verdictHits == 0)
        #expect(tagged.summary.validated == first.summary.uniqueSolvers)
        #expect(tagged.summary.staleVerdicts == first.summary.uniqueSolvers)
        // Inlining does not depend on the solver version.
        #expect(tagged.summary.inlineMisses == 0)
        #expect(tagged.results.map(\.ignoringCacheAndTiming) == first.results.map(\.ignoringCacheAndTiming))

        let taggedAgain = try await run(.fixture(cache: cache, tag: "my-dsl-2"))
        #expect(taggedAgain.summary.validated == 0)
        #expect(taggedAgain.summary.verdictHits == first.summary.uniqueSolvers)
        #expect(taggedAgain.summary.staleVerdicts == first.summary.uniqueSolvers)
    }

    @Test func editingOneCellOfOneTaskRevalidatesOnlyThatTasksSolvers() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let tasks = try folder.copy(Fixtures.tasks, as: "tasks")
        let before = try await run(.fixture(tasks: tasks, cache: cache))
        #expect(before.result("solve_b2b2b2b2")?.outcome == "correct")

        try editFirstOutputCell(of: tasks + "/b2b2b2b2.json", to: 9)
        let after = try await run(.fixture(tasks: tasks, cache: cache))

        let a = try #require(after.task("a1a1a1a1"))
        #expect(a.validated == 0)
        #expect(a.verdictHits == a.uniqueSolvers)
        let b = try #require(after.task("b2b2b2b2"))
        #expect(b.verdictHits == 0)
        #expect(b.validated == b.uniqueSolvers)
        #expect(after.summary.validated == b.uniqueSolvers)
        #expect(after.summary.inlineMisses == 0)
        // The edited pair now fails the solver that was right before.
        #expect(after.result("solve_b2b2b2b2")?.outcome == "wrong")
        #expect(after.result("solve_b2b2b2b2")?.pairResults == "011")
    }

    struct TimeoutCase: Sendable, CustomTestStringConvertible {
        var newLimit: Double
        var reused: Bool
        var testDescription: String { "limit 0.05 s, then \(newLimit) s: \(reused ? "reused" : "re-checked")" }
    }

    @Test(arguments: [
        TimeoutCase(newLimit: 0.05, reused: true),
        TimeoutCase(newLimit: 0.02, reused: true),
        TimeoutCase(newLimit: 0.1, reused: false),
    ])
    func cachedTimeoutIsReusedOnlyWhenTheNewTimeLimitIsNotLarger(_ example: TimeoutCase) async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let first = try await run(.fixture(candidates: Fixtures.slow, cache: cache, timeLimit: 0.05))
        #expect(first.results.map(\.outcome) == ["timeout"])
        #expect(first.summary.outcomes == ["timeout": 1])
        #expect(first.task("c3c3c3c3")?.timeouts == 1)

        let second = try await run(.fixture(candidates: Fixtures.slow, cache: cache, timeLimit: example.newLimit))
        #expect(second.summary.verdictHits == (example.reused ? 1 : 0))
        #expect(second.summary.validated == (example.reused ? 0 : 1))
        #expect(second.results.first?.verdictCache == (example.reused ? .hit : .miss))
    }

    /// A verdict that took longer than the new, smaller limit would have timed out under it.
    @Test func cachedVerdictThatTookLongerThanASmallerNewLimitIsRechecked() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let first = try await run(.fixture(cache: cache, timeLimit: 10))
        let slowMD5 = try #require(first.result("solve_a1a1a1a1")?.solverMD5)

        // Pretend the mirror took 5 s on a1a1a1a1 when it was validated under 10 s.
        let task = try #require(try TaskLoader.load(path: Fixtures.tasks)["a1a1a1a1"])
        let key = VerdictKey(
            solverMD5: slowMD5, taskFingerprint: task.fingerprint.hex,
            solverVersion: SolverVersion(tag: nil).description)
        do {
            let store = try CacheStore(path: cache)
            var record = try #require(try store.verdicts(for: [key])[key])
            record.elapsedSeconds = 5
            try store.insert(verdicts: [record])
        }

        let second = try await run(.fixture(cache: cache, timeLimit: 2))
        #expect(second.summary.validated == 1)
        #expect(second.summary.verdictHits == first.summary.uniqueSolvers - 1)
        #expect(second.result("solve_a1a1a1a1")?.verdictCache == .miss)
        #expect(second.result("solve_a1a1a1a1")?.outcome == "correct")
    }

    /// The inline cache maps a body to what one inliner made of it: a body inlined by another
    /// inliner version (which may format differently, so give another md5) is inlined again.
    @Test func bodiesInlinedByAnotherInlinerVersionAreInlinedAgain() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let first = try await run(.fixture(cache: cache, emit: folder.path("emitted")))
        let bodies = Array(Set(first.results.compactMap(\.bodyHash)))
        do {
            let store = try CacheStore(path: cache)
            let old = try store.solvers(forBodyHashes: bodies).values.map { record in
                var old = record
                old.inlinerVersion = "batt-inliner-0"
                old.solverMD5 = String(repeating: "0", count: 32)
                old.inlinedText = "def solve(I):\n    return I"
                return old
            }
            #expect(try store.insert(solvers: old) == bodies.count)
            // As after an upgrade: what the files held was recorded under the old language version.
            try store.removeCandidateFiles()
        }

        let second = try await run(.fixture(cache: cache, emit: folder.path("emitted")))
        #expect(second.summary.inlineHits == 0)
        #expect(second.summary.inlined == bodies.count)
        #expect(second.results.map(\.solverMD5) == first.results.map(\.solverMD5))
        #expect(second.inlinedTexts == first.inlinedTexts)
    }

    /// Sets `train[0].output[0][0]` of the task file at `path`.
    private func editFirstOutputCell(of path: String, to value: Int) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        var task = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var train = try #require(task["train"] as? [[String: Any]])
        var output = try #require(train[0]["output"] as? [[Int]])
        output[0][0] = value
        train[0]["output"] = output
        task["train"] = train
        try JSONSerialization.data(withJSONObject: task).write(to: URL(fileURLWithPath: path))
    }
}
