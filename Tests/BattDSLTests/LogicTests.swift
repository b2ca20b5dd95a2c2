import Testing

@testable import BattDSL

// Each case is a dsl.py call and what arc-dsl returns for it under Python 3.11, or the exception it
// raises. Where a frozenset's iteration order decides the answer, the expectation is for batt's
// sorted order (smallest element first).

/// The logic primitives, which use Python's truthiness and return Python's operands.
@Suite struct LogicPrimitiveTests {
    @Test(
        arguments: [
            ("flip(True)", "False"),
            ("flip(0)", "True"),
            ("flip(())", "True"),
            ("flip((0,))", "False"),
            ("flip(frozenset())", "True"),
            ("flip(identity)", "False"),
            ("flip(None)", "True"),
            ("flip(-1)", "False"),
        ] as [(String, String)])
    func flipIsPythonsNot(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("equality(1, True)", "True"),
            ("equality((1, 2), (1, 2))", "True"),
            ("equality(frozenset({1, 2}), frozenset({2, 1}))", "True"),
            ("equality((1, 2), frozenset({1, 2}))", "False"),
            ("equality(identity, identity)", "True"),
            ("equality(identity, add)", "False"),
            ("equality(None, 0)", "False"),
            ("equality(((1, 2),), ((1, 2),))", "True"),
        ] as [(String, String)])
    func equalityIsPythonsEquals(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("both(True, False)", "False"),
            ("both(0, 5)", "0"),
            ("both(3, (1, 2))", "(1, 2)"),
            ("both((), 7)", "()"),
            ("both(frozenset({1}), None)", "None"),
            ("both(True, True)", "True"),
        ] as [(String, String)])
    func bothReturnsAnOperandLikePythonsAnd(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("either(0, 5)", "5"),
            ("either(3, 4)", "3"),
            ("either((), frozenset())", "frozenset()"),
            ("either(None, 0)", "0"),
            ("either(False, True)", "True"),
        ] as [(String, String)])
    func eitherReturnsAnOperandLikePythonsOr(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("branch(True, 1, 2)", "1"),
            ("branch(0, 1, 2)", "2"),
            ("branch((), 1, 2)", "2"),
            ("branch((0,), 1, 2)", "1"),
            ("branch(frozenset({1}), (1,), None)", "(1,)"),
            ("branch(None, identity, add)", "add"),
        ] as [(String, String)])
    func branchPicksByTruthiness(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }
}

@Suite struct LogicSignatureTests {
    @Test(
        arguments: [
            ("flip", "b"),
            ("equality", "a, b"),
            ("both", "a, b"),
            ("either", "a, b"),
            ("branch", "condition, a, b"),
        ] as [(String, String)])
    func parametersAreNamedAsInDslPy(name: String, parameters: String) throws {
        let primitive = try #require(Primitives.named(name))
        #expect(primitive.parameterNames.joined(separator: ", ") == parameters)
    }
}
