import Foundation

@testable import BattPipeline

/// Paths of the fixture files, found from this file's location.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    /// `a1a1a1a1` (mirror), `b2b2b2b2` (1 becomes 2), `c3c3c3c3` (identity).
    static let tasks = path("Tasks")
    /// 10 candidates for two tasks: see the file's header for its counts.
    static let mixed = path("Candidates/mixed.py")
    /// One candidate for `c3c3c3c3` that cannot finish within a small time limit.
    static let slow = path("Candidates/slow.py")
    /// One quick correct candidate for `c3c3c3c3` that makes its evaluation look at the clock.
    static let looksAtTheClock = path("Candidates/looks_at_the_clock.py")
    static let folders = path("Candidates/Folders")

    static func bad(_ name: String) -> String { path("Candidates/Bad/\(name)") }
}

/// A fresh folder under the system temporary directory, removed on deinit.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("batt-pipeline-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// A copy of `source` (a file or folder) inside this folder.
    func copy(_ source: String, as name: String) throws -> String {
        let destination = path(name)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }
}

extension RunOptions {
    /// Options for a fixture run: few jobs and a generous time limit unless a test says otherwise.
    static func fixture(
        candidates: String = Fixtures.mixed, tasks: String = Fixtures.tasks, cache: String?,
        task: String? = nil, seed: String? = nil, timeLimit: Double = 10, jobs: Int = 2, tag: String? = nil,
        emit: String? = nil
    ) -> RunOptions {
        RunOptions(
            tasksPath: tasks, candidatesPath: candidates, defaultTaskID: task, cachePath: cache, seedPath: seed,
            timeLimitSeconds: timeLimit, jobs: jobs, solverVersion: SolverVersion(tag: tag), emitDirectory: emit)
    }
}

/// Runs the pipeline.
func run(_ options: RunOptions) async throws -> RunOutcome {
    try await Pipeline(options: options).run()
}

extension CandidateResult {
    /// The result without timing and without where its answers came from: what must not change
    /// between a cold and a warm run.
    var ignoringCacheAndTiming: CandidateResult {
        var copy = withoutTiming
        copy.inlineCache = .none
        copy.verdictCache = .none
        return copy
    }
}

extension RunOutcome {
    /// The result of the candidate function `name` (the first one of that name).
    func result(_ name: String) -> CandidateResult? {
        results.first { $0.function == name }
    }

    func task(_ id: String) -> TaskSummary? {
        summary.tasks.first { $0.task == id }
    }

    var outcomesByFunction: [String: String] {
        Dictionary(results.map { ($0.function, $0.outcome) }, uniquingKeysWith: { first, _ in first })
    }
}
