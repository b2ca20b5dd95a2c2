import ArgumentParser
import BattDSL
import BattLanguage
import BattPipeline
import Foundation

/// `batt-bench inline FILE.py`: the reference pipeline's phase 2 done by batt — inline and md5
/// every unique (task, body) of a candidate file — timed apart from parsing and hashing.
struct InlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inline",
        abstract: "Time parsing, name checking, body hashing and inlining of every unique body of a candidate file.",
        discussion: """
            The inline figure is the work of ref_pipeline.py's phase2_inline over the same programs: \
            one inlining and md5 per unique (task, body). The first pass runs in a fresh process, as \
            the reference's does; the median of --repeat passes is printed beside it.
            """
    )

    @Argument(help: "A candidate file (.py) of solve_<task>_<n> functions.")
    var file: String

    @Option(
        name: .customLong("repeat"),
        help: "Inlining passes over the unique bodies; the first and the median are reported.")
    var passCount: Int = 5

    @Flag(help: "Print one JSON line instead of text.")
    var json = false

    func validate() throws {
        guard passCount >= 1 else { throw ValidationError("--repeat must be at least 1, got \(passCount).") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("Cannot read '\(file)': pass a readable candidate .py file.")
        }
        var watch = Stopwatch()
        let parsed = data.withUnsafeBytes { CandidateParser.parse(utf8: $0.bindMemory(to: UInt8.self), path: file) }
        let parseSeconds = watch.lap()
        var problems = 0
        for function in parsed.functions {
            problems += CandidateChecker.check(function, knownNames: Primitives.knownNames).count
        }
        let checkSeconds = watch.lap()

        struct BodyKey: Hashable {
            let task: String
            let bodyHash: String
        }
        var seen: Set<BodyKey> = []
        var unique: [CandidateFunction] = []
        for function in parsed.functions
        where seen.insert(BodyKey(task: function.taskID ?? "", bodyHash: function.bodyHash)).inserted {
            unique.append(function)
        }
        let hashSeconds = watch.lap()

        let inliner = Inliner()
        var passes: [Double] = []
        var solvers: Set<BodyKey> = []
        var failures = 0
        for pass in 0..<passCount {
            watch.lap()
            // As batt run inlines: on all cores, in chunks.
            let inlined = ParallelLoop.map(unique, chunkSize: 64) { function -> BodyKey? in
                guard let identity = try? inliner.inline(function).identity else { return nil }
                return BodyKey(task: function.taskID ?? "", bodyHash: identity)
            }
            passes.append(watch.lap())
            let identities = inlined.compactMap { $0 }
            failures = inlined.count - identities.count
            if pass == 0 { solvers = Set(identities) }
        }
        let median = passes.sorted()[passes.count / 2]

        if json {
            let fields: [(String, String)] = [
                ("functions", "\(parsed.functions.count)"), ("unique_bodies", "\(unique.count)"),
                ("unique_inlined", "\(solvers.count)"), ("not_inlined", "\(failures)"),
                ("check_problems", "\(problems)"),
                ("parse_seconds", format(parseSeconds)), ("check_seconds", format(checkSeconds)),
                ("hash_seconds", format(hashSeconds)),
                ("inline_seconds_first", format(passes[0])), ("inline_seconds_median", format(median)),
            ]
            print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        } else {
            print(
                "\(parsed.functions.count) functions → \(unique.count) unique (task, body) → \(solvers.count) unique (task, solver)"
                    + (failures > 0 ? "; \(failures) could not be inlined" : ""))
            print("parse   \(format(parseSeconds)) s")
            print("check   \(format(checkSeconds)) s (names resolved the way Python would; \(problems) problems)")
            print("hash    \(format(hashSeconds)) s")
            print(
                "inline  \(format(passes[0])) s first pass, \(format(median)) s median of \(passCount)"
                    + String(format: " (%.1f µs per body)", passes[0] * 1e6 / Double(max(1, unique.count))))
        }
    }

    private func format(_ seconds: Double) -> String { String(format: "%.6f", seconds) }
}

/// Wall-clock laps on a monotonic clock.
struct Stopwatch {
    private var mark = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or since the start), and starts the next lap.
    @discardableResult
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { mark = now }
        return Double(now - mark) / 1e9
    }
}
