import Foundation
import Testing

@testable import BattLanguage

/// Reads `Fixtures/hand_written_solvers.py`, a small file in every accepted form.
@Suite struct FixtureTests {
    static let fixtureURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hand_written_solvers.py")

    static func parsedFixture() throws -> ParsedSource {
        let source = try String(contentsOf: fixtureURL, encoding: .utf8)
        return CandidateParser.parse(source: source, path: fixtureURL.lastPathComponent)
    }

    @Test func readsEveryFunctionOfTheFixtureWithoutDiagnostics() throws {
        let parsed = try Self.parsedFixture()
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.functions.map(\.name) == ["solve_00000001", "solve", "verify_00000002", "solve_00000003_7"])
        #expect(parsed.functions.map(\.line) == [6, 12, 21, 30])
        #expect(parsed.functions.map(\.taskID) == ["00000001", nil, "00000002", "00000003"])
    }

    /// Expected texts printed by CPython 3.11 (`ast.unparse` after the reference `ast` inliner).
    @Test func inlinesEveryFixtureFunctionAsCPythonDoes() throws {
        let texts = try Self.parsedFixture().functions.map { try Inliner().inline($0).text }
        #expect(
            texts == [
                "def solve(I):\n    return vmirror(I)",
                "def solve(S, I, C):\n    return paint(I, shift(argmax(objects(I, univalued=T, diagonal=F, without_bg=T), size), (1, -1)))",
                "def solve(I: Grid) -> Grid:\n    return paint(I, recolor(TWO, rbind(shift, DOWN)(asobject(I))))",
                "def solve(S, I, C):\n    return lbind(fill, I)(ONE, ofcolor(I, ZERO))",
            ])
    }

    @Test func everyFixtureFunctionPassesTheChecks() throws {
        let dsl: Set<String> = [
            "vmirror", "objects", "argmax", "size", "shift", "paint", "rbind", "asobject", "recolor", "lbind", "fill",
            "ofcolor", "T", "F", "DOWN", "TWO", "ZERO", "ONE",
        ]
        for function in try Self.parsedFixture().functions {
            #expect(CandidateChecker.check(function, knownNames: dsl).isEmpty, "\(function.name)")
        }
    }
}
