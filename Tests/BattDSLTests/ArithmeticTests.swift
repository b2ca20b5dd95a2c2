import Testing

@testable import BattDSL

// Each case is a dsl.py call and what arc-dsl returns for it under Python 3.11, or the exception it
// raises. Where a frozenset's iteration order decides the answer, the expectation is for batt's
// sorted order (smallest element first).

/// The arithmetic primitives: ints, and tuples treated as 2-vectors.
@Suite struct ArithmeticPrimitiveTests {
    @Test(
        arguments: [
            ("identity(5)", "5"),
            ("identity(frozenset({(1, 2)}))", "frozenset({(1, 2)})"),
            ("identity(((1, 2), (3, 4)))", "((1, 2), (3, 4))"),
            ("identity(None)", "None"),
        ] as [(String, String)])
    func identityReturnsItsArgument(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("add(2, 3)", "5"),
            ("add(-2, True)", "-1"),
            ("add((1, 2), (3, 4))", "(4, 6)"),
            ("add(1, (2, 3))", "(3, 4)"),
            ("add((2, 3), -1)", "(1, 2)"),
            ("add(((1, 2), (3, 4)), ((5,), (6,)))", "((1, 2, 5), (3, 4, 6))"),
            ("add((1, 2, 3), (10, 20, 30))", "(11, 22)"),
            ("add((1, 2, 3), 1)", "(2, 3)"),
            ("add(frozenset(), 1)", "TypeError"),
            ("add(1, frozenset())", "TypeError"),
            ("add((1,), (2, 3))", "IndexError"),
            ("add(None, 1)", "TypeError"),
            ("add(((1,), (2,)), 1)", "TypeError"),
            ("add(identity, 1)", "TypeError"),
        ] as [(String, String)])
    func addFollowsDslPyDispatch(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("subtract(5, 7)", "-2"),
            ("subtract((1, 2), (3, 5))", "(-2, -3)"),
            ("subtract(10, (1, 2))", "(9, 8)"),
            ("subtract((4, 6), 2)", "(2, 4)"),
            ("subtract((frozenset({1, 2}), 3), (frozenset({1}), 1))", "(frozenset({2}), 2)"),
            ("subtract((1, 2, 3), ((1,), 2))", "TypeError"),
            ("subtract(frozenset({1}), frozenset({1}))", "TypeError"),
        ] as [(String, String)])
    func subtractFollowsDslPyDispatch(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("multiply(3, -4)", "-12"),
            ("multiply((2, 3), (4, 5))", "(8, 15)"),
            ("multiply(2, (3, 4))", "(6, 8)"),
            ("multiply((3, 4), 0)", "(0, 0)"),
            ("multiply(((1, 2), 3), 2)", "((1, 2, 1, 2), 6)"),
            ("multiply(2, ((1,), 3))", "((1, 1), 6)"),
            ("multiply(((1, 2), (3, 4)), (2, 0))", "((1, 2, 1, 2), ())"),
            ("multiply(frozenset(), 2)", "TypeError"),
        ] as [(String, String)])
    func multiplyFollowsDslPyDispatch(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("divide(7, 2)", "3"),
            ("divide(-7, 2)", "-4"),
            ("divide(7, -2)", "-4"),
            ("divide(-7, -2)", "3"),
            ("divide((7, -7), 2)", "(3, -4)"),
            ("divide(12, (5, -5))", "(2, -3)"),
            ("divide((9, 8), (2, 3))", "(4, 2)"),
            ("divide(1, 0)", "ZeroDivisionError"),
            ("divide((1, 2), (1, 0))", "ZeroDivisionError"),
            ("divide((1, 2), (3,))", "IndexError"),
            ("divide(((1,), 2), 2)", "TypeError"),
        ] as [(String, String)])
    func divideIsFloorDivision(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("invert(5)", "-5"),
            ("invert(-3)", "3"),
            ("invert(0)", "0"),
            ("invert((1, -2))", "(-1, 2)"),
            ("invert(((1,), 2))", "TypeError"),
            ("invert((1,))", "IndexError"),
            ("invert(None)", "TypeError"),
            ("invert(frozenset())", "TypeError"),
        ] as [(String, String)])
    func invertNegates(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("even(4)", "True"),
            ("even(-3)", "False"),
            ("even(0)", "True"),
            ("even(True)", "False"),
            ("even((1,))", "TypeError"),
            ("even(None)", "TypeError"),
        ] as [(String, String)])
    func evenTestsTheRemainderModuloTwo(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("double(-4)", "-8"),
            ("double((1, 2))", "(2, 4)"),
            ("double(((1,), 2))", "((1, 1), 4)"),
            ("double(frozenset())", "TypeError"),
            ("halve(7)", "3"),
            ("halve(-7)", "-4"),
            ("halve((-3, 3))", "(-2, 1)"),
            ("halve(((1,), 2))", "TypeError"),
        ] as [(String, String)])
    func doubleAndHalveScaleEachComponent(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("increment(9)", "10"),
            ("increment((0, -1))", "(1, 0)"),
            ("increment(((1,), 2))", "TypeError"),
            ("increment(None)", "TypeError"),
            ("decrement(0)", "-1"),
            ("decrement((5, 5))", "(4, 4)"),
            ("decrement((1, 2, 3))", "(0, 1)"),
            ("decrement(frozenset({1}))", "TypeError"),
        ] as [(String, String)])
    func incrementAndDecrementAddOne(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("crement(0)", "0"),
            ("crement(3)", "4"),
            ("crement(-3)", "-4"),
            ("crement((0, -2))", "(0, -3)"),
            ("crement((4, 0))", "(5, 0)"),
            ("crement(False)", "0"),
            ("crement(((1,), 0))", "TypeError"),
            ("crement((None, 0))", "TypeError"),
            ("crement(((), 5))", "TypeError"),
        ] as [(String, String)])
    func crementMovesAwayFromZero(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("sign(-5)", "-1"),
            ("sign(0)", "0"),
            ("sign(7)", "1"),
            ("sign((-5, 0))", "(-1, 0)"),
            ("sign((3, -1))", "(1, -1)"),
            ("sign((0, 0, 9))", "(0, 0)"),
            ("sign(((1,), 1))", "TypeError"),
        ] as [(String, String)])
    func signIsMinusOneZeroOrOne(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("positive(1)", "True"),
            ("positive(0)", "False"),
            ("positive(-1)", "False"),
            ("positive(True)", "True"),
            ("positive((1,))", "TypeError"),
            ("positive(None)", "TypeError"),
        ] as [(String, String)])
    func positiveIsGreaterThanZero(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("toivec(3)", "(3, 0)"),
            ("toivec(-1)", "(-1, 0)"),
            ("toivec((1, 2))", "((1, 2), 0)"),
            ("tojvec(4)", "(0, 4)"),
            ("tojvec(frozenset())", "(0, frozenset())"),
            ("astuple(1, 2)", "(1, 2)"),
            ("astuple((1, 2), (3, 4))", "((1, 2), (3, 4))"),
            ("astuple(None, 1)", "(None, 1)"),
            ("astuple((1,), (2, 3))", "((1,), (2, 3))"),
        ] as [(String, String)])
    func vectorsPutTheirArgumentInPlace(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("interval(0, 5, 1)", "(0, 1, 2, 3, 4)"),
            ("interval(5, 0, -2)", "(5, 3, 1)"),
            ("interval(0, 5, -1)", "()"),
            ("interval(3, 4, 1)", "(3,)"),
            ("interval(0, 4, 2)", "(0, 2)"),
            ("interval(10, 0, -3)", "(10, 7, 4, 1)"),
            ("interval(-2, 2, 1)", "(-2, -1, 0, 1)"),
            ("interval(4, 4, 1)", "()"),
            ("interval(0, 3, 100)", "(0,)"),
            ("interval(-9223372036854775807, 9223372036854775807, 9223372036854775807)", "(-9223372036854775807, 0)"),
            ("interval(1, 2, 0)", "ValueError"),
            ("interval((1,), 2, 1)", "TypeError"),
            ("interval(0, None, 1)", "TypeError"),
            ("interval(0, 1, frozenset())", "TypeError"),
        ] as [(String, String)])
    func intervalIsPythonRange(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("greater(3, 2)", "True"),
            ("greater(2, 2)", "False"),
            ("greater(-1, -2)", "True"),
            ("greater((1, 2), (1, 1))", "True"),
            ("greater((1, 2), (1, 2, 0))", "False"),
            ("greater(frozenset({1, 2}), frozenset({1}))", "True"),
            ("greater(frozenset({3}), frozenset({1}))", "False"),
            ("greater(1, (1,))", "TypeError"),
            ("greater(None, None)", "TypeError"),
            ("greater(identity, identity)", "TypeError"),
        ] as [(String, String)])
    func greaterIsPythonsGreaterThan(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }
}

