import Foundation
import Testing

@testable import BattPipeline

/// What a run says against what its cache knew before: the tasks newly solved and lost, and the
/// slowest solvers.
@Suite struct RunComparisonTests {
    @Test func aColdRunNewlySolvesEveryTaskItSolves() async throws {
        let folder = try TemporaryFolder()
        let cold = try await run(.fixture(cache: folder.path("cache.sqlite")))
        #expect(cold.summary.newlySolved == ["a1a1a1a1", "b2b2b2b2"])
        #expect(cold.summary.lost == [])
    }

    @Test func aTaskWhoseCorrectSolverTheRunLacksIsLostAndAKnownOneIsNotNew() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        _ = try await run(.fixture(cache: cache))
        // a1a1a1a1 is a left-right mirror (solved again); b2b2b2b2 has only a wrong candidate now.
        let later = folder.path("later.py")
        try """
        def solve_a1a1a1a1(I):
            x1 = vmirror(I)
            return x1

        def solve_b2b2b2b2(I):
            x1 = hmirror(I)
            return x1
        """.write(toFile: later, atomically: true, encoding: .utf8)
        let warm = try await run(.fixture(candidates: later, cache: cache))
        #expect(warm.summary.tasksSolved == 1)
        #expect(warm.summary.newlySolved == [])
        #expect(warm.summary.lost == ["b2b2b2b2"])
    }

    @Test func withoutACacheNothingIsComparedAndTheSlowestAreStillListed() async throws {
        let outcome = try await run(.fixture(cache: nil))
        #expect(outcome.summary.newlySolved == nil)
        #expect(outcome.summary.lost == nil)
        let slowest = outcome.summary.slowest
        #expect(slowest.count == Pipeline.slowestKept)
        #expect(slowest.map(\.elapsedSeconds) == slowest.map(\.elapsedSeconds).sorted(by: >))
        #expect(slowest.allSatisfy { !$0.solverMD5.isEmpty && !$0.cached })
    }
}
