import Testing

@testable import BattLanguage

/// What follows a function that failed to parse is read, or reported, never skipped silently
/// (issue 8, item 17).
@Suite struct ParserRecoveryTests {
    static let followers: [(text: String, word: String)] = [
        ("async def solve_00000002(I):\n    return I\n", "'async'"),
        ("class Solver:\n    pass\n", "'class'"),
        ("@decorator\ndef solve_00000002(I):\n    return I\n", "'@"),
        ("x = 1\n", "'x'"),
    ]

    @Test(arguments: followers)
    func aStatementRightAfterABrokenFunctionGetsADiagnostic(_ follower: (text: String, word: String)) {
        let source = "def solve_00000001(I):\n    x1 = f(I) +\n    return x1\n" + follower.text
        let parsed = CandidateParser.parse(source: source, path: "after.py")
        #expect(parsed.diagnostics.first?.functionName == "solve_00000001")
        let warning = parsed.diagnostics.first { $0.line == 4 }
        #expect(warning?.kind == .skippedTopLevelStatement, "\(parsed.diagnostics)")
        #expect(warning?.message.contains(follower.word) == true, "\(parsed.diagnostics)")
    }

    @Test func aDecoratedFunctionAfterABrokenOneIsStillRead() {
        let source =
            "def solve_00000001(I):\n    x1 = f(I) +\n    return x1\n@cache\ndef solve_00000002(I):\n    return I\n"
        let parsed = CandidateParser.parse(source: source, path: "after.py")
        #expect(parsed.functions.map(\.name) == ["solve_00000002"])
    }

    @Test func aBadUnindentInsideABrokenFunctionStaysPartOfIt() {
        let source = "def solve(I):\n        x1 = f(I)\n    return x1\ndef solve_00000001(I):\n    return I\n"
        let parsed = CandidateParser.parse(source: source, path: "unindent.py")
        #expect(parsed.diagnostics.count == 1, "\(parsed.diagnostics)")
        #expect(parsed.functions.map(\.name) == ["solve_00000001"])
    }
}
