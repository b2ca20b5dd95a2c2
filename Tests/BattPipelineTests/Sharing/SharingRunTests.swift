import Foundation
import Testing

@testable import BattPipeline

/// A run with sharing and one without (`--no-share`) report the same, apart from timings.
@Suite struct SharingRunTests {
    static func options(candidates: String, share: Bool, jobs: Int = 2, timeLimit: Double = 10) -> RunOptions {
        var options = RunOptions.fixture(candidates: candidates, cache: nil, timeLimit: timeLimit, jobs: jobs)
        options.sharesEvaluation = share
        return options
    }

    @Test(arguments: [Fixtures.mixed, Fixtures.folders, Fixtures.looksAtTheClock])
    func reportsWithAndWithoutSharingAreTheSameApartFromTimings(candidates: String) async throws {
        let shared = try await run(Self.options(candidates: candidates, share: true))
        let alone = try await run(Self.options(candidates: candidates, share: false))
        #expect(shared.results.map(\.withoutTiming) == alone.results.map(\.withoutTiming))
        #expect(shared.summary.outcomes == alone.summary.outcomes)
    }

    @Test func aSharedRunCountsTheCallsAskedForAndTheCallsComputed() async throws {
        let shared = try await run(Self.options(candidates: Fixtures.mixed, share: true))
        let requested = try #require(shared.summary.evaluator?.callsRequested)
        let evaluated = try #require(shared.summary.evaluator?.callsEvaluated)
        #expect(evaluated > 0)
        #expect(evaluated <= requested)
        let alone = try await run(Self.options(candidates: Fixtures.mixed, share: false))
        #expect(alone.summary.evaluator?.callsRequested == nil)
    }

    @Test(arguments: [1, 2])
    func aSharedRunIsTheSameForAnyNumberOfJobs(jobs: Int) async throws {
        let one = try await run(Self.options(candidates: Fixtures.mixed, share: true, jobs: 1))
        let more = try await run(Self.options(candidates: Fixtures.mixed, share: true, jobs: jobs))
        #expect(one.results.map(\.withoutTiming) == more.results.map(\.withoutTiming))
    }

    @Test func aSlowCandidateTimesOutWithSharingAsItDoesAlone() async throws {
        let shared = try await run(Self.options(candidates: Fixtures.slow, share: true, timeLimit: 0.2))
        let alone = try await run(Self.options(candidates: Fixtures.slow, share: false, timeLimit: 0.2))
        #expect(shared.results.map(\.outcome) == ["timeout"])
        #expect(shared.results.map(\.withoutTiming) == alone.results.map(\.withoutTiming))
    }

    @Test func batchesGroupATasksCandidatesInTheirOrderLargestFirst() {
        #expect(Pipeline.batchesByTask(["a", "b", "a", "c", "b", "a"]) == [[0, 2, 5], [1, 4], [3]])
        #expect(Pipeline.batchesByTask([]) == [])
    }
}
