import Foundation
import Testing

@testable import BattPipeline

/// A second run on the same cache does no work twice, and answers exactly as the first did.
@Suite struct CacheReuseTests {
    /// What `Candidates/mixed.py` must give on its tasks, function by function.
    static let expectedOutcomes: [String: String] = [
        "solve_a1a1a1a1": "correct", "solve_a1a1a1a1_1": "wrong", "solve_a1a1a1a1_2": "correct",
        "solve_a1a1a1a1_3": "error", "solve_a1a1a1a1_4": "correct", "verify_a1a1a1a1": "correct",
        "solve_b2b2b2b2": "correct", "solve_b2b2b2b2_1": "wrong", "solve_b2b2b2b2_2": "correct",
        "solve_b2b2b2b2_3": "wrong",
    ]

    @Test func coldRunValidatesEachTaskSolverPairOnceAndGivesTheExpectedOutcomes() async throws {
        let folder = try TemporaryFolder()
        let cold = try await run(.fixture(cache: folder.path("cache.sqlite")))

        #expect(cold.outcomesByFunction == Self.expectedOutcomes)
        let summary = cold.summary
        #expect(summary.candidates == 10)
        #expect(summary.unreadable == 0)
        #expect(summary.invalid == 0)
        #expect(summary.uniqueSolvers == 8)
        #expect(summary.inlineHits == 0)
        #expect(summary.inlineMisses == 9, "a body counts once per task")
        #expect(summary.inlined == 8, "a body two tasks share is inlined once")
        #expect(summary.verdictHits == 0)
        #expect(summary.verdictMisses == 8)
        #expect(summary.validated == 8)
        #expect(summary.outcomes == ["correct": 4, "wrong": 3, "error": 1])
        #expect(summary.tasksWithCandidates == 2)
        #expect(summary.tasksSolved == 2)
        #expect(summary.cacheMode == "read-write")
        let a = try #require(cold.task("a1a1a1a1"))
        let aCounts: [Int] = [a.candidates, a.uniqueBodies, a.uniqueSolvers, a.validated, a.correct, a.errors]
        #expect(aCounts == [6, 5, 4, 4, 2, 1])
        let b = try #require(cold.task("b2b2b2b2"))
        let bCounts: [Int] = [b.candidates, b.uniqueBodies, b.uniqueSolvers, b.validated, b.correct, b.errors]
        #expect(bCounts == [4, 4, 4, 4, 2, 0])
    }

