import Testing

@testable import BattLanguage

/// Every expected text below was printed by CPython 3.11's `ast.unparse` after inlining the
/// source with the reference pipeline's `ast` inliner.
@Suite struct InlinerFormattingTests {
    @Test(arguments: [
        (
            "def solve(I):\n    x1 = astuple(1, 0)\n    x2 = shift(I, (1, 0))\n    return x2\n",
            "def solve(I):\n    return shift(I, (1, 0))"
        ),
        (
            "def solve(I):\n    x1 = f((1,), ())\n    return x1\n",
            "def solve(I):\n    return f((1,), ())"
        ),
        (
            "def solve(I):\n    x1 = f(-1, -(-2), (0, -1))\n    return x1\n",
            "def solve(I):\n    return f(-1, --2, (0, -1))"
        ),
        (
            "def solve(I):\n    x1 = objects(I, univalued=T, diagonal=F, without_bg=T)\n    return x1\n",
            "def solve(I):\n    return objects(I, univalued=T, diagonal=F, without_bg=T)"
        ),
        (
            "def solve(I):\n    x1 = rbind(shift, UP)\n    x2 = x1(I)\n    return x2\n",
            "def solve(I):\n    return rbind(shift, UP)(I)"
        ),
        (
            "def solve(I):\n    x1 = rbind(f, I)(I)\n    return x1\n",
            "def solve(I):\n    return rbind(f, I)(I)"
        ),
        (
            "def solve(I):\n    x1 = f(I)\n    x1 = g(x1)\n    x1 = h(x1, x1)\n    return x1\n",
            "def solve(I):\n    return h(g(f(I)), g(f(I)))"
        ),
        (
            "def solve(I: Grid) -> Grid:\n    x1 = f(I)\n    return x1\n",
            "def solve(I: Grid) -> Grid:\n    return f(I)"
        ),
        (
            "def solve(S, I, C):\n    x1 = f(True, False, None)\n    return x1, I\n",
            "def solve(S, I, C):\n    return (f(True, False, None), I)"
        ),
        (
            "def solve(I):\n    x1 = -1\n    x2 = x1(I)\n    return x2\n",
            "def solve(I):\n    return (-1)(I)"
        ),
        (
            "def solve(I):\n    x1 = f(x=(1, 2), y=-3)\n    return -x1\n",
            "def solve(I):\n    return -f(x=(1, 2), y=-3)"
        ),
        (
            "def solve(I):\n    x1 = (I,)\n    return x1\n",
            "def solve(I):\n    return (I,)"
        ),
        (
            "def solve(I):\n    return ()\n",
            "def solve(I):\n    return ()"
        ),
        (
            "def solve(I):\n    x1 = compose(f, g)\n    x2 = fork(combine, x1, x1)\n    return x2(I)\n",
            "def solve(I):\n    return fork(combine, compose(f, g), compose(f, g))(I)"
        ),
    ])
    func printsTheInlinedFunctionExactlyAsCPythonDoes(source: String, expected: String) throws {
        #expect(try inlinedText(source) == expected)
    }

    @Test func identityIsTheMD5OfTheMaterialisedText() throws {
        let function = try parseSingleFunction("def solve_007bbfb7(I):\n    x1 = f(I)\n    return x1\n")
        let solver = try Inliner().inline(function)
        #expect(solver.text == "def solve(I):\n    return f(I)")
        #expect(solver.isTextMaterialised)
        // md5 of the text above, computed with Python's hashlib.
        #expect(solver.identity == "ab3b6cac6e56228002ad8b87d5d6693e")
        #expect(solver.inlinedLength == 29)
    }

    @Test func theFunctionNameNeverChangesTheInlinedForm() throws {
        let a = try Inliner().inline(try parseSingleFunction("def solve_007bbfb7(I):\n    return f(I)\n"))
        let b = try Inliner().inline(try parseSingleFunction("def verify_12345678(I):\n    x = f(I)\n    return x\n"))
        #expect(a == b)
    }

    @Test func parametersReassignedInTheBodyReadTheirLatestValue() throws {
        #expect(
            try inlinedText("def solve(I):\n    x1 = g(I)\n    I = f(I)\n    return h(x1, I)\n")
                == "def solve(I):\n    return h(g(I), f(I))")
    }

    @Test func keywordNamesAreNeverReplacedByVariables() throws {
        #expect(
            try inlinedText("def solve(I):\n    x = f(I)\n    return g(x=x)\n") == "def solve(I):\n    return g(x=f(I))"
        )
    }

    @Test func aMissingReturnCannotBeInlined() throws {
        let parsed = CandidateParser.parse(source: "def solve(I):\n    x1 = f(I)\n", path: "no-return.py")
        let function = try #require(parsed.functions.first)
        #expect(throws: LanguageError.missingReturn(function: "solve", path: "no-return.py", line: 1)) {
            try Inliner().inline(function)
        }
    }

    @Test func expressionTextMatchesTheInlinerFormatting() {
        let expression = Expression.call(
            callee: .negate(.name("f")), arguments: [.tuple([.integer(1)]), .negate(.negate(.integer(2)))],
            keywords: [Keyword(name: "k", value: .tuple([]))])
        #expect(expression.pythonText == "(-f)((1,), --2, k=())")
    }
}
