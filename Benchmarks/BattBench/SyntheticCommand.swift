import ArgumentParser
import BattPipeline
import BattTasks
import Foundation

/// `batt-bench synthetic`: the in-process pipeline, cold then warm, on a generated workload,
/// phase by phase; with `--scale N`, again on a workload N times larger.
struct SyntheticCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthetic",
        abstract: "Run the pipeline cold and warm on a generated candidate file and print each phase.",
        discussion: """
            The candidates are random straight-line grid programs (rotations, mirrors, halves, \
            scaling, concatenation, colour replacement, fill, objects) with exact copies, renamed \
            copies and the same program on other tasks, as a search emits them. The same --seed \
            gives the same file. Cold runs start from a new cache file; warm runs reuse it.
            """
    )

    @Option(help: "Candidate functions to generate.")
    var candidates: Int = 20_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 1

    @Option(help: "ARC tasks the candidates are for (default: Examples/tasks of this repository).")
    var tasks: String?

    @Option(help: "Validations run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Time limit per candidate in seconds.")
    var timeout: Double = 1

    @Option(help: "Also run a workload this many times larger and print the ratios (1: do not).")
    var scale: Int = 1

    @Option(help: "Cold-then-warm runs per workload; each figure is the median over them.")
    var rounds: Int = 3

    @Option(help: "Where the candidate files and caches go (default: a new temporary folder).")
    var out: String?

    func validate() throws {
        guard candidates >= 1 else { throw ValidationError("--candidates must be at least 1, got \(candidates).") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1, got \(scale).") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds).") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive, got \(timeout).") }
    }

    func run() async throws {
        let tasksPath = try tasks ?? Self.exampleTasks()
        let taskIDs = try TaskLoader.load(path: tasksPath).ids.sorted()
        guard !taskIDs.isEmpty else { throw ValidationError("No usable task in '\(tasksPath)': pass --tasks DIR.") }
        let folder = try out ?? Self.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        print(
            "synthetic workload, seed \(seed), \(taskIDs.count) tasks from \(tasksPath), jobs \(jobs), timeout \(timeout)s, median of \(rounds) round(s), files in \(folder)"
        )
        var measured: [Measurement] = []
        for size in scale > 1 ? [candidates, candidates * scale] : [candidates] {
            let measurement = try await measure(size: size, taskIDs: taskIDs, tasksPath: tasksPath, folder: folder)
            measurement.print()
            measured.append(measurement)
        }
        if measured.count == 2 {
            let (small, large) = (measured[0], measured[1])
            Swift.print(
                String(
                    format:
                        "linearity: %dx the candidates took %.2fx the time cold (wall), %.2fx warm (wall); target at most %gx",
                    scale, large.cold.wall / small.cold.wall, large.warm.wall / small.warm.wall, Double(scale) * 1.1))
        }
    }

    private func measure(size: Int, taskIDs: [String], tasksPath: String, folder: String) async throws -> Measurement {
        let base = (folder as NSString).appendingPathComponent("synthetic-\(size)-s\(seed)")
        let candidatesPath = base + ".py"
        let cachePath = base + ".sqlite"
        var watch = Stopwatch()
        let source = SyntheticWorkload(candidates: size, seed: seed, taskIDs: taskIDs).source()
        try source.write(toFile: candidatesPath, atomically: true, encoding: .utf8)
        let generateSeconds = watch.lap()

        let options = RunOptions(
            tasksPath: tasksPath, candidatesPath: candidatesPath, cachePath: cachePath,
            timeLimitSeconds: timeout, jobs: jobs)
        var measurement = Measurement(size: size, generateSeconds: generateSeconds)
        for _ in 0..<rounds {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cachePath + suffix) }
            watch.lap()
            let cold = try await Pipeline(options: options).run().summary
            measurement.cold.append(cold, wall: watch.lap())
            if measurement.peakKilobytesAfterCold == 0 {
                measurement.peakKilobytesAfterCold = PeakMemory.peakResidentKilobytes()
            }
            watch.lap()
            let warm = try await Pipeline(options: options).run().summary
            measurement.warm.append(warm, wall: watch.lap())
            measurement.residentKilobytesAfterRounds.append(PeakMemory.currentResidentKilobytes())
        }
        return measurement
    }

    /// Examples/tasks of the current folder, else of the repository this file was built from.
    static func exampleTasks() throws -> String {
        let relative = "Examples/tasks"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("No Examples/tasks here or in the repository: pass --tasks DIR.")
        }
        return path
    }

    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "batt-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

/// Repeated runs of one kind (cold or warm): their summaries and wall-clock times around `Pipeline.run()`.
struct Runs {
    private(set) var summaries: [RunSummary] = []
    private(set) var walls: [Double] = []

    mutating func append(_ summary: RunSummary, wall: Double) {
        summaries.append(summary)
        walls.append(wall)
    }

    /// The first run's summary, for the counts (equal in every round).
    var summary: RunSummary { summaries[0] }
    var wall: Double { Self.median(walls) }
    var phasesTotal: Double { Self.median(summaries.map(\.totalSeconds)) }

    func seconds(_ phase: String) -> Double {
        Self.median(summaries.map { $0.phases.first { $0.phase == phase }?.seconds ?? 0 })
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}

/// The cold and warm runs over one generated workload.
struct Measurement {
    var size: Int
    var generateSeconds: Double
    var cold = Runs()
    var warm = Runs()
    /// The process's peak resident memory after the first cold run.
    var peakKilobytesAfterCold = 0
    /// The process's resident memory after each cold-then-warm round, to show memory kept between runs.
    var residentKilobytesAfterRounds: [Int] = []

    func print() {
        let summary = cold.summary
        Swift.print(
            """

            \(size) candidates (generated in \(String(format: "%.2f", generateSeconds)) s) → \(summary.uniqueBodies) unique bodies \
            → \(summary.uniqueSolvers) unique (task, solver); validated \(summary.validated) \
            (\(summary.outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))); \
            solved \(summary.tasksSolved) of \(summary.tasksWithCandidates) tasks
            warm: inline \(warm.summary.inlineHits) hits / \(warm.summary.inlineMisses) misses, \
            verdicts \(warm.summary.verdictHits) hits / \(warm.summary.verdictMisses) misses
            """)
        let phases = cold.summary.phases.map(\.phase)
        let rows =
            phases.map { ($0, cold.seconds($0), warm.seconds($0)) }
            + [("phases total", cold.phasesTotal, warm.phasesTotal), ("wall", cold.wall, warm.wall)]
        Swift.print("  phase           cold s    warm s   µs/cand cold")
        for (name, c, w) in rows {
            Swift.print(
                "  " + name.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f %9.3f %9.2f", c, w, c * 1e6 / Double(size)))
        }
        Swift.print(
            String(
                format: "  warm/cold %.1f%%; peak RSS of the process after the first cold run %.0f MB",
                warm.wall / cold.wall * 100, Double(peakKilobytesAfterCold) / 1024)
                + "; resident after each round "
                + residentKilobytesAfterRounds.map { String(format: "%.0f", Double($0) / 1024) }.joined(separator: ", ")
                + " MB")
    }
}

/// The process's resident memory.
enum PeakMemory {
    /// The resident memory now (0 where /proc is missing).
    static func currentResidentKilobytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss
        #else
            getrusage(RUSAGE_SELF, &usage)
            return usage.ru_maxrss / 1024
        #endif
    }
}
