import Testing

@testable import BattDSL

// Each case is a dsl.py call and what arc-dsl returns for it under Python 3.11, or the exception it
// raises. Where a frozenset's iteration order decides the answer, the expectation is for batt's
// sorted order (smallest element first).

/// The container primitives over tuples, frozensets, grids, indices and objects.
@Suite struct ContainerPrimitiveTests {
    @Test(
        arguments: [
            ("contained(1, (1, 2))", "True"),
            ("contained(3, (1, 2))", "False"),
            ("contained((0, 1), frozenset({(0, 1), (2, 2)}))", "True"),
            ("contained((1, 0), frozenset({(0, 1)}))", "False"),
            ("contained((1, (0, 0)), frozenset({(1, (0, 0))}))", "True"),
            ("contained((0, 0), frozenset({(1, (0, 0))}))", "False"),
            ("contained((1, 2), ((1, 2), (3, 4)))", "True"),
            ("contained(1, ((1, 2), (3, 4)))", "False"),
            ("contained(True, (1, 2))", "True"),
            ("contained(frozenset({1}), frozenset({frozenset({1})}))", "True"),
            ("contained(1, frozenset())", "False"),
            ("contained(1, 5)", "TypeError"),
            ("contained(1, None)", "TypeError"),
        ] as [(String, String)])
    func containedIsPythonsIn(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("combine((1, 2), (3,))", "(1, 2, 3)"),
            ("combine(frozenset({(0, 0)}), frozenset({(1, 1), (0, 0)}))", "frozenset({(1, 1), (0, 0)})"),
            ("combine(frozenset({(1, (0, 0))}), frozenset({(2, (0, 0))}))", "frozenset({(2, (0, 0)), (1, (0, 0))})"),
            ("combine(((1, 2),), ((3, 4),))", "((1, 2), (3, 4))"),
            ("combine(((1, 2),), ((3,),))", "((1, 2), (3,))"),
            ("combine((1, 2), frozenset({3}))", "(1, 2, 3)"),
            ("combine(frozenset({1}), (2, 2))", "frozenset({1, 2})"),
            ("combine(frozenset(), ())", "frozenset()"),
            ("combine((), frozenset({(0, 0)}))", "((0, 0),)"),
            ("combine(frozenset({(0, 0)}), frozenset({(1, (0, 0))}))", "frozenset({(1, (0, 0)), (0, 0)})"),
            ("combine(frozenset({(0, 0)}), ())", "frozenset({(0, 0)})"),
            ("combine((1, 2), (3, 4))", "(1, 2, 3, 4)"),
            ("combine(5, (1,))", "TypeError"),
            ("combine((1,), None)", "TypeError"),
        ] as [(String, String)])
    func combineKeepsTheKindOfItsFirstArgument(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("intersection(frozenset({1, 2, 3}), frozenset({2, 3, 4}))", "frozenset({2, 3})"),
            ("intersection(frozenset({(0, 0), (1, 1)}), frozenset({(1, 1)}))", "frozenset({(1, 1)})"),
            (
                "intersection(frozenset({(1, (0, 0)), (2, (0, 0))}), frozenset({(2, (0, 0))}))",
                "frozenset({(2, (0, 0))})"
            ),
            ("intersection(frozenset({(0, 0)}), frozenset({(1, (0, 0))}))", "frozenset()"),
            ("intersection(12, 10)", "8"),
            ("intersection(frozenset(), frozenset({1}))", "frozenset()"),
            ("intersection(frozenset({(0, 0), 1}), frozenset({(0, 0)}))", "frozenset({(0, 0)})"),
            ("intersection((1,), (1,))", "TypeError"),
            ("intersection(frozenset({1}), 1)", "TypeError"),
        ] as [(String, String)])
    func intersectionIsPythonsAmpersand(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("difference(frozenset({1, 2, 3}), frozenset({2}))", "frozenset({1, 3})"),
            ("difference(frozenset({(0, 0), (0, 1)}), frozenset({(0, 1), (5, 5)}))", "frozenset({(0, 0)})"),
            ("difference(frozenset({(1, (0, 0)), (2, (0, 1))}), frozenset({(1, (0, 0))}))", "frozenset({(2, (0, 1))})"),
            ("difference(frozenset({(0, 0)}), frozenset({(1, (0, 0))}))", "frozenset({(0, 0)})"),
            ("difference(frozenset({(1, (0, 0))}), frozenset({(0, 0)}))", "frozenset({(1, (0, 0))})"),
            ("difference((1, 2, 1, 3), frozenset({1}))", "(2, 3)"),
            ("difference((1, 2, 3), (2,))", "(1, 3)"),
            ("difference((), 5)", "()"),
            ("difference(frozenset(), None)", "frozenset()"),
            ("difference(((1, 2), (3, 4), (1, 2)), ((3, 4),))", "((1, 2), (1, 2))"),
            ("difference(frozenset({(0, 0), 1}), frozenset({1}))", "frozenset({(0, 0)})"),
            ("difference(frozenset({(0, 0)}), ((0, 0),))", "frozenset()"),
            ("difference((1,), 5)", "TypeError"),
            ("difference(5, ())", "TypeError"),
        ] as [(String, String)])
    func differenceKeepsTheKindOfItsFirstArgument(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("dedupe((1, 2, 1, 3, 2))", "(1, 2, 3)"),
            ("dedupe((4, 4))", "(4,)"),
            ("dedupe((4, 5))", "(4, 5)"),
            ("dedupe(((1, 2), (3, 4), (1, 2)))", "((1, 2), (3, 4))"),
            ("dedupe(((1, 2), (1, 2)))", "((1, 2),)"),
            ("dedupe(())", "()"),
            ("dedupe(frozenset())", "()"),
            ("dedupe((True, 1, 0))", "(True, 0)"),
            ("dedupe(((), ()))", "((),)"),
            ("dedupe(frozenset({1}))", "AttributeError"),
            ("dedupe(frozenset({(0, 0)}))", "AttributeError"),
            ("dedupe(5)", "TypeError"),
        ] as [(String, String)])
    func dedupeKeepsFirstOccurrences(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("order((3, 1, 2), identity)", "(1, 2, 3)"),
            ("order(frozenset({(0, 2), (1, 0), (2, 1)}), last)", "((1, 0), (2, 1), (0, 2))"),
            ("order((5, 3, 4), invert)", "(5, 4, 3)"),
            ("order(((1, 2), (0, 1, 2), ()), size)", "((), (1, 2), (0, 1, 2))"),
            ("order((), 5)", "()"),
            ("order(((1, 9), (0, 9), (1, 1)), first)", "((0, 9), (1, 9), (1, 1))"),
            ("order(((3, 1), (1, 2), (2, 0), (1, 1)), identity)", "((1, 1), (1, 2), (2, 0), (3, 1))"),
            (
                "order(interval(0, 100, 1), invert)",
                "(99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)"
            ),
            (
                "order(interval(0, 70, 1), initset)",
                "(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69)"
            ),
            ("order(((2, 1), (0, 0, 0), (1, 5)), identity)", "((0, 0, 0), (1, 5), (2, 1))"),
            (
                "order((frozenset({1}), frozenset({2}), frozenset({1, 2}), frozenset()), identity)",
                "(frozenset(), frozenset({1}), frozenset({2}), frozenset({1, 2}))"
            ),
            (
                "order((frozenset({2, 3}), frozenset({1, 2}), frozenset({1}), frozenset({1, 2, 3}), frozenset(), frozenset({2, 3}), frozenset({2, 3})), identity)",
                "(frozenset(), frozenset({2, 3}), frozenset({1}), frozenset({1, 2}), frozenset({2, 3}), frozenset({2, 3}), frozenset({1, 2, 3}))"
            ),
            (
                "order((frozenset(), frozenset({1, 2, 3}), frozenset({3}), frozenset({1, 2}), frozenset({1}), frozenset({1, 3}), frozenset()), identity)",
                "(frozenset(), frozenset(), frozenset({3}), frozenset({1}), frozenset({1, 2}), frozenset({1, 3}), frozenset({1, 2, 3}))"
            ),
            (
                "order((frozenset(), frozenset(), frozenset(), frozenset({2, 3}), frozenset({1, 2}), frozenset({2, 3}), frozenset()), identity)",
                "(frozenset(), frozenset(), frozenset(), frozenset(), frozenset({2, 3}), frozenset({1, 2}), frozenset({2, 3}))"
            ),
            ("order((3, 1, 2), None)", "(1, 2, 3)"),
            ("order(frozenset({(1, 0), (0, 5)}), None)", "((0, 5), (1, 0))"),
            ("order((1,), 5)", "TypeError"),
            ("order(5, identity)", "TypeError"),
            ("order((1, (1,)), identity)", "TypeError"),
            ("order((None, None), identity)", "TypeError"),
        ] as [(String, String)])
    func orderSortsStablyByKey(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("repeat(7, 3)", "(7, 7, 7)"),
            ("repeat(7, 2)", "(7, 7)"),
            ("repeat((1, 2), 2)", "((1, 2), (1, 2))"),
            ("repeat(frozenset(), 1)", "(frozenset(),)"),
            ("repeat(1, 0)", "()"),
            ("repeat(1, -3)", "()"),
            ("repeat(None, True)", "(None,)"),
            ("repeat((), 2)", "((), ())"),
            ("repeat(1, (2,))", "TypeError"),
            ("repeat(1, None)", "TypeError"),
        ] as [(String, String)])
    func repeatBuildsATupleOfCopies(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("size((1, 2, 3))", "3"),
            ("size(frozenset())", "0"),
            ("size(((1, 2), (3, 4), (5, 6)))", "3"),
            ("size(frozenset({(1, (0, 0)), (2, (0, 0))}))", "2"),
            ("size((1, 2))", "2"),
            ("size(((), ()))", "2"),
            ("size(5)", "TypeError"),
            ("size(identity)", "TypeError"),
        ] as [(String, String)])
    func sizeIsPythonsLen(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("merge(frozenset({frozenset({(0, 0)}), frozenset({(1, 1), (0, 0)})}))", "frozenset({(1, 1), (0, 0)})"),
            (
                "merge(frozenset({frozenset({(1, (0, 0))}), frozenset({(2, (0, 0))})}))",
                "frozenset({(2, (0, 0)), (1, (0, 0))})"
            ),
            ("merge((frozenset({(0, 0)}), frozenset({(0, 0)})))", "((0, 0), (0, 0))"),
            ("merge(((1, 2), (2, 3)))", "(1, 2, 2, 3)"),
            ("merge(frozenset({(1, 2), (3, 4)}))", "frozenset({1, 2, 3, 4})"),
            ("merge(frozenset({(1, (0, 0))}))", "frozenset({1, (0, 0)})"),
            ("merge(())", "()"),
            ("merge(frozenset())", "frozenset()"),
            ("merge(frozenset({frozenset()}))", "frozenset()"),
            ("merge((frozenset({1}), (2, 3)))", "(1, 2, 3)"),
            ("merge(frozenset({frozenset({(0, 0)}), frozenset({(1, (1, 1))})}))", "frozenset({(1, (1, 1)), (0, 0)})"),
            ("merge(frozenset({(1, 2), frozenset({(0, 0)})}))", "frozenset({1, 2, (0, 0)})"),
            ("merge((1, 2))", "TypeError"),
            ("merge(5)", "TypeError"),
            ("merge(frozenset({1, (1, 2)}))", "TypeError"),
        ] as [(String, String)])
    func mergeFlattensOneLevel(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("maximum(frozenset({1, 5, 3}))", "5"),
            ("maximum(())", "0"),
            ("maximum(frozenset())", "0"),
            ("maximum((3, -1, 3))", "3"),
            ("maximum((2, 7))", "7"),
            ("maximum((7, 2))", "7"),
            ("maximum(frozenset({(0, 5), (1, 0)}))", "(1, 0)"),
            ("maximum(frozenset({(3, (0, 0)), (1, (5, 5))}))", "(3, (0, 0))"),
            ("maximum(((1, 2), (1, 3)))", "(1, 3)"),
            ("maximum(frozenset({frozenset({1}), frozenset({1, 2})}))", "frozenset({1, 2})"),
            ("maximum(frozenset({-4}))", "-4"),
            ("minimum(frozenset({1, 5, 3}))", "1"),
            ("minimum(())", "0"),
            ("minimum((3, -1, 3))", "-1"),
            ("minimum((7, 2))", "2"),
            ("minimum(frozenset({(0, 5), (1, 0)}))", "(0, 5)"),
            ("minimum(frozenset({(3, (0, 0)), (1, (5, 5))}))", "(1, (5, 5))"),
            ("minimum(((1, 2), (1, 3)))", "(1, 2)"),
            ("maximum(frozenset({1, (2, 3)}))", "TypeError"),
            ("minimum((1, None))", "TypeError"),
            ("maximum(5)", "TypeError"),
            ("minimum(None)", "TypeError"),
        ] as [(String, String)])
    func maximumAndMinimumDefaultToZero(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("valmax(frozenset({(0, 5), (3, 1)}), first)", "3"),
            ("valmax((), identity)", "0"),
            ("valmax((), invert)", "0"),
            ("valmax((1, -5, 3), invert)", "5"),
            ("valmax(frozenset({frozenset({(0, 0)}), frozenset({(0, 0), (0, 1)})}), size)", "2"),
            ("valmin((1, -5, 3), invert)", "-3"),
            ("valmin((), increment)", "1"),
            ("valmin(frozenset({(0, 5), (3, 1)}), last)", "1"),
            ("valmax((), size)", "TypeError"),
            ("valmax((1, 2), None)", "TypeError"),
            ("valmin((), None)", "TypeError"),
            ("valmax((1, 2), 5)", "TypeError"),
            ("valmax((), 5)", "TypeError"),
            ("valmax(5, identity)", "TypeError"),
            ("valmin((1, (2,)), identity)", "TypeError"),
        ] as [(String, String)])
    func valmaxAndValminReturnTheExtremeKey(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("argmax((1, -5, 3), invert)", "-5"),
            ("argmax((4, 2, 4, 2), even)", "4"),
            ("argmin((4, 2, 4, 2), even)", "4"),
            (
                "argmax(frozenset({frozenset({(0, 0)}), frozenset({(0, 0), (0, 1)})}), size)",
                "frozenset({(0, 1), (0, 0)})"
            ),
            ("argmin((1, -5, 3), invert)", "3"),
            ("argmin((3, 1, 1), identity)", "1"),
            ("argmax((1, 2), compose(flip, even))", "1"),
            ("argmax(frozenset({(0, 1), (1, 1)}), last)", "(0, 1)"),
            ("argmin(frozenset({(2, 1), (1, 1), (0, 3)}), last)", "(1, 1)"),
            ("argmax((1, 5, 2), None)", "5"),
            ("argmin((3, 1, 2), None)", "1"),
            ("argmax((), size)", "ValueError"),
            ("argmax(frozenset(), size)", "ValueError"),
            ("argmax((), None)", "ValueError"),
            ("argmin((), identity)", "ValueError"),
            ("argmax((1, (1,)), identity)", "TypeError"),
            ("argmax((1,), 5)", "TypeError"),
        ] as [(String, String)])
    func argmaxAndArgminReturnTheFirstExtremeElement(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("mostcommon((1, 2, 2, 3))", "2"),
            ("mostcommon((5,))", "5"),
            ("mostcommon(((1, 2), (3, 4), (3, 4)))", "(3, 4)"),
            ("mostcommon((3, 1, 3, 1))", "1"),
            ("mostcommon((2, 2))", "2"),
            ("mostcommon((7, 3))", "3"),
            ("mostcommon(((0, 0), 1, 1))", "1"),
            ("mostcommon(((1, 2), (0, 5), (1, 2), (0, 5)))", "(0, 5)"),
            ("leastcommon(((3, 3), (1, 2), (0, 5), (3, 3)))", "(0, 5)"),
            ("leastcommon((1, 2, 2, 3))", "1"),
            ("leastcommon(((1, 2), (3, 4), (3, 4)))", "(1, 2)"),
            ("leastcommon((9, 9))", "9"),
            ("leastcommon((4, 4, 6))", "6"),
            ("mostcommon(frozenset({1}))", "AttributeError"),
            ("mostcommon(frozenset())", "AttributeError"),
            ("leastcommon(frozenset({(0, 0)}))", "AttributeError"),
            ("mostcommon(())", "ValueError"),
            ("leastcommon(())", "ValueError"),
            ("mostcommon(5)", "TypeError"),
        ] as [(String, String)])
    func mostcommonAndLeastcommonCountInTuples(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("initset(1)", "frozenset({1})"),
            ("initset((0, 0))", "frozenset({(0, 0)})"),
            ("initset((1, (0, 0)))", "frozenset({(1, (0, 0))})"),
            ("initset(frozenset())", "frozenset({frozenset()})"),
            ("initset(())", "frozenset({()})"),
        ] as [(String, String)])
    func initsetMakesASingletonFrozenset(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("sfilter((1, 2, 3, 4), even)", "(2, 4)"),
            ("sfilter(frozenset({(0, 0), (1, 1), (2, 3)}), compose(even, last))", "frozenset({(0, 0)})"),
            ("sfilter(frozenset({(1, (0, 0)), (2, (0, 1))}), compose(even, first))", "frozenset({(2, (0, 1))})"),
            ("sfilter(((1, 2), (3, 4), (5, 6)), compose(even, first))", "()"),
            ("sfilter(((2, 2), (3, 4), (4, 6)), compose(even, first))", "((2, 2), (4, 6))"),
            ("sfilter(frozenset({1, (0, 0)}), rbind(contained, (1, 2)))", "frozenset({1})"),
            ("sfilter(frozenset({1, (0, 0)}), rbind(contained, frozenset({(0, 0)})))", "frozenset({(0, 0)})"),
            ("sfilter((), 5)", "()"),
            (
                "sfilter(frozenset({frozenset({(0, 0)}), frozenset({(0, 0), (1, 1)})}), compose(even, size))",
                "frozenset({frozenset({(1, 1), (0, 0)})})"
            ),
            ("sfilter((1, 2), even)", "(2,)"),
            ("sfilter((1, 2), positive)", "(1, 2)"),
            ("sfilter(5, even)", "TypeError"),
            ("sfilter((1,), 5)", "TypeError"),
        ] as [(String, String)])
    func sfilterKeepsTheKindOfItsContainer(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("mfilter(((1, 2), (3,), (4, 5)), compose(even, size))", "(1, 2, 4, 5)"),
            ("mfilter(frozenset(), size)", "frozenset()"),
            (
                "mfilter(frozenset({frozenset({(0, 0)}), frozenset({(1, 1), (2, 2)})}), compose(positive, size))",
                "frozenset({(1, 1), (2, 2), (0, 0)})"
            ),
            (
                "mfilter(frozenset({frozenset({(0, 0)}), frozenset({(1, 1), (2, 2)})}), compose(even, size))",
                "frozenset({(1, 1), (2, 2)})"
            ),
            ("mfilter((1, 2), even)", "TypeError"),
        ] as [(String, String)])
    func mfilterFiltersThenMerges(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("extract((1, 2, 3, 4), even)", "2"),
            ("extract(frozenset({(2, 2), (1, 1), (0, 3)}), compose(even, first))", "(0, 3)"),
            ("extract((1, 3), even)", "StopIteration"),
            ("extract((), even)", "StopIteration"),
            ("extract(5, even)", "TypeError"),
        ] as [(String, String)])
    func extractReturnsTheFirstMatch(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("totuple(frozenset({(1, 1), (0, 2)}))", "((0, 2), (1, 1))"),
            ("totuple((1, 2))", "(1, 2)"),
            ("totuple(frozenset())", "()"),
            ("totuple(frozenset({3, 1, 2}))", "(1, 2, 3)"),
            ("totuple(frozenset({(2, (0, 0)), (1, (5, 5))}))", "((1, (5, 5)), (2, (0, 0)))"),
            ("totuple(5)", "TypeError"),
        ] as [(String, String)])
    func totupleListsTheElements(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("first((4, 5))", "4"),
            ("first(((1, 2), (3, 4)))", "(1, 2)"),
            ("first(frozenset({(2, 0), (0, 9)}))", "(0, 9)"),
            ("first(frozenset({(3, (0, 0)), (1, (5, 5))}))", "(1, (5, 5))"),
            ("first((None,))", "None"),
            ("first(())", "StopIteration"),
            ("first(frozenset())", "StopIteration"),
            ("first(5)", "TypeError"),
            ("last((4, 5, 6))", "6"),
            ("last(((1, 2), (3, 4)))", "(3, 4)"),
            ("last(frozenset({(2, 0), (0, 9)}))", "(2, 0)"),
            ("last(frozenset({3, 1, 2}))", "3"),
            ("last((7,))", "7"),
            ("last(())", "ValueError"),
            ("last(frozenset())", "ValueError"),
            ("last(None)", "TypeError"),
        ] as [(String, String)])
    func firstAndLastFollowIterationOrder(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("insert((1, 1), frozenset({(0, 0)}))", "frozenset({(1, 1), (0, 0)})"),
            ("insert((0, 0), frozenset({(0, 0)}))", "frozenset({(0, 0)})"),
            ("insert((1, (0, 0)), frozenset({(2, (0, 0))}))", "frozenset({(2, (0, 0)), (1, (0, 0))})"),
            ("insert(1, frozenset())", "frozenset({1})"),
            ("insert((0, 0), frozenset())", "frozenset({(0, 0)})"),
            ("insert(5, frozenset({(0, 0)}))", "frozenset({5, (0, 0)})"),
            ("insert((0, 0), frozenset({(1, (0, 0))}))", "frozenset({(1, (0, 0)), (0, 0)})"),
            ("insert((2, (0, 0)), frozenset({(2, (0, 0))}))", "frozenset({(2, (0, 0))})"),
            ("insert(1, (1,))", "AttributeError"),
            ("insert(1, 5)", "AttributeError"),
        ] as [(String, String)])
    func insertAddsToAFrozenset(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("remove(2, (1, 2, 3, 2))", "(1, 3)"),
            ("remove((0, 0), frozenset({(0, 0), (1, 1)}))", "frozenset({(1, 1)})"),
            ("remove(5, frozenset({(0, 0)}))", "frozenset({(0, 0)})"),
            ("remove((1, (0, 0)), frozenset({(1, (0, 0)), (2, (1, 1))}))", "frozenset({(2, (1, 1))})"),
            ("remove((1, 2), ((1, 2), (3, 4)))", "((3, 4),)"),
            ("remove(1, (1, 1))", "()"),
            ("remove(1, frozenset({1, (0, 0)}))", "frozenset({(0, 0)})"),
            ("remove((0, 0), frozenset({(0, 0)}))", "frozenset()"),
            ("remove(1, 5)", "TypeError"),
        ] as [(String, String)])
    func removeDropsEveryEqualElement(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("other((1, 2), 1)", "2"),
            ("other(frozenset({(0, 0), (1, 1)}), (0, 0))", "(1, 1)"),
            ("other((3, 3, 4), 3)", "4"),
            ("other((1, 1), 1)", "StopIteration"),
            ("other(frozenset(), 1)", "StopIteration"),
            ("other(5, 1)", "TypeError"),
        ] as [(String, String)])
    func otherIsTheFirstRemainingElement(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("product((1, 2), (3, 4))", "frozenset({(2, 3), (2, 4), (1, 3), (1, 4)})"),
            ("product(frozenset({0, 1}), frozenset({5}))", "frozenset({(0, 5), (1, 5)})"),
            ("product((1, 2), ((3, 4),))", "frozenset({(1, (3, 4)), (2, (3, 4))})"),
            ("product(5, ())", "frozenset()"),
            ("product((), (1, 2))", "frozenset()"),
            ("product((1, 1), (2,))", "frozenset({(1, 2)})"),
            ("product((), 5)", "TypeError"),
            ("product(5, (1,))", "TypeError"),
        ] as [(String, String)])
    func productPairsEveryElement(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("pair((1, 2, 3), (4, 5))", "((1, 4), (2, 5))"),
            ("pair((), (1,))", "()"),
            ("pair(((1, 2),), (3,))", "(((1, 2), 3),)"),
            ("pair(frozenset({2, 1}), (7, 8))", "((1, 7), (2, 8))"),
            ("pair((1, 2), ((3, 4), (5, 6)))", "((1, (3, 4)), (2, (5, 6)))"),
            ("pair(1, (2,))", "TypeError"),
            ("pair((2,), 1)", "TypeError"),
        ] as [(String, String)])
    func pairZipsToTheShorter(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            (
                "sizefilter(frozenset({frozenset({(0, 0)}), frozenset({(1, 1), (2, 2)})}), 2)",
                "frozenset({frozenset({(1, 1), (2, 2)})})"
            ),
            ("sizefilter(((1, 2), (3,), (4, 5)), 2)", "frozenset({(4, 5), (1, 2)})"),
            ("sizefilter(frozenset({(0, 0), (1, 1)}), 2)", "frozenset({(1, 1), (0, 0)})"),
            ("sizefilter(frozenset({(0, 0)}), 3)", "frozenset()"),
            ("sizefilter(frozenset({(1, 2), (3, 4, 5)}), 2)", "frozenset({(1, 2)})"),
            ("sizefilter((), 2)", "frozenset()"),
            ("sizefilter(((1,), (2,)), (1,))", "frozenset()"),
            ("sizefilter(((1,), (2, 3)), True)", "frozenset({(1,)})"),
            ("sizefilter((1, 2), 1)", "TypeError"),
            ("sizefilter(5, 1)", "TypeError"),
        ] as [(String, String)])
    func sizefilterKeepsItemsOfThatLength(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }
}
