import BattDSL
import BattTasks
import Foundation

@testable import BattPipeline

/// The submission fixtures: a task with two unsolved test inputs and inlined solver texts.
enum SubmissionFixtures {
    /// `d4d4d4d4`: mirror left to right; tests `[[7, 8], [9, 1]]` and `[[1, 2, 3]]`, outputs unknown.
    static func task() throws -> ARCTask {
        let path = Fixtures.path("Submission/d4d4d4d4.json")
        let set = try TaskLoader.load(path: path)
        return try require(set["d4d4d4d4"], "\(set.diagnostics)")
    }

    /// A solver compiled from `Submission/Solvers/<name>.py`, with the verdict figures given;
    /// its md5 is its name, so ties on everything else order by name.
    static func solver(
        _ name: String, demoCorrect: Int = 2, demoCount: Int = 2, elapsed: Double = 0.001, md5: String? = nil
    ) throws -> SubmissionSolver {
        let text = try String(contentsOfFile: Fixtures.path("Submission/Solvers/\(name).py"), encoding: .utf8)
        let compiled = try SubmissionSolver.compile(inlinedText: text, md5: name)
        return SubmissionSolver(
            solverMD5: md5 ?? name, demoCorrect: demoCorrect, demoCount: demoCount, nodeCount: compiled.nodeCount,
            elapsedSeconds: elapsed, program: compiled.program)
    }

    static func grid(_ rows: [[Int]]) throws -> Grid {
        try require(Grid(rows: rows), "not a grid: \(rows)")
    }
}

/// `#require` outside a test function body.
private func require<T>(_ value: T?, _ message: @autoclosure () -> String = "") throws -> T {
    guard let value else { throw FixtureError(message()) }
    return value
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
