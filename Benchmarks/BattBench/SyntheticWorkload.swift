/// A deterministic, search-like candidate file: random straight-line grid programs over the DSL,
/// with the exact copies, renamings and task reuse a program search emits.
struct SyntheticWorkload {
    var candidates: Int
    var seed: UInt64
    var taskIDs: [String]

    /// How each candidate relates to the ones before it, in percent of the candidates.
    static let exactCopyShare = 25
    static let renamedCopyShare = 15
    static let otherTaskShare = 10

    /// The Python source of `candidates` functions `solve_<task>_<n>(S, I, C)`.
    func source() -> String {
        precondition(!taskIDs.isEmpty, "a synthetic workload needs at least one task")
        var random = SplitMix64(seed: seed)
        var programs: [(task: String, program: SyntheticProgram)] = []
        programs.reserveCapacity(candidates)
        var text = "from dsl import *\nfrom constants import *\n\n"
        text.reserveCapacity(candidates * 120)
        for n in 0..<candidates {
            let roll = Int(random.next(below: 100))
            var entry: (task: String, program: SyntheticProgram)
            if programs.isEmpty || roll >= Self.exactCopyShare + Self.renamedCopyShare + Self.otherTaskShare {
                entry = (
                    taskIDs[Int(random.next(below: UInt64(taskIDs.count)))], SyntheticProgram.random(using: &random)
                )
            } else {
                entry = programs[Int(random.next(below: UInt64(programs.count)))]
                if roll >= Self.exactCopyShare + Self.renamedCopyShare {
                    entry.task = taskIDs[Int(random.next(below: UInt64(taskIDs.count)))]
                } else if roll >= Self.exactCopyShare {
                    entry.program.variablePrefix = "t"
                    entry.program.variableOffset = Int(random.next(below: 500)) + 1
                }
            }
            programs.append(entry)
            text += "def solve_\(entry.task)_\(n)(S, I, C):\n"
            text += entry.program.body
            text += "\n"
        }
        return text
    }
}

/// One random program: a few statements over grids, each one call, the last one returned.
struct SyntheticProgram {
    /// Each statement's call, with `#k` standing for the k-th earlier variable (`#0` is `I`).
    var calls: [String]
    var variablePrefix = "x"
    var variableOffset = 1

    static let colors = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]
    static let unary = [
        "rot90", "rot180", "rot270", "hmirror", "vmirror", "dmirror", "cmirror",
        "tophalf", "bottomhalf", "lefthalf", "righthalf", "trim", "compress",
    ]

    static func random(using random: inout SplitMix64) -> SyntheticProgram {
        var calls: [String] = []
        let steps = 1 + Int(random.next(below: 6))
        // Grid-valued variables so far, by index into [I] + statements.
        var grids = [0]
        func grid(_ random: inout SplitMix64) -> String { "#\(grids[Int(random.next(below: UInt64(grids.count)))])" }
        func color(_ random: inout SplitMix64) -> String { colors[Int(random.next(below: 10))] }
        while calls.count < steps {
            let kind = random.next(below: 100)
            switch kind {
            case 0..<45:
                calls.append("\(unary[Int(random.next(below: UInt64(unary.count)))])(\(grid(&random)))")
            case 45..<55:
                let factor = random.next(below: 2) == 0 ? "TWO" : "THREE"
                calls.append("\(random.next(below: 3) == 0 ? "downscale" : "upscale")(\(grid(&random)), \(factor))")
            case 55..<67:
                calls.append(
                    "\(random.next(below: 2) == 0 ? "hconcat" : "vconcat")(\(grid(&random)), \(grid(&random)))")
            case 67..<80:
                calls.append(
                    "\(random.next(below: 2) == 0 ? "replace" : "switch")(\(grid(&random)), \(color(&random)), \(color(&random)))"
                )
            case 80..<90:
                let source = grid(&random)
                calls.append("ofcolor(\(source), \(color(&random)))")
                calls.append("fill(\(source), \(color(&random)), #\(calls.count))")
            default:
                let source = grid(&random)
                calls.append("objects(\(source), T, F, T)")
                calls.append("argmax(#\(calls.count), size)")
                calls.append("subgrid(#\(calls.count), \(source))")
            }
            grids.append(calls.count)
        }
        return SyntheticProgram(calls: calls)
    }

    /// The indented body: `x1 = ...` lines and `return` of the last variable.
    var body: String {
        func name(_ k: Int) -> String { k == 0 ? "I" : "\(variablePrefix)\(variableOffset + k - 1)" }
        var text = ""
        for (k, call) in calls.enumerated() {
            var line = ""
            var rest = Substring(call)
            while let hash = rest.firstIndex(of: "#") {
                line += rest[..<hash]
                let digits = rest[rest.index(after: hash)...].prefix { $0.isNumber }
                line += name(Int(digits)!)
                rest = rest[digits.endIndex...]
            }
            line += rest
            text += "    \(name(k + 1)) = \(line)\n"
        }
        return text + "    return \(name(calls.count))\n"
    }
}

/// A small, fast, platform-independent generator, so a seed names the same workload everywhere.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (the slight modulo bias does not matter here).
    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }

    /// A value in `0..<n`; 0 when `n` is less than 1.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
