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

    /// Many variants of a few bodies for the one task `a1a1a1a1`: correct, wrong and failing ones.
    static func oneTaskCandidates(count: Int) -> String {
        let bodies = [
            ["x1 = vmirror(I)", "O = x1"],
            ["x1 = hmirror(I)", "x2 = vmirror(x1)", "O = hmirror(x2)"],
            ["x1 = hmirror(I)", "O = x1"],
            ["x1 = rot90(I)", "x2 = rot270(x1)", "O = vmirror(x2)"],
            ["x1 = vmirror(I)", "x2 = add(x1, 1)", "O = x2"],
            ["x1 = dmirror(I)", "x2 = rot90(x1)", "O = x2"],
        ]
        var text = "from dsl import *\nfrom constants import *\n"
        for k in 0..<count {
            let body = bodies[k % bodies.count]
            // The k-th variant adds its own step (a crop of its own size) that it does not return.
            let own = "x9 = crop(I, ORIGIN, (\(k / bodies.count + 1), 1))"
            text += "\n\ndef solve_a1a1a1a1_\(k)(I):\n    \(own)\n"
            text += body.map { "    \($0)\n" }.joined() + "    return O\n"
        }
        return text
    }

    @Test func oneTaskWithManyCandidatesReportsTheSameForAnyNumberOfJobs() async throws {
        let folder = try TemporaryFolder()
        let candidates = folder.path("one_task.py")
        try Self.oneTaskCandidates(count: 1_100).write(toFile: candidates, atomically: true, encoding: .utf8)
        let alone = try await run(Self.options(candidates: candidates, share: false, jobs: 1))
        #expect(alone.results.count == 1_100)
        #expect(Set(alone.results.map(\.outcome)).count >= 3, "outcomes: \(Set(alone.results.map(\.outcome)))")
        for jobs in [1, 2, 4] {
            let shared = try await run(Self.options(candidates: candidates, share: true, jobs: jobs))
            #expect(shared.results.map(\.withoutTiming) == alone.results.map(\.withoutTiming), "jobs \(jobs)")
        }
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
