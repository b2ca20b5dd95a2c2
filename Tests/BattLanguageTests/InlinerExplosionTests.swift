import Testing

@testable import BattLanguage

@Suite struct InlinerExplosionTests {
    /// `x0 = f(I, I)`, then `lines - 1` assignments each using the previous variable twice.
    static func doublingChain(lines: Int, primitive: String = "f") -> CandidateFunction {
        var statements = [
            Assignment(
                target: "x0",
                value: .call(callee: .name(primitive), arguments: [.name("I"), .name("I")], keywords: []), line: 2)
        ]
        for index in 1..<lines {
            let previous = Expression.name("x\(index - 1)")
            statements.append(
                Assignment(
                    target: "x\(index)",
                    value: .call(callee: .name(primitive), arguments: [previous, previous], keywords: []),
                    line: index + 2))
        }
        return CandidateFunction(
            name: "solve", parameters: [Parameter(name: "I")], statements: statements,
            returned: .name("x\(lines - 1)"), returnLine: lines + 2)
    }

    static let header = "def solve(I):\n    return ".utf8.count

    @Test func aSixtyLineDoublingChainIsMeasuredAndHashedWithoutMaterialisingIt() throws {
        let solver = try Inliner().inline(Self.doublingChain(lines: 60))
        #expect(solver.text == nil)
        #expect(!solver.isTextMaterialised)
        // Each line doubles the text and adds `f(`, `, ` and `)`: 12 * 2^59 - 5 characters.
        #expect(solver.inlinedLength == 12 * (1 << 59) - 5 + Self.header)
        #expect(solver.dagHash.count == 32)
        #expect(solver.identity == "dag-" + solver.dagHash)
    }

    @Test func lengthsBeyondIntMaxSaturate() throws {
        let solver = try Inliner().inline(Self.doublingChain(lines: 70))
        #expect(solver.inlinedLength == Int.max)
        #expect(solver.text == nil)
    }

    @Test func differentChainsGetDifferentIdentities() throws {
        let f = try Inliner().inline(Self.doublingChain(lines: 60, primitive: "f"))
        let g = try Inliner().inline(Self.doublingChain(lines: 60, primitive: "g"))
        let shorter = try Inliner().inline(Self.doublingChain(lines: 59, primitive: "f"))
        #expect(Set([f.identity, g.identity, shorter.identity]).count == 3)
    }

    @Test func aChainUnderTheCapIsMaterialisedWithTheLengthPythonPrints() throws {
        let solver = try Inliner().inline(Self.doublingChain(lines: 16))
        // len(inline(...)) of the same 16-line chain in CPython.
        #expect(solver.inlinedLength == 393_236)
        #expect(solver.text?.utf8.count == 393_236)
    }

    @Test func theCapDecidesMaterialisationButNeverTheDAGHash() throws {
        let function = Self.doublingChain(lines: 16)
        let materialised = try Inliner().inline(function)
        let capped = try Inliner(textCap: 1_000).inline(function)
        #expect(materialised.isTextMaterialised)
        #expect(!capped.isTextMaterialised)
        #expect(capped.dagHash == materialised.dagHash)
        #expect(capped.inlinedLength == materialised.inlinedLength)
        #expect(capped.identity == "dag-" + materialised.dagHash)
        let exact = try Inliner(textCap: 393_236).inline(function)
        #expect(exact.isTextMaterialised)
    }

    @Test func theDAGHashDependsOnlyOnTheInlinedExpression() throws {
        let viaVariables = try Inliner().inline(
            try parseSingleFunction("def solve(I):\n    x1 = f(I)\n    x2 = g(x1, x1)\n    return x2\n"))
        let written = try Inliner().inline(
            try parseSingleFunction("def solve_00000000(I):\n    return g(f(I), f(I))\n"))
        let otherParameters = try Inliner().inline(
            try parseSingleFunction("def solve(S, I, C):\n    return g(f(I), f(I))\n"))
        #expect(viaVariables.dagHash == written.dagHash)
        #expect(viaVariables.identity == written.identity)
        #expect(otherParameters.dagHash != written.dagHash)
    }

    @Test(arguments: [
        ("f(I, 1)", "f(I, (1,))"),
        ("f(-1)", "f(1)"),
        ("f(x=1)", "f(1)"),
        ("f(a, b)", "f(ab)"),
        ("f(g)(I)", "f(g(I))"),
        ("f(True)", "f(None)"),
    ])
    func structurallyDifferentExpressionsHaveDifferentDAGHashes(left: String, right: String) throws {
        let a = try Inliner().inline(try parseSingleFunction("def solve(I):\n    return \(left)\n"))
        let b = try Inliner().inline(try parseSingleFunction("def solve(I):\n    return \(right)\n"))
        #expect(a.dagHash != b.dagHash)
    }

    @Test func aLongChainRendersWithoutRecursion() throws {
        var statements: [Assignment] = []
        for index in 0..<20_000 {
            let argument: Expression = index == 0 ? .name("I") : .name("x\(index - 1)")
            statements.append(
                Assignment(
                    target: "x\(index)", value: .call(callee: .name("f"), arguments: [argument], keywords: []),
                    line: index + 2))
        }
        let function = CandidateFunction(
            name: "solve", parameters: [Parameter(name: "I")], statements: statements, returned: .name("x19999"))
        let solver = try Inliner().inline(function)
        #expect(solver.inlinedLength == Self.header + 1 + 3 * 20_000)
        #expect(solver.text?.hasSuffix("f(f(I))" + String(repeating: ")", count: 19_998)) == true)
    }
}