    @Test func coldRunSaysWhichAnswersWereComputedAndWhichWereShared() async throws {
        let folder = try TemporaryFolder()
        let cold = try await run(.fixture(cache: folder.path("cache.sqlite")))
        let sources = Dictionary(
            uniqueKeysWithValues: cold.results.map { ($0.function, [$0.inlineCache, $0.verdictCache]) })
        #expect(
            sources == [
                "solve_a1a1a1a1": [.miss, .miss],
                "solve_a1a1a1a1_1": [.miss, .miss],
                "solve_a1a1a1a1_2": [.shared, .shared],  // same body as solve_a1a1a1a1
                "solve_a1a1a1a1_3": [.miss, .miss],
                "solve_a1a1a1a1_4": [.miss, .shared],  // another body, same solver, same task
                "verify_a1a1a1a1": [.miss, .miss],
                "solve_b2b2b2b2": [.miss, .miss],
                "solve_b2b2b2b2_1": [.miss, .miss],
                "solve_b2b2b2b2_2": [.miss, .miss],
                "solve_b2b2b2b2_3": [.miss, .miss],  // same body as solve_a1a1a1a1, first in another task
            ])
        #expect(cold.result("solve_a1a1a1a1")?.solverMD5 == cold.result("solve_a1a1a1a1_4")?.solverMD5)
        #expect(cold.result("solve_a1a1a1a1")?.bodyHash != cold.result("solve_a1a1a1a1_4")?.bodyHash)
        #expect(cold.result("solve_a1a1a1a1")?.solverMD5 != cold.result("verify_a1a1a1a1")?.solverMD5)
    }

    @Test func anEditedCandidateFileIsParsedAgainAndOnlyItsNewBodyIsInlinedAndValidated() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let candidates = folder.path("candidates.py")
        try FileManager.default.copyItem(atPath: Fixtures.mixed, toPath: candidates)
        _ = try await run(.fixture(candidates: candidates, cache: cache))
        let added = "\n\ndef solve_a1a1a1a1_9(I):\n    x1 = rot180(I)\n    return x1\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: candidates))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(added.utf8))
        try handle.close()

        let edited = try await run(.fixture(candidates: candidates, cache: cache))
        #expect(!edited.summary.candidateFilesKnown)
        #expect(edited.summary.inlineMisses == 1)
        #expect(edited.summary.validated == 1)
        #expect(edited.result("solve_a1a1a1a1_9")?.outcome == "wrong")

        let again = try await run(.fixture(candidates: candidates, cache: cache))
        #expect(again.summary.candidateFilesKnown)
        #expect(again.results.map(\.withoutTiming).map(\.outcome) == edited.results.map(\.outcome))
    }

    @Test func aKnownFileWhoseVerdictsAreMissingIsParsedAgainAndValidated() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await run(.fixture(cache: cache))
        let otherLimit = try await run(.fixture(cache: cache, tag: "new-scoring"))
        #expect(!otherLimit.summary.candidateFilesKnown, "verdicts of the new version must be computed")
        #expect(otherLimit.summary.validated == cold.summary.validated)
        #expect(otherLimit.results.map(\.outcome) == cold.results.map(\.outcome))
    }

    @Test func warmRunServesEveryLookupFromTheCacheAndValidatesNothing() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await run(.fixture(cache: cache))
        let warm = try await run(.fixture(cache: cache))

        #expect(!cold.summary.candidateFilesKnown)
        #expect(warm.summary.candidateFilesKnown, "an unchanged candidate file is not parsed again")
        #expect(warm.summary.inlineMisses == 0)
        #expect(warm.summary.inlineHits == cold.summary.inlineMisses)
        #expect(warm.summary.verdictMisses == 0)
        #expect(warm.summary.verdictHits == warm.summary.uniqueSolvers)
        #expect(warm.summary.validated == 0)
        #expect(warm.summary.outcomes == cold.summary.outcomes)
        for row in warm.summary.tasks {
            #expect(row.validated == 0, "\(row.task)")
            #expect(row.verdictHits == row.uniqueSolvers, "\(row.task)")
        }
        #expect(warm.results.allSatisfy { $0.inlineCache == .hit || $0.inlineCache == .shared })
        #expect(warm.results.allSatisfy { $0.verdictCache == .hit || $0.verdictCache == .shared })
    }

    @Test func aKnownFileRunOnFewerTasksLeavesOutTheCandidatesOfTheMissingOnes() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        _ = try await run(.fixture(cache: cache))
        let fewer = folder.path("tasks")
        try FileManager.default.createDirectory(atPath: fewer, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.tasks + "/a1a1a1a1.json", toPath: fewer + "/a1a1a1a1.json")

        let known = try await run(.fixture(tasks: fewer, cache: cache))
        let parsed = try await run(.fixture(tasks: fewer, cache: nil))
        #expect(known.summary.candidateFilesKnown, "the file's record is read, not the file")
        #expect(known.summary.invalid == 4)
        #expect(known.result("solve_b2b2b2b2")?.message == "task 'b2b2b2b2' is not in the task set")
        #expect(known.results.map(\.withoutTiming).map(\.outcome) == parsed.results.map(\.outcome))
        #expect(known.results.map(\.message) == parsed.results.map(\.message))
    }

    /// The totals line reads "N candidates → B unique bodies → S unique solvers" next to
    /// "inline H hits / M misses": a warm run must show H == B. A body used by two tasks is
    /// inlined (and looked up) once, so it is one unique body.
    @Test func uniqueBodiesCountsEachBodyOnceEvenWhenTwoTasksUseIt() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await run(.fixture(cache: cache))
        #expect(cold.summary.uniqueBodies == cold.summary.inlineMisses)
        let warm = try await run(.fixture(cache: cache))
        #expect(warm.summary.uniqueBodies == warm.summary.inlineHits)
    }

    @Test func warmRunGivesEachCandidateTheSameResultAsTheColdRun() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await run(.fixture(cache: cache, emit: folder.path("emitted")))
        let warm = try await run(.fixture(cache: cache, emit: folder.path("emitted")))

        #expect(warm.results.count == cold.results.count)
        for (w, c) in zip(warm.results, cold.results) {
            #expect(w.ignoringCacheAndTiming == c.ignoringCacheAndTiming)
        }
        #expect(warm.inlinedTexts == cold.inlinedTexts)
        // The error message of a raising candidate comes back from the cache too.
        let error = try #require(warm.result("solve_a1a1a1a1_3"))
        #expect(error.message?.isEmpty == false)
        #expect(error.pairResults == "EEE")
    }

    @Test(arguments: [2, 4])
    func resultsAreTheSameWhateverTheNumberOfJobs(_ jobs: Int) async throws {
        let folder = try TemporaryFolder()
        let serial = try await run(.fixture(cache: folder.path("serial.sqlite"), jobs: 1))
        let parallel = try await run(.fixture(cache: folder.path("parallel.sqlite"), jobs: jobs))
        #expect(parallel.results.map(\.withoutTiming) == serial.results.map(\.withoutTiming))
        #expect(parallel.summary.tasks == serial.summary.tasks)
        #expect(parallel.summary.outcomes == serial.summary.outcomes)
    }

    @Test func runWithoutACacheValidatesEverythingAndNamesNoCacheSource() async throws {
        let folder = try TemporaryFolder()
        let cached = try await run(.fixture(cache: folder.path("cache.sqlite")))
        let uncached = try await run(.fixture(cache: nil))

        #expect(uncached.summary.cachePath == nil)
        #expect(uncached.summary.cacheMode == "none")
        #expect(uncached.summary.validated == 8)
        #expect(uncached.summary.verdictHits == 0)
        #expect(uncached.summary.inlineHits == 0)
        #expect(uncached.results.allSatisfy { $0.inlineCache == .none || $0.inlineCache == .shared })
        #expect(uncached.results.allSatisfy { $0.verdictCache == .none || $0.verdictCache == .shared })
        #expect(uncached.results.map(\.ignoringCacheAndTiming) == cached.results.map(\.ignoringCacheAndTiming))
    }

    @Test func seedStartsAMissingCacheWhoseVerdictsAreServedAsHits() async throws {
        let folder = try TemporaryFolder()
        let old = folder.path("old.sqlite")
        let cold = try await run(.fixture(cache: old))
        let oldBytes = try #require(FileManager.default.contents(atPath: old))

        let fresh = folder.path("new/cache.sqlite")
        let seeded = try await run(.fixture(cache: fresh, seed: old))

        #expect(FileManager.default.fileExists(atPath: fresh))
        #expect(seeded.summary.inlineMisses == 0)
        #expect(seeded.summary.verdictHits == cold.summary.uniqueSolvers)
        #expect(seeded.summary.validated == 0)
        #expect(seeded.results.map(\.ignoringCacheAndTiming) == cold.results.map(\.ignoringCacheAndTiming))
        #expect(FileManager.default.contents(atPath: old) == oldBytes, "the seed must not be modified")
    }

    @Test func seedIsIgnoredWhenTheCacheAlreadyExists() async throws {
        let folder = try TemporaryFolder()
        let old = folder.path("old.sqlite")
        _ = try await run(.fixture(cache: old))
        let existing = folder.path("existing.sqlite")
        _ = try await run(.fixture(candidates: Fixtures.bad("no_task.py"), cache: existing, task: "a1a1a1a1"))

        let outcome = try await run(.fixture(cache: existing, seed: old))
        #expect(outcome.summary.verdictHits == 0)
        #expect(outcome.summary.validated == 8)
    }
}