/// Ints are unbounded as Python's are: past 64 bits a result is a big int, never an error; where
/// Python would build a huge tuple batt's budget stops it, never a trap.
@Suite struct ArithmeticLimitTests {
    @Test(
        arguments: [
            ("add(9223372036854775807, 1)", "9223372036854775808"),
            ("subtract(-9223372036854775808, 1)", "-9223372036854775809"),
            ("multiply((4611686018427387904, 1), 2)", "(9223372036854775808, 2)"),
            ("invert(-9223372036854775808)", "9223372036854775808"),
            ("divide(-9223372036854775808, -1)", "9223372036854775808"),
            ("double(-9223372036854775808)", "-18446744073709551616"),
            ("increment((9223372036854775807, 0))", "(9223372036854775808, 1)"),
            ("crement(-9223372036854775808)", "-9223372036854775809"),
            ("halve(-9223372036854775808)", "-4611686018427387904"),
            ("sign(-9223372036854775808)", "-1"),
            ("interval(0, 1000000000000, 1)", "budget exceeded"),
            ("interval(-9223372036854775808, 9223372036854775807, 1)", "budget exceeded"),
            ("interval(9223372036854775807, -9223372036854775808, -1)", "budget exceeded"),
            ("interval(9223372036854775806, 9223372036854775807, 5)", "(9223372036854775806,)"),
            ("interval(-9223372036854775807, -9223372036854775808, -1)", "(-9223372036854775807,)"),
        ] as [(String, String)])
    func extremeNumbersFailCleanly(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("identity", "x"),
            ("add", "a, b"),
            ("subtract", "a, b"),
            ("multiply", "a, b"),
            ("divide", "a, b"),
            ("invert", "n"),
            ("even", "n"),
            ("double", "n"),
            ("halve", "n"),
            ("increment", "x"),
            ("decrement", "x"),
            ("crement", "x"),
            ("sign", "x"),
            ("positive", "x"),
            ("toivec", "i"),
            ("tojvec", "j"),
            ("astuple", "a, b"),
            ("interval", "start, stop, step"),
            ("greater", "a, b"),
        ] as [(String, String)])
    func parametersAreNamedAsInDslPy(name: String, parameters: String) throws {
        let primitive = try #require(Primitives.named(name))
        #expect(primitive.parameterNames.joined(separator: ", ") == parameters)
    }
}
