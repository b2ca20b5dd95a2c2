import Testing

@testable import BattDSL

// Each case is a dsl.py call and what arc-dsl returns for it under Python 3.11, or the exception it
// raises. Where a frozenset's iteration order decides the answer, the expectation is for batt's
// sorted order (smallest element first).

/// The primitives that build and apply functions.
@Suite struct HigherOrderPrimitiveTests {
    @Test(
        arguments: [
            ("compose(increment, double)(3)", "7"),
            ("compose(first, last)(((1, 2), (3, 4)))", "3"),
            ("chain(increment, double, invert)(3)", "-5"),
            ("chain(size, merge, identity)(((1,), (2, 3)))", "3"),
            ("fork(add, first, last)((3, 4))", "7"),
            ("fork(astuple, size, identity)((1, 2))", "(2, (1, 2))"),
            ("size((compose(5, 5), chain(1, 2, 3), fork(None, 1, 2), matcher(4, 4)))", "4"),
            ("compose(5, identity)(1)", "TypeError"),
            ("compose(identity, 5)(1)", "TypeError"),
            ("chain(identity, identity, None)(1)", "TypeError"),
            ("fork(5, identity, identity)(1)", "TypeError"),
            ("fork(identity, identity, identity)(1)", "TypeError"),
            ("compose(identity, identity)(1, 2)", "TypeError"),
        ] as [(String, String)])
    func composeChainAndForkCallInnerFunctionsFirst(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("matcher(size, 2)((1, 2))", "True"),
            ("matcher(first, 0)((1, 0))", "False"),
            ("sfilter(((0, 1), (1, 1), (0, 2)), matcher(first, 0))", "((0, 1), (0, 2))"),
            ("matcher(identity, frozenset({1}))(frozenset({1}))", "True"),
            ("matcher(5, 1)(1)", "TypeError"),
        ] as [(String, String)])
    func matcherComparesTheResultWithTheTarget(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("rbind(subtract, 1)(5)", "4"),
            ("rbind(branch, 9)(False, 1)", "9"),
            ("lbind(subtract, 10)(3)", "7"),
            ("lbind(branch, True)(1, 2)", "1"),
            ("rbind(rbind(subtract, 1), 2)(5)", "TypeError"),
            ("rbind(rbind(subtract, 1), 2)(5, 6, 7)", "TypeError"),
            ("rbind(identity, 1)(1, 2, 3)", "TypeError"),
            ("lbind(identity, 1)(2)", "TypeError"),
            ("rbind(subtract, 1)(5, 6)", "TypeError"),
            ("equality(rbind(add, 1), rbind(add, 1))", "False"),
            ("rbind(5, 1)", "AttributeError"),
            ("lbind(None, 1)", "AttributeError"),
            ("lbind(lbind(branch, False), 1)(2)", "2"),
        ] as [(String, String)])
    func rbindAndLbindFixAnArgument(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("power(double, 3)(1)", "8"),
            ("power(double, 1)(5)", "10"),
            ("power(5, 1)", "5"),
            ("power(increment, True)(1)", "2"),
            ("power(rbind(add, (1, 1)), 4)((0, 0))", "(4, 4)"),
            ("power(double, 0)", "RecursionError"),
            ("power(double, -1)", "RecursionError"),
            ("power(double, (2,))", "TypeError"),
            ("power(double, 2000)", "RecursionError"),
            ("power(5, 2)(1)", "TypeError"),
            ("power(double, frozenset())", "TypeError"),
            ("power(double, None)", "TypeError"),
            ("power(identity, 900)(7)", "7"),
            ("power(increment, 900)(0)", "900"),
            ("equality(power(add, 1), add)", "True"),
        ] as [(String, String)])
    func powerAppliesAFunctionRepeatedly(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("apply(double, (1, 2, 3))", "(2, 4, 6)"),
            ("apply(first, frozenset({(0, 1), (0, 2), (3, 3)}))", "frozenset({0, 3})"),
            ("apply(size, ())", "()"),
            ("apply(5, ())", "()"),
            ("apply(5, frozenset())", "frozenset()"),
            ("apply(rbind(add, (1, 1)), frozenset({(0, 0), (1, 1)}))", "frozenset({(1, 1), (2, 2)})"),
            ("apply(rbind(astuple, (0, 0)), (1, 2))", "((1, (0, 0)), (2, (0, 0)))"),
            ("apply(identity, ((1, 2), (3, 4)))", "((1, 2), (3, 4))"),
            ("apply(last, frozenset({(1, (0, 0)), (2, (0, 0))}))", "frozenset({(0, 0)})"),
            ("apply(5, (1,))", "TypeError"),
            ("apply(identity, 5)", "TypeError"),
        ] as [(String, String)])
    func applyKeepsTheKindOfItsContainer(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("rapply((double, invert), 3)", "(6, -3)"),
            ("rapply(frozenset({first, last}), (1, 2))", "frozenset({1, 2})"),
            ("rapply((), 1)", "()"),
            ("rapply((first, last), ((1, 2), (3, 4)))", "((1, 2), (3, 4))"),
            ("rapply((5,), 1)", "TypeError"),
            ("rapply(5, 1)", "TypeError"),
        ] as [(String, String)])
    func rapplyCallsEachFunction(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            (
                "mapply(rbind(insert, frozenset({(0, 0)})), frozenset({(1, 1), (2, 2)}))",
                "frozenset({(0, 0), (1, 1), (2, 2)})"
            ),
            ("mapply(initset, (1, 2, 1))", "(1, 2, 1)"),
            ("mapply(initset, frozenset({1, 2}))", "frozenset({1, 2})"),
            ("mapply(identity, ((1, 2), (1, 2)))", "(1, 2, 1, 2)"),
            ("mapply(identity, frozenset())", "frozenset()"),
            (
                "mapply(rbind(remove, frozenset({(1, 1), (2, 2)})), frozenset({(1, 1), (2, 2)}))",
                "frozenset({(1, 1), (2, 2)})"
            ),
            ("mapply(first, ((1, 2), (3, 4)))", "TypeError"),
            ("mapply(size, frozenset({(0, 0)}))", "TypeError"),
        ] as [(String, String)])
    func mapplyAppliesThenMerges(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("papply(add, (1, 2, 3), (10, 20))", "(11, 22)"),
            ("papply(astuple, (1, 2), (3, 4))", "((1, 3), (2, 4))"),
            ("papply(5, (), (1,))", "()"),
            ("mpapply(astuple, (1, 2), (3, 4))", "(1, 3, 2, 4)"),
            ("mpapply(combine, ((1,), (2,)), ((3,), (4,)))", "(1, 3, 2, 4)"),
            ("mpapply(astuple, (), ())", "()"),
            ("papply(5, (1,), (1,))", "TypeError"),
            ("papply(add, 5, (1,))", "TypeError"),
            ("papply(add, (1,), 5)", "TypeError"),
            ("mpapply(add, (1, 2), (3, 4))", "TypeError"),
        ] as [(String, String)])
    func papplyAndMpapplyZipTwoTuples(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("prapply(add, (1, 2), (10, 20))", "frozenset({11, 12, 21, 22})"),
            ("prapply(astuple, frozenset({0, 1}), (5,))", "frozenset({(0, 5), (1, 5)})"),
            ("prapply(5, (), (1,))", "frozenset()"),
            ("prapply(add, 5, ())", "frozenset()"),
            ("prapply(add, (1, 1), (1,))", "frozenset({2})"),
            ("prapply(5, (1,), (1,))", "TypeError"),
            ("prapply(add, 5, (1,))", "TypeError"),
            ("prapply(add, (1,), 5)", "TypeError"),
        ] as [(String, String)])
    func prapplyCallsOnTheCartesianProduct(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }
}

