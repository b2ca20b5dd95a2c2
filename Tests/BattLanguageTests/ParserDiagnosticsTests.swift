import Testing

@testable import BattLanguage

/// One syntax error: the source, where it is reported and words its message must contain.
struct SyntaxErrorCase: CustomStringConvertible, Sendable {
    var source: String
    var line: Int
    var column: Int
    var messageFragment: String
    var kind: Diagnostic.Kind = .syntax

    var description: String { messageFragment }
}

@Suite struct ParserDiagnosticsTests {
    static let syntaxErrors: [SyntaxErrorCase] = [
        .init(
            source: "def solve(I):\n    x1 = f(I\n    return x1\n", line: 3, column: 5,
            messageFragment: "expected ',' or ')' after the argument but found 'return'"),
        .init(
            source: "def solve(I):\n    x1 = a + b\n    return x1\n", line: 2, column: 12,
            messageFragment: "expected end of line after the statement but found '+'"),
        .init(
            source: "def solve(I)\n    return I\n", line: 1, column: 13,
            messageFragment: "expected ':' after the parameter list but found end of line"),
        .init(
            source: "def solve(I):\nreturn I\n", line: 2, column: 1,
            messageFragment: "expected an indented block after 'def solve(...):' but found 'return'"),
        .init(
            source: "def solve(I):\n    x1 = f(I)\n        x2 = g(x1)\n    return x2\n", line: 3, column: 9,
            messageFragment: "unexpected indent"),
        .init(
            source: "def solve(I):\n        x1 = f(I)\n    return x1\n", line: 3, column: 5,
            messageFragment: "unindent does not match any outer indentation level"),
        .init(
            source: "def solve(I):\n    if I:\n        return I\n", line: 2, column: 5,
            messageFragment: "'if' statements are not supported"),
        .init(
            source: "def solve(I):\n    f(I)\n    return I\n", line: 2, column: 6,
            messageFragment:
                "expected '=' after 'f' (only assignments, 'return' and docstrings are supported) but found '('"),
        .init(
            source: "def solve(I):\n    x1 = 1.5\n    return x1\n", line: 2, column: 10,
            messageFragment: "unsupported number literal '1.5'; only integers are supported"),
        .init(
            source: "def solve(I):\n    x1 = 99999999999999999999\n    return x1\n", line: 2, column: 10,
            messageFragment: "integer literal '99999999999999999999' is out of range", kind: .integerOutOfRange),
        .init(
            source: "def solve(I):\n    x1 = f(007)\n    return x1\n", line: 2, column: 12,
            messageFragment: "leading zeros in decimal integer literal '007' are not permitted"),
        .init(
            source: "def solve(I):\n    x1 = f('a')\n    return x1\n", line: 2, column: 12,
            messageFragment: "string literal ''a'' is not supported"),
        .init(
            source: "def solve(I):\n    x1 = f('a)\n    return x1\n", line: 2, column: 12,
            messageFragment: "unterminated string literal"),
        .init(
            source: "def solve(I):\n    x1 = f(x=1, x=2)\n    return x1\n", line: 2, column: 17,
            messageFragment: "keyword argument 'x' repeated"),
        .init(
            source: "def solve(I):\n    x1 = f(x=1, I)\n    return x1\n", line: 2, column: 17,
            messageFragment: "positional argument 'I' follows keyword argument 'x'"),
        .init(
            source: "def solve(I):\n    x1 = x2 = f(I)\n    return x1\n", line: 2, column: 13,
            messageFragment: "chained assignments are not supported"),
        .init(
            source: "def solve(I):\n    x1, x2 = f(I)\n    return x1\n", line: 2, column: 7,
            messageFragment: "unpacking assignments are not supported"),
        .init(
            source: "def solve(I):\n    def g(x):\n        return x\n    return I\n", line: 2, column: 5,
            messageFragment: "nested function definitions are not supported"),
        .init(
            source: "def solve(I):\n    return\n", line: 2, column: 11,
            messageFragment: "expected an expression after 'return' but found end of line"),
        .init(
            source: "def solve(I, I):\n    return I\n", line: 1, column: 14,
            messageFragment: "duplicate parameter 'I'"),
        .init(
            source: "def solve(I=1):\n    return I\n", line: 1, column: 12,
            messageFragment: "expected ',' or ')' after parameter 'I' but found '='"),
        .init(
            source: "def solve(I):\n    x1 = I[0]\n    return x1\n", line: 2, column: 11,
            messageFragment: "but found '['"),
        .init(
            source: "def solve(I):\n    x1 = dsl.fill(I)\n    return x1\n", line: 2, column: 13,
            messageFragment: "but found '.'"),
        .init(
            source: "def solve(I):\n    True = f(I)\n    return I\n", line: 2, column: 5,
            messageFragment: "cannot assign to 'True'"),
        .init(
            source: "def solve(I):\n    x1 = f(I) $\n    return x1\n", line: 2, column: 15,
            messageFragment: "expected end of line after the statement but found '$'"),
        .init(
            source: "def solve(I):\n    x1 = " + String(repeating: "f(", count: 150) + "I"
                + String(repeating: ")", count: 150) + "\n    return x1\n",
            line: 2, column: 210, messageFragment: "nested more than 100 levels deep"),
    ]

