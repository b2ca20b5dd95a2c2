import BigInt
import Testing

@testable import BattDSL

/// Ints are Python's: unbounded, with `.int` for those that fit in 64 bits and a big int only for
/// the others, so a value has one representation, one hash and one place in the sorted order.
@Suite struct UnboundedIntTests {
    /// The input grid of the programs below.
    static let grid = "((1, 2), (3, 4))"

    /// The programs of issue 13, which CPython runs to the end: each builds an int past 64 bits
    /// and branches on it, so the program returns its input (`I`) only if no error was raised.
    @Test(
        arguments: [
            "branch(power(double, 63)(1), I, power(double, 63))",
            "branch(add(9223372036854775807, 1), I, 0)",
            "branch(subtract(-9223372036854775808, 1), I, 0)",
            "branch(multiply(4611686018427387904, 4), I, 0)",
            "branch(invert(-9223372036854775808), I, 0)",
            "branch(divide(-9223372036854775808, -1), I, 0)",
            "branch(increment(9223372036854775807), I, 0)",
            "branch(crement(-9223372036854775808), I, 0)",
            "branch(shift(frozenset({(9223372036854775807, 0)}), (1, 0)), I, 0)",
        ])
    func programsBeyond64BitsRunToTheEnd(program: String) throws {
        let expression = program.replacingOccurrences(of: "I", with: Self.grid)
        try PythonCallExpression.check(expression, Self.grid)
    }

