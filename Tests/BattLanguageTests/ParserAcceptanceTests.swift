import Testing

@testable import BattLanguage

@Suite struct ParserAcceptanceTests {
    @Test(
        arguments: [
            ("def solve_007bbfb7(I):\n    O = vmirror(I)\n    return O\n", "solve_007bbfb7", ["I"], "007bbfb7"),
            ("def solve(S, I, C):\n    O = vmirror(I)\n    return O\n", "solve", ["S", "I", "C"], nil),
            (
                "def verify_007bbfb7(I: Grid) -> Grid:\n    O = vmirror(I)\n    return O\n", "verify_007bbfb7", ["I"],
                "007bbfb7"
            ),
            (
                "def solve_007bbfb7_12(S, I, C):\n    O = vmirror(I)\n    return O\n", "solve_007bbfb7_12",
                ["S", "I", "C"], "007bbfb7"
            ),
            ("def solve_007bbfb7x(I):\n    return I\n", "solve_007bbfb7x", ["I"], nil),
            ("def solver_007bbfb7(I):\n    return I\n", "solver_007bbfb7", ["I"], nil),
        ] as [(String, String, [String], String?)])
    func acceptsEveryFunctionHeaderForm(source: String, name: String, parameters: [String], taskID: String?) throws {
        let function = try parseSingleFunction(source)
        #expect(function.name == name)
        #expect(function.parameters.map(\.name) == parameters)
        #expect(function.taskID == taskID)
        #expect(function.line == 1)
    }

    @Test func keepsParameterAndReturnAnnotations() throws {
        let function = try parseSingleFunction("def verify_007bbfb7(I: Grid) -> Grid:\n    return I\n")
        #expect(function.parameters == [Parameter(name: "I", annotation: .name("Grid"))])
        #expect(function.parameters[0].annotationText == "Grid")
        #expect(function.returnAnnotation == .name("Grid"))
    }

    @Test(arguments: [
        ("x = f(a, b)", Expression.call(callee: .name("f"), arguments: [.name("a"), .name("b")], keywords: [])),
        ("x = y(z)", .call(callee: .name("y"), arguments: [.name("z")], keywords: [])),
        (
            "x = rbind(f, x0)(I)",
            .call(
                callee: .call(callee: .name("rbind"), arguments: [.name("f"), .name("x0")], keywords: []),
                arguments: [.name("I")], keywords: [])
        ),
        (
            "x = f(x0, univalued=T)",
            .call(
                callee: .name("f"), arguments: [.name("x0")], keywords: [Keyword(name: "univalued", value: .name("T"))])
        ),
        ("x = 42", .integer(42)),
        ("x = -1", .negate(.integer(1))),
        ("x = -(-1)", .negate(.negate(.integer(1)))),
        ("x = -f(I)", .negate(.call(callee: .name("f"), arguments: [.name("I")], keywords: []))),
        ("x = (1, 0)", .tuple([.integer(1), .integer(0)])),
        ("x = ()", .tuple([])),
        ("x = (1,)", .tuple([.integer(1)])),
        ("x = 1, 0", .tuple([.integer(1), .integer(0)])),
        ("x = (I)", .name("I")),
        ("x = True", .constant(.true)),
        ("x = False", .constant(.false)),
        ("x = None", .constant(.none)),
        ("x = ZERO", .name("ZERO")),
        ("x = 0x1F", .integer(31)),
        ("x = 1_000", .integer(1000)),
        (
            "x = f(\n        a,\n        b,\n    )",
            .call(callee: .name("f"), arguments: [.name("a"), .name("b")], keywords: [])
        ),
        ("x = f(a, \\\n b)", .call(callee: .name("f"), arguments: [.name("a"), .name("b")], keywords: [])),
    ])
    func parsesEveryExpressionForm(statement: String, expected: Expression) throws {
        let function = try parseSingleFunction("def solve(I):\n    \(statement)\n    return x\n")
        let assignment = try #require(function.statements.first)
        #expect(assignment.target == "x")
        #expect(assignment.value == expected)
    }

    @Test func returnsAnExpressionNotOnlyAVariable() throws {
        let function = try parseSingleFunction("def solve(I):\n    return f(I), 1\n")
        #expect(function.statements.isEmpty)
        #expect(
            function.returned
                == .tuple([.call(callee: .name("f"), arguments: [.name("I")], keywords: []), .integer(1)]))
        #expect(function.returnLine == 2)
    }

    @Test func keepsReassignmentsInOrder() throws {
        let function = try parseSingleFunction("def solve(I):\n    x1 = f(I)\n    x1 = g(x1)\n    return x1\n")
        #expect(function.statements.map(\.target) == ["x1", "x1"])
        #expect(function.statements.map(\.line) == [2, 3])
        #expect(function.statements[1].value == .call(callee: .name("g"), arguments: [.name("x1")], keywords: []))
    }

    @Test func ignoresImportsCommentsDocstringsAndBlankLines() throws {
        let source = """
            \"\"\"Module docstring.\"\"\"
            from dsl import *
            import constants  # a comment

            # a comment at the top level
            def solve_007bbfb7(I):
                \"\"\"A docstring
                over two lines.\"\"\"

                # a comment in the body
                x1 = f(I)  # trailing comment

                '''another string'''
                return x1
            """
        let function = try parseSingleFunction(source)
        #expect(function.line == 6)
        #expect(
            function.statements == [
                Assignment(
                    target: "x1", value: .call(callee: .name("f"), arguments: [.name("I")], keywords: []), line: 11,
                    column: 5)
            ])
        #expect(function.returned == .name("x1"))
    }

    @Test func acceptsTabsCarriageReturnsSemicolonsAndOneLineBodies() throws {
        let tabs = try parseSingleFunction("def solve(I):\r\n\tx1 = f(I); x2 = g(x1)\r\n\treturn x2\r\n")
        #expect(tabs.statements.map(\.target) == ["x1", "x2"])
        let oneLine = try parseSingleFunction("def solve(I): return f(I)")
        #expect(oneLine.returned == .call(callee: .name("f"), arguments: [.name("I")], keywords: []))
    }

    @Test func skipsAByteOrderMarkAtTheStartOfTheFile() throws {
        let parsed = CandidateParser.parse(source: "\u{FEFF}def solve(I) +:\n    return I\n", path: "bom.py")
        #expect(parsed.diagnostics.first?.line == 1)
        #expect(parsed.diagnostics.first?.column == 14)
        #expect(try parseSingleFunction("\u{FEFF}def solve(I):\n    return I\n").name == "solve")
    }

    @Test func readsSeveralFunctionsInSourceOrder() throws {
        let source = "def solve_00000001(I):\n    return I\n\ndef solve_00000002(I):\n    return f(I)\n"
        let parsed = CandidateParser.parse(source: source, path: "two.py")
        #expect(parsed.functions.map(\.name) == ["solve_00000001", "solve_00000002"])
        #expect(parsed.functions.map(\.line) == [1, 4])
        #expect(parsed.functions.allSatisfy { $0.path == "two.py" })
        #expect(parsed.diagnostics.isEmpty)
    }

    @Test func dropsStatementsAfterReturnWithAWarning() throws {
        let parsed = CandidateParser.parse(source: "def solve(I):\n    return I\n    x = f(I)\n", path: "dead.py")
        let function = try #require(parsed.functions.first)
        #expect(function.statements.isEmpty)
        #expect(parsed.diagnostics.map(\.kind) == [.unreachableStatement])
        #expect(parsed.diagnostics.first?.severity == .warning)
        #expect(parsed.diagnostics.first?.line == 3)
    }
}
