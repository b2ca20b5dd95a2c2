import Foundation
import Testing

@testable import BattLanguage

/// Damaged sources must never trap: every mutation below parses to functions and diagnostics,
/// and whatever parses can be checked, normalised and inlined.
@Suite struct ParserRobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array("()[],:;=-+.#'\"\\\n\r\t  _aZ09xé\u{0}\"\"\"def return ".utf8)

    @Test(arguments: 0..<8)
    func mutatedSourcesNeverTrap(seed: Int) throws {
        let original = Array(try String(contentsOf: FixtureTests.fixtureURL, encoding: .utf8).utf8)
        var generator = SeededGenerator(state: UInt64(seed))
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(Self.alphabet.randomElement(using: &generator)!, at: position)
                default: bytes[position] = Self.alphabet.randomElement(using: &generator)!
                }
            }
            let parsed = CandidateParser.parse(utf8: bytes, path: "mutant.py")
            let lineCount = bytes.filter { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }.count + 1
            for diagnostic in parsed.diagnostics {
                #expect((1...lineCount).contains(diagnostic.line), "\(diagnostic)")
                #expect(diagnostic.column >= 1, "\(diagnostic)")
            }
            for function in parsed.functions {
                _ = CandidateChecker.check(function, knownNames: [])
                _ = function.bodyHash
                if function.returned != nil {
                    let solver = try Inliner().inline(function)
                    #expect(solver.text?.utf8.count == solver.inlinedLength)
                }
            }
        }
    }

    @Test(arguments: [
        "", "\n\n", "def", "def solve", "def solve(", "def solve(I):", "def solve(I):\n", "(((", ")))", "\"\"\"", "\\",
    ])
    func truncatedAndEmptySourcesNeverTrap(source: String) {
        let parsed = CandidateParser.parse(source: source, path: "tiny.py")
        #expect(parsed.functions.count <= 1)
    }
}