/// The functions `rbind`, `lbind`, `compose` and friends build: their Python argument counts,
/// which `rbind`/`lbind` read in turn, and Python's identity of function objects.
@Suite struct BuiltFunctionTests {
    @Test(
        arguments: [
            ("rbind(add, 1)", "x"), ("rbind(branch, 1)", "x, y"), ("rbind(identity, 1)", "x, y, z"),
            ("lbind(add, 1)", "y"), ("lbind(branch, 1)", "y, z"), ("lbind(identity, 1)", "y, z, a"),
            ("rbind(rbind(branch, 1), 2)", "x"), ("lbind(rbind(add, 1), 2)", "y, z, a"),
            ("compose(add, add)", "x"), ("chain(add, add, add)", "x"), ("fork(add, identity, identity)", "x"),
            ("matcher(size, 1)", "x"), ("power(add, 3)", "x"), ("power(add, 1)", "a, b"),
        ] as [(String, String)])
    func builtFunctionsTakeDslPysLambdaParameters(expression: String, parameters: String) throws {
        let function = try PythonCallExpression.evaluate(expression).asFunction()
        #expect(function.parameterNames.joined(separator: ", ") == parameters)
    }

    @Test func powerOfOneIsTheFunctionItself() throws {
        let context = EvaluationContext(timeLimit: 10)
        let lambda = try PythonCallExpression.evaluate("rbind(add, 1)").asFunction()
        let result = try #require(Primitives.named("power")).apply([.function(lambda), .int(1)], context)
        #expect(try result.asFunction() === lambda)
    }

    @Test func callingANonFunctionSaysWhatWasCalled() throws {
        do {
            _ = try PythonCallExpression.evaluate("compose(5, identity)(1)")
            Issue.record("expected a TypeError")
        } catch let error as DSLError {
            #expect(error.description.contains("'int' object is not callable"))
        }
    }

    @Test func longRepetitionStopsAtTheEvaluationLimits() throws {
        // 200^4 applications, nested 800 frames deep: within the recursion limit, beyond the budget.
        let context = EvaluationContext(timeLimit: 10, budget: 1_000_000)
        do {
            _ = try PythonCallExpression.evaluate(
                "power(power(power(power(increment, 200), 200), 200), 200)(0)", context)
            Issue.record("expected a limit")
        } catch let error as DSLError {
            #expect(error.isLimit)
        }
    }

    @Test(
        arguments: [
            ("prapply(add, interval(0, 10000, 1), interval(0, 10000, 1))", "budget exceeded"),
            ("size(prapply(astuple, interval(0, 200, 1), interval(0, 200, 1)))", "40000"),
        ] as [(String, String)])
    func cartesianApplicationIsBounded(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("compose", "outer, inner"),
            ("chain", "h, g, f"),
            ("matcher", "function, target"),
            ("rbind", "function, fixed"),
            ("lbind", "function, fixed"),
            ("power", "function, n"),
            ("fork", "outer, a, b"),
            ("apply", "function, container"),
            ("rapply", "functions, value"),
            ("mapply", "function, container"),
            ("papply", "function, a, b"),
            ("mpapply", "function, a, b"),
            ("prapply", "function, a, b"),
        ] as [(String, String)])
    func parametersAreNamedAsInDslPy(name: String, parameters: String) throws {
        let primitive = try #require(Primitives.named(name))
        #expect(primitive.parameterNames.joined(separator: ", ") == parameters)
    }
}