    @Test(
        arguments: [
            ("power(double, 63)(1)", "9223372036854775808"),
            ("power(double, 64)(-1)", "-18446744073709551616"),
            ("add(9223372036854775807, (1, 2))", "(9223372036854775808, 9223372036854775809)"),
            ("multiply(9223372036854775807, 9223372036854775807)", "85070591730234615847396907784232501249"),
            ("divide(85070591730234615847396907784232501249, 9223372036854775807)", "9223372036854775807"),
            ("divide(-85070591730234615847396907784232501250, 9223372036854775807)", "-9223372036854775808"),
            ("divide(9223372036854775808, 0)", "ZeroDivisionError"),
            ("halve(-18446744073709551617)", "-9223372036854775809"),
            ("even(18446744073709551616)", "True"),
            ("even(-18446744073709551615)", "False"),
            ("sign(-18446744073709551616)", "-1"),
            ("positive(18446744073709551616)", "True"),
            ("invert(9223372036854775808)", "-9223372036854775808"),
            ("decrement(-9223372036854775808)", "-9223372036854775809"),
            ("greater(9223372036854775808, 9223372036854775807)", "True"),
            ("greater(-9223372036854775809, -9223372036854775808)", "False"),
            ("toivec(9223372036854775808)", "(9223372036854775808, 0)"),
            ("maximum(frozenset({1, 9223372036854775808, -9223372036854775809}))", "9223372036854775808"),
            ("minimum(frozenset({1, 9223372036854775808, -9223372036854775809}))", "-9223372036854775809"),
            ("intersection(18446744073709551615, -9223372036854775809)", "9223372036854775807"),
            ("combine((9223372036854775808,), (1,))", "(9223372036854775808, 1)"),
            ("repeat(1, 9223372036854775808)", "budget exceeded"),
            ("repeat(1, -9223372036854775809)", "()"),
            ("multiply((1, 2, 3), -9223372036854775808)", "(-9223372036854775808, -18446744073709551616)"),
            // A tuple times an int is repetition, which needs an index-sized count.
            ("multiply(((1, 2), (3, 4)), 9223372036854775808)", "OverflowError"),
            ("multiply(((1, 2), (3, 4)), -9223372036854775808)", "((), ())"),
            // Slices clamp their bounds, however large.
            ("crop(((1, 2), (3, 4)), (0, 0), (9223372036854775808, 1))", "((1,), (3,))"),
            ("crop(((1, 2), (3, 4)), (9223372036854775808, 0), (1, 1))", "()"),
            ("crop(((1, 2), (3, 4)), (-9223372036854775809, 0), (9223372036854775810, 1))", "((1,),)"),
            // Found by the differential test: abs() of a distance past 64 bits.
            ("adjacent(frozenset({(6, (7, 4))}), ((2, -1), (-9223372036854775808, -1)))", "False"),
            ("manhattan(((2, -1), (-9223372036854775808, -1)), frozenset({(1, (7, 4))}))", "10"),
            // A location past 64 bits is outside the grid.
            ("index(((1, 2),), (9223372036854775808, 0))", "None"),
            ("interval(0, 9223372036854775808, 1)", "OverflowError"),
            // Declared in the README: CPython builds this short range of big ints.
            ("interval(9223372036854775808, 9223372036854775810, 1)", "OverflowError"),
        ] as [(String, String)])
    func bigIntsFollowPythonsOperators(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    /// A big result that comes back into 64 bits is the small int itself: equal, with one hash.
    @Test func aBigIntBackInRangeIsTheSmallInt() throws {
        let back = try PythonCallExpression.evaluate("decrement(add(9223372036854775807, 1))")
        #expect(back == .int(Int.max))
        #expect(!back.isLargeInt)
        #expect(back.hashValue == Value.int(Int.max).hashValue)
        let big = try PythonCallExpression.evaluate("add(9223372036854775807, 1)")
        #expect(try big == Value(literal: "9223372036854775808"))
        #expect(try big.hashValue == Value(literal: "9223372036854775808").hashValue)
        #expect(Value.integer(BigInt(5)) == .int(5))
    }

    /// Sets order big ints numerically among the small ones, and keep one of equal values.
    @Test func setsOrderBigIntsAmongSmallOnes() throws {
        let set = try PythonCallExpression.evaluate(
            "insert(decrement(add(9223372036854775807, 1)), frozenset({18446744073709551616, -9223372036854775809, 0, 9223372036854775807}))"
        )
        #expect(
            set.description
                == "frozenset({-9223372036854775809, 0, 9223372036854775807, 18446744073709551616})")
        #expect(
            try PythonCallExpression.evaluate("size(frozenset({9223372036854775808, (1, 9223372036854775808)}))")
                == .int(2))
        #expect(
            try PythonCallExpression.evaluate("first(frozenset({(9223372036854775808, 0), (1, 0)}))") == .pair(1, 0))
    }

    /// Growth is bounded: squaring 2 twenty times gives 2^(2^20), over a million bits, past the
    /// limit of 524,288 bits: the size budget running out, found before multiplying, not a hang.
    @Test(
        arguments: [
            "power(fork(multiply, identity, identity), 20)(2)",
            "power(fork(multiply, identity, identity), 60)(3)",
        ])
    func hugeIntsRunOutOfTheBudget(expression: String) throws {
        try PythonCallExpression.check(expression, "budget exceeded")
    }

    /// Doubling a million times charges every intermediate int's words: a limit, whichever comes first.
    @Test func aMillionDoublingsStopAtALimit() throws {
        let context = EvaluationContext(timeLimit: 2, budget: 16_000_000)
        do {
            let value = try PythonCallExpression.evaluate("power(power(power(double, 100), 100), 100)(1)", context)
            Issue.record("expected a limit, got an int of \(value.bigIntValue?.bitWidth ?? 0) bits")
        } catch let error as DSLError {
            #expect(error.isLimit, "\(error)")
        }
    }

    @Test func intsUpToTheBitLimitAreExact() throws {
        // 2^(2^18) has 262,145 bits: within the limit of 524,288.
        let value = try PythonCallExpression.evaluate("power(fork(multiply, identity, identity), 18)(2)")
        #expect(value.bigIntValue == BigInt(1) << (1 << 18))
        #expect(try PythonCallExpression.evaluate("even(power(fork(multiply, identity, identity), 18)(2))") == .true)
    }

    @Test func hugeIntsPrintTheirSizeNotTheirDigits() throws {
        let value = try PythonCallExpression.evaluate("power(fork(multiply, identity, identity), 18)(2)")
        #expect(value.description == "<int of 262145 bits>")
        #expect(Value.integer(BigInt(1) << 100).description == "1267650600228229401496703205376")
    }
}
