import Testing

@testable import BattLanguage

@Suite struct CandidateCheckerTests {
    static let dsl: Set<String> = ["f", "g", "fill", "rbind", "ZERO", "T"]

    func diagnostics(_ source: String) throws -> [Diagnostic] {
        CandidateChecker.check(try parseSingleFunction(source), knownNames: Self.dsl)
    }

    @Test func acceptsParametersEarlierVariablesAndKnownNames() throws {
        let source =
            "def solve(S, I, C):\n    x1 = rbind(fill, ZERO)\n    x2 = x1(I)\n    x3 = f(x2, diagonal=T)\n    return x3\n"
        #expect(try diagnostics(source).isEmpty)
    }

    @Test func acceptsReassignmentThatReadsTheEarlierValue() throws {
        #expect(try diagnostics("def solve(I):\n    x1 = f(I)\n    x1 = g(x1)\n    I = f(I)\n    return x1\n").isEmpty)
    }

    @Test func reportsAnUndefinedNameWithItsLine() throws {
        let found = try diagnostics("def solve(I):\n    x1 = f(I)\n    x2 = g(x1, nowhere)\n    return x2\n")
        #expect(found.map(\.kind) == [.undefinedName])
        #expect(found.first?.line == 3)
        #expect(found.first?.column == 5)
        #expect(found.first?.functionName == "solve")
        #expect(
            found.first?.message
                == "undefined name 'nowhere' on line 3; it is not a parameter, a variable or a DSL name")
    }

    @Test func reportsAUseBeforeDefinition() throws {
        let found = try diagnostics("def solve(I):\n    x1 = f(x2)\n    x2 = g(I)\n    return x1\n")
        #expect(found.map(\.kind) == [.useBeforeDefinition])
        #expect(found.first?.message == "'x2' is used on line 2 before its first definition on line 3")
    }

    @Test func treatsADSLNameAssignedLaterAsALocalVariableAsPythonDoes() throws {
        let found = try diagnostics("def solve(I):\n    x1 = fill(I)\n    fill = g(I)\n    return x1\n")
        #expect(found.map(\.kind) == [.useBeforeDefinition])
    }

    @Test func reportsAVariableDefinedInTermsOfItself() throws {
        let found = try diagnostics("def solve(I):\n    x1 = f(x1)\n    return x1\n")
        #expect(found.map(\.kind) == [.selfReference])
        #expect(found.first?.message == "'x1' is used on line 2 in its own first definition; it has no earlier value")
    }

    @Test func checksTheReturnedExpression() throws {
        let found = try diagnostics("def solve(I):\n    x1 = f(I)\n\n    return g(x1, missing)\n")
        #expect(found.map(\.kind) == [.undefinedName])
        #expect(found.first?.line == 4)
    }

    @Test func reportsAMissingReturn() throws {
        let found = try diagnostics("def solve(I):\n    x1 = f(I)\n")
        #expect(found.map(\.kind) == [.missingReturn])
        #expect(found.first?.line == 1)
        #expect(found.first?.message == "function 'solve' has no return statement; add 'return <variable>'")
    }

    @Test func reportsEachNameOncePerStatementAndNeverKeywordNames() throws {
        let found = try diagnostics("def solve(I):\n    x1 = f(nope, nope, univalued=I)\n    return x1\n")
        #expect(
            found.map(\.message) == ["undefined name 'nope' on line 2; it is not a parameter, a variable or a DSL name"]
        )
    }
}
