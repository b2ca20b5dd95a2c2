import Foundation
import Testing

@testable import BattPipeline

/// The `--report` JSONL file and the solvers written with `--emit`, as the Python pipeline lays them out.
@Suite struct OutputTests {
    /// md5 of the inlined text, as CPython's `ast.unparse` writes it and the Python pipeline names its files.
    static let expectedSolvers: [String: (task: String, text: String)] = [
        "95e5ffb7911c36ce0f603ff9bd9fc919": ("a1a1a1a1", "def solve(I):\n    return vmirror(I)"),
        "6e9a4129e2edafdef282e5880e0fd255": ("a1a1a1a1", "def solve(I: Grid) -> Grid:\n    return vmirror(I)"),
        "9ee3217e2f82708d2350b5b3283fe6cc": ("b2b2b2b2", "def solve(I):\n    return replace(I, ONE, TWO)"),
        "972a49fa49ec6ffe458c3fc8ac022d9b": (
            "b2b2b2b2", "def solve(S, I, C):\n    return fill(grid=I, value=TWO, patch=ofcolor(I, ONE))"
        ),
    ]

    @Test func correctSolversComeWithTheirInlinedTextUnderTheirMD5() async throws {
        let outcome = try await run(.fixture(cache: nil, emit: "emitted"))
        #expect(outcome.inlinedTexts == Self.expectedSolvers.mapValues(\.text))
        #expect(outcome.result("solve_a1a1a1a1")?.solverMD5 == "95e5ffb7911c36ce0f603ff9bd9fc919")
    }

    @Test func reportHasOneJSONLinePerCandidateInCandidateOrder() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await run(.fixture(candidates: Fixtures.bad("unknown_task.py"), cache: nil))
        let path = folder.path("report.jsonl")
        try CandidateReport.write(outcome.results, to: path)

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == outcome.results.count + 1 && lines.last == "", "one line per candidate, newline-terminated")
        let decoded = try lines.dropLast().map { try JSONDecoder().decode(CandidateResult.self, from: Data($0.utf8)) }
        #expect(decoded == Array(outcome.results))
    }

    @Test func reportOfAValidatedCandidateHasEveryDocumentedField() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await run(.fixture(cache: folder.path("cache.sqlite")))
        let path = folder.path("report.jsonl")
        try CandidateReport.write(outcome.results, to: path)
        let first = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let documented: Set<String> = [
            "task", "function", "file", "line", "body_hash", "solver_md5", "inline_cache", "verdict_cache",
            "outcome", "pairs", "demo_correct", "demo_count", "test_correct", "test_count", "elapsed",
        ]
        #expect(documented.isSubset(of: Set(object.keys)), "missing: \(documented.subtracting(object.keys))")
        #expect(object["task"] as? String == "a1a1a1a1")
        #expect(object["function"] as? String == "solve_a1a1a1a1")
        #expect(object["file"] as? String == Fixtures.mixed)
        #expect(object["outcome"] as? String == "correct")
        #expect(object["inline_cache"] as? String == "miss")
        #expect(object["pairs"] as? String == "111")
    }

    @Test func reportToAnUnwritablePlaceIsAnOutputError() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("no_task.py"), cache: nil))
        #expect(throws: PipelineError.self) {
            try CandidateReport.write(outcome.results, to: "/nonexistent/batt/report.jsonl")
        }
    }

    @Test func emitWritesEachCorrectSolverOnceAndLinksItFromItsTaskFolder() async throws {
        let folder = try TemporaryFolder()
        let directory = folder.path("emitted")
        let outcome = try await run(.fixture(cache: nil, emit: directory))
        let report = try SolverEmitter.emit(outcome, to: directory)
        #expect(report.written == 4)
        #expect(report.linked == 4)
        #expect(report.withoutText == 0)

        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/solver_md5").sorted()
        #expect(files == Self.expectedSolvers.keys.map { "\($0).py" }.sorted())
        for (md5, solver) in Self.expectedSolvers {
            let file = "\(directory)/solver_md5/\(md5).py"
            #expect(try String(contentsOfFile: file, encoding: .utf8) == solver.text + "\n")
            let link = "\(directory)/solver_dir/solve_\(solver.task)/\(md5).py"
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../../solver_md5/\(md5).py")
            #expect(FileManager.default.contents(atPath: link) == FileManager.default.contents(atPath: file))
        }
        let taskFolders = try FileManager.default.contentsOfDirectory(atPath: directory + "/solver_dir").sorted()
        #expect(taskFolders == ["solve_a1a1a1a1", "solve_b2b2b2b2"])
    }

    @Test func emitTwiceIntoTheSameFolderGivesTheSameFiles() async throws {
        let folder = try TemporaryFolder()
        let directory = folder.path("emitted")
        let outcome = try await run(.fixture(cache: nil, emit: directory))
        _ = try SolverEmitter.emit(outcome, to: directory)
        let again = try SolverEmitter.emit(outcome, to: directory)
        #expect(again.written == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/solver_md5").count == 4)
    }
}
