import ArgumentParser
import BattDSL
import BattLanguage
import BattPipeline
import BattTasks
import Foundation

/// `batt-bench python-pool`: what the Python worker pool of `batt run --dsl` costs apart from the
/// DSL's own work: the overhead per candidate, and the time to replace a worker killed at the
/// time limit.
struct PythonPoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "python-pool",
        abstract: "Time the --dsl worker pool: per-candidate overhead beyond DSL time, and kill-and-replace.",
        discussion: """
            Writes a two-function DSL of its own to a temporary folder (identity, and a loop that \
            never ends), then validates --candidates trivial candidates one after another on one \
            worker: overhead = batt's wall time per candidate minus the time the worker reports for \
            it (compiling the body and running it on 4 pairs). Then runs --kills looping candidates \
            under a 50 ms limit: each worker is killed and replaced; the kill-to-ready times are reported.
            """
    )

    @Option(help: "Trivial candidates to time.")
    var candidates: Int = 2000

    @Option(help: "Looping candidates, each killed at the limit and its worker replaced.")
    var kills: Int = 50

    @Option(help: "The Python interpreter.")
    var python: String = "python3"

    @Flag(help: "Print one JSON line instead of text.")
    var json = false

    func validate() throws {
        guard candidates >= 1, kills >= 1 else { throw ValidationError("--candidates and --kills must be at least 1.") }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "batt-bench-pool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dsl = folder.appendingPathComponent("dsl.py").path
        try "def identity(x):\n    return x\n\n\ndef spin(x):\n    while True:\n        pass\n"
            .write(toFile: dsl, atomically: true, encoding: .utf8)
        let candidatesPath = folder.appendingPathComponent("candidates.py").path
        try """
        from dsl import *


        def solve_00000000(S, I, C):
            O = identity(I)
            return O


        def solve_00000000_1(S, I, C):
            O = spin(I)
            return O

        """.write(toFile: candidatesPath, atomically: true, encoding: .utf8)
        let files = try CandidateSource.read(path: candidatesPath, defaultTaskID: nil)
        var timing = CandidateSource.ParseTiming()
        let table = CandidateSource.parse(files, defaultTaskID: nil, timing: &timing)
        let functions = (0..<table.count).compactMap(table.function(at:))
        guard functions.count == 2 else {
            throw ValidationError("internal error: the benchmark's candidates did not parse")
        }
        guard let grid = Grid(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]) else {
            throw ValidationError("internal error: the benchmark's grid is not a grid")
        }
        let pair = TaskPair(input: grid, output: grid)
        let task = ARCTask(id: "00000000", demonstrations: [pair, pair, pair], tests: [pair])

        let quick = try PythonEvaluator(
            options: PythonDSLOptions(dslPath: dsl, python: python), files: files, store: nil, workers: 1,
            timeLimitSeconds: 10, baseVersion: SolverVersion(tag: nil))
        try quick.prepareToValidate()
        _ = await quick.validate(functions[0], on: task)  // the fork and the task's pairs
        var overheads: [Double] = []
        var walls: [Double] = []
        for _ in 0..<candidates {
            let start = Date()
            let verdict = await quick.validate(functions[0], on: task)
            let wall = Date().timeIntervalSince(start)
            guard verdict.outcome == .correct else {
                throw ValidationError("the trivial candidate was \(verdict.outcome)")
            }
            walls.append(wall)
            overheads.append(wall - verdict.elapsedSeconds)
        }
        quick.shutdown()

        let looping = try PythonEvaluator(
            options: PythonDSLOptions(dslPath: dsl, python: python), files: files, store: nil, workers: 1,
            timeLimitSeconds: 0.05, baseVersion: SolverVersion(tag: nil))
        try looping.prepareToValidate()
        for _ in 0..<kills {
            let verdict = await looping.validate(functions[1], on: task)
            guard verdict.outcome == .timeout else {
                throw ValidationError("the looping candidate was \(verdict.outcome)")
            }
        }
        let replacements = looping.replacementSeconds
        looping.shutdown()

        let overhead = Summary(overheads)
        let wall = Summary(walls)
        let replace = Summary(replacements)
        if json {
            print(
                "{\"candidates\":\(candidates),\"overhead_ms\":{\"median\":\(overhead.median * 1e3),\"mean\":\(overhead.mean * 1e3)},"
                    + "\"wall_ms\":{\"median\":\(wall.median * 1e3)},\"kills\":\(replacements.count),"
                    + "\"replace_ms\":{\"median\":\(replace.median * 1e3),\"max\":\(replace.max * 1e3)}}")
        } else {
            print(
                String(
                    format:
                        "%d trivial candidates on 1 worker: wall %.3f ms median per candidate; overhead beyond the worker's own time %.3f ms median, %.3f ms mean",
                    candidates, wall.median * 1e3, overhead.median * 1e3, overhead.mean * 1e3))
            print(
                String(
                    format:
                        "%d workers killed at a 50 ms limit and replaced: kill to ready %.2f ms median, %.2f ms max",
                    replacements.count, replace.median * 1e3, replace.max * 1e3))
        }
    }

    struct Summary {
        var median = 0.0
        var mean = 0.0
        var max = 0.0

        init(_ values: [Double]) {
            guard !values.isEmpty else { return }
            let sorted = values.sorted()
            median = sorted[sorted.count / 2]
            mean = values.reduce(0, +) / Double(values.count)
            max = sorted[sorted.count - 1]
        }
    }
}
