import BattCache
import BattPipeline
import Foundation
import Testing

/// `batt run --dsl` from the command line: the example DSL, and input it cannot use.
@Suite(
    .enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"),
    .enabled(
        if: ProcessInfo.processInfo.environment["PATH"].map { path in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
        } ?? false,
        "python3 is not on PATH: batt run --dsl cannot be tested")
)
struct RunPythonDSLTests {
    static let exampleDSL = BattBinary.repository.appendingPathComponent("Examples/dsl/dsl.py").path
    static let exampleCandidates = BattBinary.repository.appendingPathComponent("Examples/dsl/candidates.py").path
    static let brokenDSL = BattBinary.repository.appendingPathComponent(
        "Tests/BattPythonTests/Fixtures/brokendsl/dsl.py"
    )
    .path

    @Test func theExampleDSLSolvesEveryExampleTaskAndAWarmRunStartsNoPython() async throws {
        let folder = try RunFolder()
        let arguments = [
            "run", "--dsl", Self.exampleDSL, "--candidates", Self.exampleCandidates, "--tasks",
            RunFixtures.exampleTasks, "--cache", folder.path("cache.sqlite"),
        ]
        let cold = try await BattBinary.run(arguments)
        #expect(cold.status == 0, "\(cold)")
        #expect(cold.stdout.contains("solved 8 of 8 tasks"), "\(cold)")
        #expect(cold.stdout.contains("2 Python worker(s) started"), "\(cold)")
        let warm = try await BattBinary.run(arguments)
        #expect(warm.stdout.contains("validated 0 "), "\(warm)")
        #expect(warm.stdout.contains("no Python started"), "\(warm)")
        let inspect = try await BattBinary.run(["cache", "inspect", "--cache", folder.path("cache.sqlite")])
        #expect(inspect.stdout.contains("python DSL \(Self.exampleDSL) (hash "), "\(inspect)")
    }

    @Test func aDSLThatFailsToImportExitsOneWithTheLastLineOfTheTraceback() async throws {
        let folder = try RunFolder()
        let run = try await BattBinary.run([
            "run", "--dsl", Self.brokenDSL, "--candidates", Self.exampleCandidates, "--tasks",
            RunFixtures.exampleTasks, "--cache", folder.path("cache.sqlite"),
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("ModuleNotFoundError: No module named 'a_module_nobody_has'"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        let store = try CacheStore(path: folder.path("cache.sqlite"), mode: .readOnly)
        #expect(try store.inspect().verdicts == 0)
    }

    @Test func aMissingInterpreterSaysSo() async throws {
        let run = try await BattBinary.run([
            "run", "--dsl", Self.exampleDSL, "--python", "/nonexistent/python3", "--candidates",
            Self.exampleCandidates, "--tasks", RunFixtures.exampleTasks, "--no-cache",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("cannot run the Python interpreter '/nonexistent/python3'"), "\(run)")
    }

    @Test func pruneStaleKeepsTheVerdictsOfAnUnchangedDSLAndRemovesThemOnceItIsEdited() async throws {
        let folder = try RunFolder()
        let dslFolder = folder.path("dsl")
        try FileManager.default.copyItem(
            atPath: (Self.exampleDSL as NSString).deletingLastPathComponent, toPath: dslFolder)
        let cache = folder.path("cache.sqlite")
        let python = try await BattBinary.run([
            "run", "--dsl", dslFolder + "/dsl.py", "--candidates", dslFolder + "/candidates.py", "--tasks",
            RunFixtures.exampleTasks, "--cache", cache,
        ])
        #expect(python.status == 0, "\(python)")
        let native = try await BattBinary.run([
            "run", "--candidates", RunFixtures.exampleCandidates, "--tasks", RunFixtures.exampleTasks, "--cache", cache,
        ])
        #expect(native.status == 0, "\(native)")
        #expect(!native.stdout.contains("stale verdicts"), "\(native)")
        let total = try CacheStore(path: cache, mode: .readOnly).inspect().verdicts

        let unchanged = try await BattBinary.run(["cache", "prune", "--stale", "--cache", cache])
        #expect(unchanged.status == 0, "\(unchanged)")
        #expect(try CacheStore(path: cache, mode: .readOnly).inspect().verdicts == total)

        let handle = try #require(FileHandle(forWritingAtPath: dslFolder + "/dsl.py"))
        handle.seekToEndOfFile()
        handle.write(Data("# edited\n".utf8))
        try handle.close()
        let inspect = try await BattBinary.run(["cache", "inspect", "--json", "--cache", cache])
        let edited = try await BattBinary.run(["cache", "prune", "--stale", "--cache", cache])
        #expect(edited.status == 0, "\(edited)")
        let left = try CacheStore(path: cache, mode: .readOnly).inspect()
        #expect(left.verdicts > 0 && left.verdicts < total, "\(inspect)")
        #expect(left.verdictsByVersion.map(\.solverVersion) == [SolverVersion(tag: nil).description], "\(left)")
    }
}
