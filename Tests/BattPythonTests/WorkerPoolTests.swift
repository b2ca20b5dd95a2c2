import BattPython
import Foundation
import Testing

/// The tiny DSL under `Fixtures/`, and whether a Python 3 interpreter is here to run it.
enum TinyDSL {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let dsl = fixtures.appendingPathComponent("tinydsl/dsl.py").path
    static let broken = fixtures.appendingPathComponent("brokendsl/dsl.py").path

    /// True when `python3` is on PATH; the tests that need it are skipped otherwise.
    static let hasPython: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    }()

    static func pool(namespaces: [[String]] = [["dsl"]], memory: Int64 = 512 << 20) throws -> PythonWorkerPool {
        try PythonWorkerPool(
            configuration: PythonDSLConfiguration(dslPath: dsl, memoryBytes: memory, namespaces: namespaces))
    }

    /// One task of two demonstrations (a 2x2 grid turned upside down) and a test without output.
    static let taskJSON =
        #"{"train":[[[[1,2],[3,4]],[[3,4],[1,2]]],[[[5,0],[0,5]],[[0,5],[5,0]]]],"test":[[[[7,7],[0,0]],null]]}"#

    static func request(_ body: String, limit: Double = 1, namespace: [String] = ["dsl"]) -> CandidateRequest {
        CandidateRequest(
            taskKey: "t1", taskJSON: { taskJSON }, source: "def __batt_candidate__(S, I, C):\n\(body)\n",
            parameters: ["S", "I", "C"], namespace: namespace, timeLimitSeconds: limit)
    }
}

@Suite(.enabled(if: TinyDSL.hasPython, "python3 is not on PATH: the Python worker pool cannot be tested"))
struct WorkerPoolTests {
    @Test func aCandidateIsRunOnEveryPairWithTheDemonstrationsAsS() throws {
        let pool = try TinyDSL.pool()
        defer { pool.shutdown() }
        let answer = pool.evaluate(TinyDSL.request("    O = upside_down(I)\n    return O"))
        #expect(answer == CandidateAnswer(pairs: "11?", status: .finished, elapsedSeconds: answer.elapsedSeconds))
        let wrong = pool.evaluate(TinyDSL.request("    O = identity(I)\n    return O"))
        #expect(wrong.pairs == "00?")
    }

    @Test func theManifestListsTheExportedNamesAndEveryLocalModule() throws {
        let pool = try TinyDSL.pool(namespaces: [["dsl"], ["dsl", "extras"]])
        defer { pool.shutdown() }
        let names = try #require(pool.manifest.names["dsl"])
        #expect(names.contains("upside_down") && names.contains("ZERO") && names.contains("Grid"))
        #expect(pool.manifest.names["extras"]?.contains("twice") == true)
        #expect(Set(pool.manifest.local.keys) == ["dsl.py", "tinytypes.py", "extras.py"])
    }

    @Test func aCandidateThatPrintsDoesNotDisturbTheProtocol() throws {
        let pool = try TinyDSL.pool()
        defer { pool.shutdown() }
        let answer = pool.evaluate(TinyDSL.request("    x1 = chatter(I)\n    O = upside_down(x1)\n    return O"))
        #expect(answer.pairs == "11?")
        #expect(answer.status == .finished)
    }

    @Test func anExceptionMarksThePairAndKeepsTheFirstMessage() throws {
        let pool = try TinyDSL.pool()
        defer { pool.shutdown() }
        let answer = pool.evaluate(TinyDSL.request("    O = complain(I)\n    return O"))
        #expect(answer.pairs == "EE?")
        #expect(answer.firstError == "ValueError: complain always fails")
    }

    @Test func aLoopingCandidateIsKilledAtTheLimitAndTheNextOneRuns() throws {
        let pool = try TinyDSL.pool()
        defer { pool.shutdown() }
        let looping = pool.evaluate(TinyDSL.request("    O = spin(I)\n    return O", limit: 0.3))
        #expect(looping.status == .timeout)
        #expect(pool.replacementSeconds.count == 1)
        let next = pool.evaluate(TinyDSL.request("    O = upside_down(I)\n    return O"))
        #expect(next.pairs == "11?")
    }

    @Test func unboundedAllocationIsABudgetOutcome() throws {
        let pool = try TinyDSL.pool(memory: 256 << 20)
        defer { pool.shutdown() }
        let answer = pool.evaluate(TinyDSL.request("    O = hoard(I)\n    return O", limit: 20))
        #expect(answer.status == .budget)
        let next = pool.evaluate(TinyDSL.request("    O = upside_down(I)\n    return O"))
        #expect(next.pairs == "11?")
    }

    @Test func aWorkerThatExitsGivesItsCandidateAnErrorWithTheReason() throws {
        let pool = try TinyDSL.pool()
        defer { pool.shutdown() }
        let answer = pool.evaluate(TinyDSL.request("    O = leave(I)\n    return O"))
        #expect(answer.status == .died("the Python worker exited with status 3 while running this candidate"))
        let next = pool.evaluate(TinyDSL.request("    O = upside_down(I)\n    return O"))
        #expect(next.pairs == "11?")
    }

    @Test func sysExitInTheDSLIsThatPairsError() throws {
        let pool = try TinyDSL.pool()
        defer { pool.shutdown() }
        let answer = pool.evaluate(TinyDSL.request("    O = quit_now(I)\n    return O"))
        #expect(answer.pairs == "EE?")
        #expect(answer.firstError == "SystemExit: 4")
    }

    @Test func aDSLThatFailsToImportSaysTheLastLineOfItsTraceback() throws {
        #expect(
            throws: PythonRuntimeError.importFailed(
                dsl: TinyDSL.broken, lastLine: "ModuleNotFoundError: No module named 'a_module_nobody_has'")
        ) {
            try PythonWorkerPool(
                configuration: PythonDSLConfiguration(dslPath: TinyDSL.broken, memoryBytes: 0, namespaces: [["dsl"]]))
        }
    }

    @Test func aMissingInterpreterSaysSo() throws {
        #expect(throws: PythonRuntimeError.interpreterMissing("no-such-python-3")) {
            try PythonWorkerPool(
                configuration: PythonDSLConfiguration(
                    dslPath: TinyDSL.dsl, python: "no-such-python-3", memoryBytes: 0, namespaces: [["dsl"]]))
        }
    }

    @Test func shutdownLeavesNoWorkerRunning() throws {
        let pool = try TinyDSL.pool()
        _ = pool.evaluate(TinyDSL.request("    O = identity(I)\n    return O"))
        pool.shutdown()
        #expect(pool.workersStarted == 1)
        let status = pool.evaluate(TinyDSL.request("    O = identity(I)\n    return O")).status
        #expect(status == .died("the Python fork server is gone"))
    }
}
