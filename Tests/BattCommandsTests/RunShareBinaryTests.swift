import Foundation
import Testing

@testable import BattCommands

/// `batt run --no-share`: each candidate validated on its own, with the same verdicts.
@Suite struct RunShareBinaryTests {
    @Test func noShareIsOffUnlessGiven() throws {
        let plain = try #require(try Batt.parseAsRoot(["run"]) as? RunCommand)
        let alone = try #require(try Batt.parseAsRoot(["run", "--no-share"]) as? RunCommand)
        #expect(!plain.noShare)
        #expect(alone.noShare)
    }

    @Test func jsonWithAndWithoutSharingGivesTheSameOutcomesAndCountsCallsOnlyWhenSharing() async throws {
        let arguments = [
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--no-cache", "--json",
        ]
        let shared = try await BattBinary.run(arguments)
        let alone = try await BattBinary.run(arguments + ["--no-share"])
        #expect(shared.status == 0, "\(shared)")
        #expect(alone.status == 0, "\(alone)")
        let sharedJSON = try shared.json()
        let aloneJSON = try alone.json()
        #expect(sharedJSON["outcomes"] as? [String: Int] == aloneJSON["outcomes"] as? [String: Int])
        let evaluator = try #require(sharedJSON["evaluator"] as? [String: Any])
        let requested = try #require(evaluator["calls_requested"] as? Int)
        let evaluated = try #require(evaluator["calls_evaluated"] as? Int)
        #expect(evaluated > 0 && evaluated <= requested)
        #expect(evaluator["validation_cpu_seconds"] is Double)
        let aloneEvaluator = try #require(aloneJSON["evaluator"] as? [String: Any])
        #expect(aloneEvaluator["calls_requested"] == nil)
        // Both modes say how long evaluating took, apart from compiling and bookkeeping.
        #expect((evaluator["evaluation_seconds"] as? Double).map { $0 > 0 } == true)
        #expect((aloneEvaluator["evaluation_seconds"] as? Double).map { $0 > 0 } == true)
    }

    @Test func aRunThatValidatesNothingSpendsNoTimeEvaluating() async throws {
        let folder = try RunFolder()
        let arguments = [
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates,
            "--cache", folder.path("cache.sqlite"), "--json",
        ]
        let cold = try await BattBinary.run(arguments)
        let warm = try await BattBinary.run(arguments)
        #expect(cold.status == 0, "\(cold)")
        #expect(warm.status == 0, "\(warm)")
        let coldEvaluator = try #require(try cold.json()["evaluator"] as? [String: Any])
        let warmEvaluator = try #require(try warm.json()["evaluator"] as? [String: Any])
        #expect((coldEvaluator["evaluation_seconds"] as? Double).map { $0 > 0 } == true)
        #expect(warmEvaluator["evaluation_seconds"] as? Double == 0)
    }
}
