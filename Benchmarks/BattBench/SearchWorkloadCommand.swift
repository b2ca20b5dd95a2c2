import ArgumentParser
import Foundation

/// `batt-bench search-workload SOLVERS.py OUT.py`: candidates shaped like a search's output —
/// for every solver of the file (arc-dsl's `solvers.py`: one per ARC-AGI-1 training task), paths
/// through that one program that share its long prefix and differ in the last steps.
struct SearchWorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-workload",
        abstract: "Write a search-shaped candidate file: paths through one shared program per task.",
        discussion: """
            Each candidate keeps the first k statements of its task's solver (k at least the \
            solver's length less 3) and adds 0-3 steps of its own (a grid transform of the last \
            value), so most of every candidate's work is shared with the task's other candidates. \
            Deterministic for a seed; duplicate bodies are drawn again.
            """
    )

    @Argument(help: "A file of solve_<task>(I) functions of straight-line assignments (arc-dsl's solvers.py).")
    var solvers: String

    @Argument(help: "The candidate file to write.")
    var output: String

    @Option(help: "Candidates per task.")
    var perTask: Int = 40

    @Option(help: "Seed of the random choices.")
    var seed: UInt64 = 1

    func validate() throws {
        guard perTask >= 1 else { throw ValidationError("--per-task must be at least 1, got \(perTask).") }
    }

    /// What a candidate may add after its prefix: one argument, the value before.
    static let lastSteps = [
        "vmirror(%@)", "hmirror(%@)", "rot90(%@)", "rot180(%@)", "rot270(%@)", "dmirror(%@)", "cmirror(%@)",
        "trim(%@)", "compress(%@)", "tophalf(%@)", "lefthalf(%@)", "upscale(%@, TWO)", "downscale(%@, TWO)",
        "replace(%@, ZERO, ONE)", "switch(%@, ONE, TWO)",
    ]

    func run() throws {
        guard let text = try? String(contentsOfFile: solvers, encoding: .utf8) else {
            throw ValidationError("Cannot read '\(solvers)': pass arc-dsl's solvers.py (or a file like it).")
        }
        let programs = Self.programs(in: text)
        guard !programs.isEmpty else {
            throw ValidationError("'\(solvers)' holds no 'def solve_<task>(I):' function of assignments.")
        }
        var random = SplitMix64(seed: seed)
        var out = "# Search-shaped workload: \(perTask) paths through each solver of \(solvers), seed \(seed).\n"
        out += "from dsl import *\nfrom constants import *\n\n"
        var count = 0
        for (task, statements) in programs {
            var bodies: Set<String> = []
            var attempts = 0
            while bodies.count < perTask && attempts < perTask * 8 {
                attempts += 1
                let kept = max(1, statements.count - 3 + random.below(4))
                var lines = Array(statements.prefix(kept)).map { "    \($0.name) = \($0.value)" }
                var last = statements[min(kept, statements.count) - 1].name
                for step in 0..<random.below(4) {
                    let template = Self.lastSteps[random.below(Self.lastSteps.count)]
                    let name = "p\(step + 1)"
                    lines.append("    \(name) = " + template.replacingOccurrences(of: "%@", with: last))
                    last = name
                }
                lines.append("    return \(last)")
                let body = lines.joined(separator: "\n")
                guard bodies.insert(body).inserted else { continue }
                out += "def solve_\(task)_p\(bodies.count - 1)(I):\n\(body)\n\n"
                count += 1
            }
        }
        do {
            try out.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("Cannot write '\(output)': \(error.localizedDescription)")
        }
        print("wrote \(count) candidates for \(programs.count) tasks to \(output)")
    }

    /// The straight-line assignments of each `solve_<task>(I)` function, in file order.
    static func programs(in text: String) -> [(task: String, statements: [(name: String, value: String)])] {
        var programs: [(task: String, statements: [(name: String, value: String)])] = []
        var current: (task: String, statements: [(name: String, value: String)])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("def solve_"), let open = line.firstIndex(of: "(") {
                if let current, !current.statements.isEmpty { programs.append(current) }
                current = (String(line[line.index(line.startIndex, offsetBy: 10)..<open]), [])
            } else if line.hasPrefix("    "), let equals = line.range(of: " = ") {
                let name = line[..<equals.lowerBound].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
                current?.statements.append((name, String(line[equals.upperBound...])))
            } else if !line.hasPrefix(" ") && !line.isEmpty {
                if let current, !current.statements.isEmpty { programs.append(current) }
                current = nil
            }
        }
        if let current, !current.statements.isEmpty { programs.append(current) }
        return programs
    }
}
