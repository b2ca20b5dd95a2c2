import Foundation
import Testing

/// `batt submit` as a Kaggle user runs it: the built executable, the file it writes, its exit status.
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct SubmitBinaryTests {
    static let challenges = RunFixtures.path("Kaggle/arc-agi_test_challenges.json")

    /// The submission file as `{task: [{"attempt_1": grid, "attempt_2": grid}]}`.
    static func read(_ path: String) throws -> [String: [[String: [[Int]]]]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let file = try JSONSerialization.jsonObject(with: data) as? [String: [[String: [[Int]]]]] else {
            throw RunTestError("not a submission file:\n\(String(decoding: data, as: UTF8.self))")
        }
        return file
    }

    @Test func submitWithCandidatesValidatesThenWritesEveryTaskAndSaysWhichHadNoSolver() async throws {
        let folder = try RunFolder()
        let out = folder.path("submission.json")
        let run = try await BattBinary.run([
            "submit", "--tasks", Self.challenges, "--candidates", RunFixtures.candidates,
            "--cache", folder.path("cache.sqlite"), "--out", out,
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("wrote \(out): 3 tasks, 4 test inputs"), "\(run)")
        #expect(run.stdout.contains("no solver for 1 task(s), their attempts are the test inputs: c9c9c9c9"), "\(run)")

        let file = try Self.read(out)
        #expect(Set(file.keys) == ["a1a1a1a1", "b2b2b2b2", "c9c9c9c9"])
        #expect(file["a1a1a1a1"]?.first?["attempt_1"] == [[0, 0, 5], [1, 5, 0]])
        #expect(file["b2b2b2b2"]?.count == 2)
        #expect(file["b2b2b2b2"]?[0]["attempt_1"] == [[3, 2], [2, 2]])
        #expect(file["b2b2b2b2"]?[1]["attempt_1"] == [[2]])
        #expect(file["c9c9c9c9"]?.first?["attempt_1"] == [[4, 5]])
        #expect(file["c9c9c9c9"]?.first?["attempt_2"] == [[4, 5]])
    }

    @Test func submitFromTheCacheAloneWritesTheSameFile() async throws {
        let folder = try RunFolder()
        let cache = folder.path("cache.sqlite")
        let first = try await BattBinary.run([
            "submit", "--tasks", Self.challenges, "--candidates", RunFixtures.candidates, "--cache", cache,
            "--out", folder.path("first.json"),
        ])
        let second = try await BattBinary.run([
            "submit", "--tasks", Self.challenges, "--cache", cache, "--out", folder.path("second.json"), "--json",
        ])
        #expect(first.status == 0, "\(first)")
        #expect(second.status == 0, "\(second)")
        #expect(try Self.read(folder.path("first.json")) == Self.read(folder.path("second.json")))
        let summary = try second.json()
        #expect(summary["tasks"] as? Int == 3)
        #expect(summary["test_inputs"] as? Int == 4)
        #expect(summary["tasks_without_solver"] as? [String] == ["c9c9c9c9"])
        let counts = try #require(summary["tasks_by_distinct_attempts"] as? [String: Int])
        #expect(counts.values.reduce(0, +) == 3)
        #expect(counts["0"] == 1)
    }

    @Test func aMalformedChallengesFileExitsOneNamingTheTaskAndWritesNothing() async throws {
        let folder = try RunFolder()
        let out = folder.path("submission.json")
        let run = try await BattBinary.run([
            "submit", "--tasks", RunFixtures.path("KaggleMalformed/arc-agi_test_challenges.json"),
            "--candidates", RunFixtures.candidates, "--cache", folder.path("cache.sqlite"), "--out", out,
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("e0e0e0e0"), "\(run)")
        #expect(run.stderr.contains("a submission must answer every task"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aChallengesFileThatIsNotJSONExitsOne() async throws {
        let folder = try RunFolder()
        let challenges = folder.path("arc-agi_test_challenges.json")
        try Data("{\"a1a1a1a1\": {\"train\": [".utf8).write(to: URL(fileURLWithPath: challenges))
        let run = try await BattBinary.run([
            "submit", "--tasks", challenges, "--cache", folder.path("cache.sqlite"), "--out", folder.path("s.json"),
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains(challenges), "\(run)")
    }

    @Test func aMissingCacheWithoutCandidatesExitsOneSayingWhatToPass() async throws {
        let folder = try RunFolder()
        let run = try await BattBinary.run([
            "submit", "--tasks", Self.challenges, "--cache", folder.path("absent.sqlite"), "--out",
            folder.path("s.json"),
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("--candidates"), "\(run)")
    }
}
