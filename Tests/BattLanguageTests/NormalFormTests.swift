import Testing

@testable import BattLanguage

@Suite struct NormalFormTests {
    static let canonical =
        "def solve_00000001(S, I, C):\n    x1 = f(I, (1, 0))\n    x2 = g(x1, univalued=T)\n    return x2\n"

    @Test func printsOneStatementPerLineAsUnparseDoes() throws {
        let function = try parseSingleFunction(Self.canonical)
        #expect(
            function.normalText
                == "def solve(S, I, C):\n    x1 = f(I, (1, 0))\n    x2 = g(x1, univalued=T)\n    return x2\n")
    }

    @Test(arguments: [
        "def solve_00000001(S,I,C):\n  x1=f(I,(1,0))\n  x2=g(x1,univalued=T)\n  return x2",
        "def solve(S, I, C):\n    \"\"\"Docstring.\"\"\"\n    # comment\n    x1 = f(I, (1, 0,))  # trailing\n\n    x2 = g(\n        x1,\n        univalued=T,\n    )\n    return (x2)\n",
        "from dsl import *\ndef solve_007bbfb7_3(S, I, C): x1 = f(I, (1, 0)); x2 = g(x1, univalued=T); return x2\n",
        "def solve(S, I, C):\r\n\tx1 = f(I, (1, 0))\r\n\tx2 = g(x1, univalued = T)\r\n\treturn x2\r\n",
    ])
    func layoutCommentsDocstringsAndNamesDoNotChangeTheBodyHash(variant: String) throws {
        let reference = try parseSingleFunction(Self.canonical)
        let function = try parseSingleFunction(variant)
        #expect(function.normalText == reference.normalText)
        #expect(function.bodyHash == reference.bodyHash)
    }

    @Test func bodyHashIsTheLowercaseHexMD5OfTheNormalText() throws {
        let function = try parseSingleFunction("def solve(I):\n    return I\n")
        #expect(function.normalText == "def solve(I):\n    return I\n")
        // md5 of "def solve(I):\n    return I\n", computed with md5sum.
        #expect(function.bodyHash == "98845ee9861a6d665e73f60d2c358f89")
    }

    @Test(arguments: [
        "def solve(I):\n    x1 = f(I, (1, 0))\n    x2 = g(x1, univalued=T)\n    return x2\n",
        "def solve(S, I, C):\n    x1 = f(I, (0, 1))\n    x2 = g(x1, univalued=T)\n    return x2\n",
        "def solve(S, I, C):\n    x1 = f(I, (1, 0))\n    x2 = g(x1, univalued=F)\n    return x2\n",
        "def solve(S, I, C):\n    y1 = f(I, (1, 0))\n    x2 = g(y1, univalued=T)\n    return x2\n",
        "def solve(S: Grid, I, C):\n    x1 = f(I, (1, 0))\n    x2 = g(x1, univalued=T)\n    return x2\n",
    ])
    func differentParametersOrBodiesGiveDifferentHashes(variant: String) throws {
        let reference = try parseSingleFunction(Self.canonical)
        #expect(try parseSingleFunction(variant).bodyHash != reference.bodyHash)
    }

    @Test func keepsAnnotationsAndNegativesAsUnparsePrintsThem() throws {
        let function = try parseSingleFunction(
            "def verify_007bbfb7(I: Grid) -> Grid:\n    x1 = f(-1, -(-1), (1,), ())\n    return x1, I\n")
        #expect(
            function.normalText == "def solve(I: Grid) -> Grid:\n    x1 = f(-1, --1, (1,), ())\n    return (x1, I)\n")
    }
}
