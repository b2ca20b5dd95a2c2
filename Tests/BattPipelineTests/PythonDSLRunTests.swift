import BattCache
import Foundation
import Testing

@testable import BattPipeline

/// The tiny DSL of the Python worker tests, and whether python3 is here to run it.
enum TinyDSLFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BattPythonTests/Fixtures/tinydsl").path
    static let dsl = (folder as NSString).appendingPathComponent("dsl.py")
    static let broken = URL(fileURLWithPath: folder).deletingLastPathComponent()
        .appendingPathComponent("brokendsl/dsl.py").path
    static let candidates = Fixtures.path("Candidates/Python/tiny.py")

    static let hasPython: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    }()

    static func options(dsl: String = dsl, cache: String?, jobs: Int = 2) -> RunOptions {
        var options = RunOptions.fixture(candidates: candidates, cache: cache, timeLimit: 1, jobs: jobs)
        options.pythonDSL = PythonDSLOptions(dslPath: dsl, workerMemoryBytes: 64 << 20)
        return options
    }
}

@Suite(.enabled(if: TinyDSLFixture.hasPython, "python3 is not on PATH: runs with --dsl cannot be tested"))
struct PythonDSLRunTests {
    @Test func namesComeFromTheDSLAndTheStarImportsOfTheCandidateFile() async throws {
        let outcome = try await run(TinyDSLFixture.options(cache: nil))
        #expect(outcome.result("solve_a1a1a1a1")?.outcome == "correct")
        // 'twice' is extras.py's, which the file star-imports.
        #expect(outcome.result("solve_a1a1a1a1_1")?.outcome == "wrong")
        #expect(outcome.summary.diagnostics.contains { $0.contains("'import os' adds no name") })
        #expect(outcome.summary.solverVersion.hasPrefix(SolverVersion.runtime + "+py:"))
    }

    @Test func aNameTheDSLLacksIsInvalidWithFileLineAndTheModulesSearched() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await run(TinyDSLFixture.options(cache: folder.path("cache.sqlite")))
        let result = try #require(outcome.result("solve_c3c3c3c3_1"))
        #expect(result.outcome == "invalid")
        let message = try #require(result.message)
        #expect((result.file, result.line) == (TinyDSLFixture.candidates, 29))
        #expect(message.hasPrefix("undefined name 'vmirror' on line 30"))
        #expect(message.contains("(modules searched: dsl, extras)"))
        #expect(result.solverMD5 == nil)
        let store = try CacheStore(path: folder.path("cache.sqlite"), mode: .readOnly)
        #expect(try store.inspect().verdicts == outcome.summary.validated)
    }

    @Test func misbehavingCandidatesGetTheirOwnOutcomesAndTheRunGoesOn() async throws {
        let outcome = try await run(TinyDSLFixture.options(cache: nil))
        #expect(outcome.result("solve_c3c3c3c3")?.outcome == "correct")  // prints
        #expect(outcome.result("solve_c3c3c3c3_2")?.outcome == "timeout")  // loops for ever
        #expect(outcome.result("solve_c3c3c3c3_3")?.outcome == "budget")  // allocates without bound
        let exited = try #require(outcome.result("solve_c3c3c3c3_4"))
        #expect(exited.outcome == "error")
        #expect(exited.message?.contains("exited with status 3") == true)
        #expect(outcome.result("solve_c3c3c3c3_5")?.outcome == "correct")
    }

    @Test func aWarmRunStartsNoPython() async throws {
        let folder = try TemporaryFolder()
        let cold = try await run(TinyDSLFixture.options(cache: folder.path("cache.sqlite")))
        #expect(cold.summary.evaluator?.startedPython == true)
        let warm = try await run(TinyDSLFixture.options(cache: folder.path("cache.sqlite")))
        #expect(warm.summary.evaluator?.startedPython == false)
        #expect(warm.summary.evaluator?.workersStarted == 0)
        #expect(warm.summary.validated == 0)
        #expect(warm.results.map(\.ignoringCacheAndTiming) == cold.results.map(\.ignoringCacheAndTiming))
    }

    @Test func editingAModuleOfTheDSLMakesEveryVerdictStale() async throws {
        let folder = try TemporaryFolder()
        let copy = try folder.copy(TinyDSLFixture.folder, as: "tinydsl")
        let dsl = (copy as NSString).appendingPathComponent("dsl.py")
        let cache = folder.path("cache.sqlite")
        let first = try await run(TinyDSLFixture.options(dsl: dsl, cache: cache))
        // One character in a module the DSL imports, not the DSL file itself.
        let types = (copy as NSString).appendingPathComponent("tinytypes.py")
        try (String(contentsOfFile: types, encoding: .utf8) + "#").write(
            toFile: types, atomically: true, encoding: .utf8)
        let second = try await run(TinyDSLFixture.options(dsl: dsl, cache: cache))
        #expect(second.summary.solverVersion != first.summary.solverVersion)
        #expect(second.summary.verdictHits == 0)
        #expect(second.summary.validated == first.summary.validated)
        #expect(second.summary.staleVerdicts == first.summary.validated)
    }

    @Test func oneJobAndTwoJobsGiveIdenticalReports() async throws {
        let one = try await run(TinyDSLFixture.options(cache: nil, jobs: 1))
        let two = try await run(TinyDSLFixture.options(cache: nil, jobs: 2))
        #expect(one.results.map(\.withoutTiming) == two.results.map(\.withoutTiming))
    }

    @Test func aDSLThatFailsToImportStopsTheRunAndStoresNothing() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        await #expect {
            try await run(TinyDSLFixture.options(dsl: TinyDSLFixture.broken, cache: cache))
        } throws: { error in
            "\(error)".contains("failed to import: ModuleNotFoundError: No module named 'a_module_nobody_has'")
        }
        if FileManager.default.fileExists(atPath: cache) {
            let store = try CacheStore(path: cache, mode: .readOnly)
            #expect(try store.inspect().verdicts == 0)
            #expect(try store.pythonDSLsByVersion().isEmpty)
        }
    }
}