    @Test(arguments: syntaxErrors)
    func reportsEachSyntaxErrorWithItsPositionAndWhatWasExpected(_ error: SyntaxErrorCase) throws {
        let parsed = CandidateParser.parse(source: error.source, path: "bad.py")
        #expect(parsed.functions.isEmpty)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1, "\(parsed.diagnostics)")
        #expect(diagnostic.message.contains(error.messageFragment), "\(diagnostic.message)")
        #expect(diagnostic.line == error.line)
        #expect(diagnostic.column == error.column)
        #expect(diagnostic.kind == error.kind)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.functionName == "solve")
        #expect(diagnostic.path == "bad.py")
    }

    @Test func describesADiagnosticAsPathLineColumnSeverityAndMessage() {
        let diagnostic = Diagnostic(path: "a.py", line: 3, column: 7, message: "boom", functionName: "solve")
        #expect(diagnostic.description == "a.py:3:7: error: boom (in function 'solve')")
    }

    @Test func resumesAtTheNextDefAfterABrokenFunction() {
        let source = """
            def solve_00000001(I):
                return I

            def solve_00000002(I):
                x1 = f(I) + 1
                x2 = g(x1)
                return x2

            def solve_00000003(I):
                return f(I)
            """
        let parsed = CandidateParser.parse(source: source, path: "mixed.py")
        #expect(parsed.functions.map(\.name) == ["solve_00000001", "solve_00000003"])
        #expect(parsed.diagnostics.count == 1)
        #expect(parsed.diagnostics.first?.functionName == "solve_00000002")
        #expect(parsed.diagnostics.first?.line == 5)
    }

    @Test(arguments: [
        "    x1 = f(I,\n",
        "    x1 = f('unterminated)\n",
        "    x1 = f(\"\"\"unterminated docstring is fine when closed\"\"\")\n",
        "  x1 = f(I)\n    return x1\n",
        "    x1 = [f(I)\n",
    ])
    func recoversFromBrokenBodiesBeforeAColumnZeroDef(brokenBody: String) {
        let source = "def solve_broken(I):\n" + brokenBody + "def solve_00000001(I):\n    return f(I)\n"
        let parsed = CandidateParser.parse(source: source, path: "broken.py")
        #expect(parsed.functions.map(\.name) == ["solve_00000001"])
        #expect(parsed.diagnostics.contains { $0.severity == .error && $0.functionName == "solve_broken" })
    }

    @Test func anUnterminatedTripleQuotedStringSwallowsTheRestOfTheFile() {
        let source = "def solve(I):\n    \"\"\"never closed\n    return I\ndef solve_00000001(I):\n    return I\n"
        let parsed = CandidateParser.parse(source: source, path: "triple.py")
        #expect(parsed.functions.isEmpty)
        #expect(parsed.diagnostics.map(\.message) == ["unterminated triple-quoted string literal starting on line 2"])
    }

    @Test func skipsOtherTopLevelStatementsWithAWarning() {
        let source = """
            x = 1
            if __name__ == "__main__":
                main()
            @decorator
            def solve(I):
                return I
            """
        let parsed = CandidateParser.parse(source: source, path: "top.py")
        #expect(parsed.functions.map(\.name) == ["solve"])
        #expect(parsed.diagnostics.map(\.line) == [1, 2, 4])
        #expect(parsed.diagnostics.allSatisfy { $0.severity == .warning && $0.kind == .skippedTopLevelStatement })
        #expect(
            parsed.diagnostics[1].message
                == "skipped top-level statement starting with 'if'; only imports and 'def' are read")
        #expect(!parsed.hasErrors)
    }

    @Test func reportsAnUnexpectedTopLevelIndentAndGoesOn() {
        let parsed = CandidateParser.parse(source: "    x = 1\ndef solve(I):\n    return I\n", path: "indent.py")
        #expect(parsed.functions.map(\.name) == ["solve"])
        #expect(parsed.diagnostics.map(\.line) == [1])
        #expect(parsed.diagnostics.first?.message.contains("unexpected indent") == true)
    }

    @Test func keepsDuplicateFunctionsAndFlagsTheSecond() {
        let source = "def solve(I):\n    return I\n\ndef solve(I):\n    return f(I)\n"
        let parsed = CandidateParser.parse(source: source, path: "dup.py")
        #expect(parsed.functions.count == 2)
        #expect(parsed.functions.map(\.line) == [1, 4])
        let diagnostic = parsed.diagnostics.first
        #expect(parsed.diagnostics.count == 1)
        #expect(diagnostic?.kind == .duplicateFunction)
        #expect(diagnostic?.severity == .warning)
        #expect(diagnostic?.line == 4)
        #expect(diagnostic?.path == "dup.py")
        #expect(diagnostic?.message == "function 'solve' is defined again (first definition on line 1); both are kept")
    }

    @Test func countsColumnsInCharactersNotBytes() throws {
        let parsed = CandidateParser.parse(source: "def solve(I):\n    é = f(I) +\n    return é\n", path: "u.py")
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(diagnostic.column == 14)
    }
}
