import Foundation

/// Synthetic candidate files for runs long enough to kill, and overlapping slices for concurrent runs.
///
/// Every function is a short chain of grid-to-grid primitives (`rot90`, `hmirror`, `replace`,
/// `upscale`, `hconcat`, ...) with varied constants, on one of the example tasks, so every body
/// parses, inlines and validates (mostly `wrong`, some `correct`), quickly and deterministically.
enum CacheCandidates {
    private static let unary = ["rot90", "rot180", "rot270", "hmirror", "vmirror", "dmirror", "cmirror"]
    private static let colours = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]

    /// `count` function definitions over `tasks`, the same for the same arguments.
    static func functions(count: Int, tasks: [String], seed: UInt64 = 1) -> [String] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { index in
            let task = tasks[index % tasks.count]
            var lines = ["def solve_\(task)_\(index)(S, I, C):"]
            var previous = "I"
            for step in 1...(1 + index % 4) {
                let name = "x\(step)"
                let call: String
                switch random.next(5) {
                case 0, 4: call = "\(random.pick(unary))(\(previous))"
                case 1: call = "replace(\(previous), \(random.pick(colours)), \(random.pick(colours)))"
                case 2: call = "upscale(\(previous), \(random.pick(["ONE", "TWO"])))"
                default: call = "hconcat(\(previous), \(random.pick(["I", previous])))"
                }
                lines.append("    \(name) = \(call)")
                previous = name
            }
            lines.append("    return \(previous)")
            return lines.joined(separator: "\n")
        }
    }

    /// A candidates file of `functions`.
    static func file(_ functions: some Collection<String>) -> String {
        "from dsl import *\nfrom constants import *\n\n\n" + functions.joined(separator: "\n\n\n") + "\n"
    }

    /// `count` slices of `functions`, each two fifths of it, consecutive ones sharing half:
    /// together they cover every function, and most functions are in two slices.
    static func overlappingSlices(_ functions: [String], count: Int) -> [ArraySlice<String>] {
        let width = functions.count * 2 / (count + 1)
        return (0..<count).map { k in
            let start = k * functions.count / (count + 1)
            return functions[start..<min(functions.count, start + width)]
        }
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func pick(_ items: [String]) -> String { items[next(items.count)] }
}
