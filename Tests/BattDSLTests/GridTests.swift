import Testing

@testable import BattDSL

/// One call of a grid or transform primitive, with arguments and result written as Python literals.
/// `expected` is either a literal or the name of the exception Python raises for the call.
struct GridFamilyCase: Sendable, CustomTestStringConvertible {
    let primitive: String
    let arguments: [String]
    let expected: String

    init(_ primitive: String, _ arguments: [String], _ expected: String) {
        (self.primitive, self.arguments, self.expected) = (primitive, arguments, expected)
    }

    var testDescription: String { "\(primitive)(\(arguments.joined(separator: ", "))) -> \(expected)" }

    func check() throws {
        let primitive = try #require(Primitives.named(self.primitive))
        let values = try arguments.map { try Value(literal: $0) }
        let context = EvaluationContext(timeLimit: nil)
        guard expected.hasSuffix("Error") else {
            #expect(try primitive.apply(values, context) == Value(literal: expected))
            return
        }
        do {
            let result = try primitive.apply(values, context)
            Issue.record("expected \(expected), got \(result)")
        } catch let error as DSLError {
            #expect(error.pythonExceptionName == expected, "\(error)")
        }
    }
}

// Expected values were produced by arc-dsl's dsl.py, run on each case.

/// crop, subgrid, trim, the halves, the concatenations, the splits and compress.
@Suite struct GridSlicingPrimitives {
    @Test(arguments: [
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 1)", "(2, 2)"], "((2, 3), (5, 6))"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(1, 1)", "(5, 5)"], "((5, 6), (8, 9))"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6))", "(0, 0)", "(2, 3)"], "((1, 2, 3), (4, 5, 6))"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(-2, -2)", "(1, 1)"], "((5,),)"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(-1, 0)", "(2, 3)"], "()"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(1, 0)", "(0, 3)"], "()"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 1)", "(2, 0)"], "((), ())"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 0)", "(-1, 2)"], "((1, 2), (4, 5))"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(3, 0)", "(1, 1)"], "()"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(1, 1, 9)", "(1, 1, 9)"], "((5,),)"),
        GridFamilyCase(
            "crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 0)", "(9223372036854775807, 9223372036854775807)"],
            "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase(
            "crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(9223372036854775807, 0)", "(9223372036854775807, 1)"], "()"),
        GridFamilyCase("crop", ["((), ())", "(0, 0)", "(1, 1)"], "((),)"),
        GridFamilyCase("crop", ["((1, 2, 3), (4,))", "(0, 1)", "(2, 2)"], "((2, 3), ())"),
        GridFamilyCase("crop", ["((100, 200), (300, 400))", "(0, 0)", "(1, 2)"], "((100, 200),)"),
        GridFamilyCase("crop", ["((1, 2), (3, 4), (5, 6))", "(1, 0)", "(2, 1)"], "((3,), (5,))"),
        GridFamilyCase("crop", ["(1, 2, 3)", "(1, 0)", "(0, 1)"], "()"),
    ])
    func cropSlicesRowsThenColumnsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0,)", "(0,)"], "()"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0,)", "(1,)"], "IndexError"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "5", "(1, 1)"], "TypeError"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "None", "(1, 1)"], "TypeError"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "((0, 1), 0)", "(1, 1)"], "TypeError"),
        GridFamilyCase("crop", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 0)", "(None, 1)"], "TypeError"),
        GridFamilyCase("crop", ["frozenset({(0, 0)})", "(0, 0)", "(1, 1)"], "TypeError"),
        GridFamilyCase("crop", ["7", "(0, 0)", "(1, 1)"], "TypeError"),
        GridFamilyCase("crop", ["(1, 2, 3)", "(0, 0)", "(1, 1)"], "TypeError"),
    ])
    func cropFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "subgrid", ["frozenset({(0, 1), (1, 2)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((2, 3), (5, 6))"),
        GridFamilyCase(
            "subgrid", ["frozenset({(1, (2, 0)), (2, (1, 1))})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"],
            "((4, 5), (7, 8))"),
        GridFamilyCase("subgrid", ["frozenset({(1, 1)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((5,),)"),
        GridFamilyCase("subgrid", ["frozenset({(2, 2), (4, 4)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((9,),)"),
        GridFamilyCase("subgrid", ["frozenset({(-1, 0), (0, 1)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "()"),
        GridFamilyCase(
            "subgrid", ["frozenset({(-3, -3), (1, 1)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1, 2), (4, 5))"),
        GridFamilyCase("subgrid", ["frozenset({(5, 5)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "()"),
        GridFamilyCase("subgrid", ["frozenset({(0, 0), (1, 1)})", "((1, 2, 3), (4,))"], "((1, 2), (4,))"),
        GridFamilyCase("subgrid", ["frozenset({(0, 0), (0, 1)})", "((100, 200), (300, 400))"], "((100, 200),)"),
    ])
    func subgridCropsToThePatchBoundingBox(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("subgrid", ["((0, 0), (1, 1))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1, 2), (4, 5))"),
        GridFamilyCase(
            "subgrid", ["((0, 0), (0, 1), (0, 2))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1, 2), (4, 5), (7, 8))"),
        GridFamilyCase("subgrid", ["((1, 1),)", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((5, 6),)"),
        GridFamilyCase("subgrid", ["((0, 1, 1), (1, 1, 0))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((2, 3), (5, 6))"),
        GridFamilyCase(
            "subgrid", ["((5, (1, 1)), (6, (2, 2)))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((5, 6), (8, 9))"),
        GridFamilyCase("subgrid", ["frozenset({((0, 0), (1, 1))})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((5,),)"),
    ])
    func subgridReadsTuplesAsDslPyShapesThem(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("subgrid", ["frozenset()", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "IndexError"),
        GridFamilyCase("subgrid", ["()", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "IndexError"),
        GridFamilyCase("subgrid", ["5", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "TypeError"),
        GridFamilyCase("subgrid", ["frozenset({(1, 2, 3)})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "ValueError"),
        GridFamilyCase("subgrid", ["frozenset({1, 2})", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "TypeError"),
        GridFamilyCase("subgrid", ["frozenset({(0, 0)})", "frozenset({(0, 0)})"], "TypeError"),
    ])
    func subgridFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("trim", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((5,),)"),
        GridFamilyCase("trim", ["((1, 2, 3, 4), (5, 6, 7, 8), (9, 1, 2, 3), (4, 5, 6, 7))"], "((6, 7), (1, 2))"),
        GridFamilyCase("trim", ["((1, 2), (3, 4))"], "()"),
        GridFamilyCase("trim", ["((1, 2), (3, 4), (5, 6))"], "((),)"),
        GridFamilyCase("trim", ["((1,),)"], "()"),
        GridFamilyCase("trim", ["((), (), ())"], "((),)"),
        GridFamilyCase("trim", ["((1, 2, 3), (4,), (5, 6, 7, 8))"], "((),)"),
        GridFamilyCase("trim", ["(1, 2, 3)"], "TypeError"),
        GridFamilyCase("trim", ["(1, 2)"], "()"),
        GridFamilyCase("trim", ["frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("trim", ["7"], "TypeError"),
    ])
    func trimDropsTheBorder(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("tophalf", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1, 2, 3),)"),
        GridFamilyCase("tophalf", ["((1, 2), (3, 4), (5, 6), (7, 8))"], "((1, 2), (3, 4))"),
        GridFamilyCase("tophalf", ["((1, 2),)"], "()"),
        GridFamilyCase("tophalf", ["((), ())"], "((),)"),
        GridFamilyCase("tophalf", ["(1, 2, 3)"], "(1,)"),
        GridFamilyCase("tophalf", ["(frozenset({(0, 0)}), frozenset({(1, 1)}))"], "(frozenset({(0, 0)}),)"),
        GridFamilyCase("bottomhalf", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((7, 8, 9),)"),
        GridFamilyCase("bottomhalf", ["((1, 2), (3, 4), (5, 6), (7, 8))"], "((5, 6), (7, 8))"),
        GridFamilyCase("bottomhalf", ["((1, 2),)"], "()"),
        GridFamilyCase("bottomhalf", ["(1, 2, 3)"], "(3,)"),
        GridFamilyCase("lefthalf", ["((1, 2, 3, 4), (5, 6, 7, 8))"], "((1, 2), (5, 6))"),
        GridFamilyCase("lefthalf", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1,), (4,), (7,))"),
        GridFamilyCase("lefthalf", ["((1,), (2,))"], "()"),
        GridFamilyCase("lefthalf", ["((), ())"], "()"),
        GridFamilyCase("lefthalf", ["((1, 2, 3), (4,))"], "()"),
        GridFamilyCase("lefthalf", ["((100, 200), (300, 400))"], "((100,), (300,))"),
        GridFamilyCase("righthalf", ["((1, 2, 3, 4), (5, 6, 7, 8))"], "((3, 4), (7, 8))"),
        GridFamilyCase("righthalf", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((3,), (6,), (9,))"),
        GridFamilyCase("righthalf", ["((1,), (2,))"], "()"),
        GridFamilyCase("righthalf", ["((), ())"], "()"),
        GridFamilyCase("righthalf", ["((1, 2, 3), (4, 5))"], "((2,), (5,))"),
    ])
    func halvesDropTheMiddleOfAnOddSize(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("tophalf", ["frozenset({(0, 0), (1, 1)})"], "TypeError"),
        GridFamilyCase("tophalf", ["3"], "TypeError"),
        GridFamilyCase("bottomhalf", ["None"], "TypeError"),
        GridFamilyCase("lefthalf", ["(1, 2)"], "TypeError"),
        GridFamilyCase("lefthalf", ["frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("righthalf", ["5"], "TypeError"),
    ])
    func halvesFailAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("hconcat", ["((1, 2), (3, 4))", "((5,), (6,))"], "((1, 2, 5), (3, 4, 6))"),
        GridFamilyCase(
            "hconcat", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "((1, 2), (3, 4))"], "((1, 2, 3, 1, 2), (4, 5, 6, 3, 4))"),
        GridFamilyCase("hconcat", ["((1, 2), (3, 4))", "((), ())"], "((1, 2), (3, 4))"),
        GridFamilyCase("hconcat", ["((), ())", "((), ())"], "((), ())"),
        GridFamilyCase("hconcat", ["(1, 2)", "(3, 4)"], "(4, 6)"),
        GridFamilyCase("hconcat", ["()", "((1, 2), (3, 4))"], "()"),
        GridFamilyCase("hconcat", ["((1, 2, 3), (4,))", "((1, 2), (3, 4))"], "((1, 2, 3, 1, 2), (4, 3, 4))"),
        GridFamilyCase(
            "hconcat", ["((100, 200), (300, 400))", "((1, 2), (3, 4))"], "((100, 200, 1, 2), (300, 400, 3, 4))"),
        GridFamilyCase("hconcat", ["((1, 2), (3, 4))", "frozenset({(7, 8)})"], "((1, 2, 7, 8),)"),
        GridFamilyCase("hconcat", ["((1, 2), (3, 4))", "5"], "TypeError"),
        GridFamilyCase("hconcat", ["()", "5"], "TypeError"),
        GridFamilyCase("hconcat", ["((1, 2), (3, 4))", "((1, 2), 3)"], "TypeError"),
    ])
    func hconcatJoinsRowsPairwise(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("vconcat", ["((1, 2), (3, 4))", "((5, 6),)"], "((1, 2), (3, 4), (5, 6))"),
        GridFamilyCase(
            "vconcat", ["((1, 2), (3, 4))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"],
            "((1, 2), (3, 4), (1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("vconcat", ["((), ())", "((),)"], "((), (), ())"),
        GridFamilyCase("vconcat", ["()", "((1, 2), (3, 4))"], "((1, 2), (3, 4))"),
        GridFamilyCase("vconcat", ["(1, 2)", "(3, 4)"], "(1, 2, 3, 4)"),
        GridFamilyCase("vconcat", ["2", "3"], "5"),
        GridFamilyCase("vconcat", ["((1, 2), (3, 4))", "frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("vconcat", ["((1, 2), (3, 4))", "5"], "TypeError"),
        GridFamilyCase(
            "vconcat", ["((100, 200), (300, 400))", "((1, 2), (3, 4))"], "((100, 200), (300, 400), (1, 2), (3, 4))"),
    ])
    func vconcatIsTupleConcatenation(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("hsplit", ["((1, 2, 3, 4), (5, 6, 7, 8))", "2"], "(((1, 2), (5, 6)), ((3, 4), (7, 8)))"),
        GridFamilyCase("hsplit", ["((1, 2, 3, 4, 5), (6, 7, 8, 9, 0))", "2"], "(((1, 2), (6, 7)), ((4, 5), (9, 0)))"),
        GridFamilyCase("hsplit", ["((1, 2, 3, 4, 5),)", "4"], "(((1,),), ((3,),), ((5,),), ((),))"),
        GridFamilyCase("hsplit", ["((1, 2),)", "3"], "(((),), ((),), ((),))"),
        GridFamilyCase("hsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "1"], "(((1, 2, 3), (4, 5, 6), (7, 8, 9)),)"),
        GridFamilyCase("hsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-1"], "()"),
        GridFamilyCase("hsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-3"], "()"),
        GridFamilyCase("hsplit", ["((), ())", "2"], "(((), ()), ((), ()))"),
        GridFamilyCase("hsplit", ["((100, 200), (300, 400))", "2"], "(((100,), (300,)), ((200,), (400,)))"),
        GridFamilyCase("hsplit", ["((1, 2, 3), (4,))", "2"], "(((1,), (4,)), ((3,), ()))"),
    ])
    func hsplitCutsColumnsSkippingASeparatorWhenUneven(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("vsplit", ["((1,), (2,), (3,), (4,))", "2"], "(((1,), (2,)), ((3,), (4,)))"),
        GridFamilyCase(
            "vsplit", ["((1, 1), (2, 2), (0, 0), (3, 3), (4, 4))", "2"], "(((1, 1), (2, 2)), ((3, 3), (4, 4)))"),
        GridFamilyCase("vsplit", ["((1,), (2,), (3,))", "5"], "((), (), (), (), ())"),
        GridFamilyCase(
            "vsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "3"], "(((1, 2, 3),), ((4, 5, 6),), ((7, 8, 9),))"),
        GridFamilyCase("vsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-2"], "()"),
        GridFamilyCase("vsplit", ["((), ())", "2"], "(((),), ((),))"),
        GridFamilyCase("vsplit", ["((100, 200), (300, 400))", "2"], "(((100, 200),), ((300, 400),))"),
        GridFamilyCase("vsplit", ["((1, 2), (3,))", "2"], "(((1, 2),), ((3,),))"),
    ])
    func vsplitCutsRowsSkippingASeparatorWhenUneven(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("hsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0"], "ZeroDivisionError"),
        GridFamilyCase("vsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0"], "ZeroDivisionError"),
        GridFamilyCase("hsplit", ["()", "0"], "IndexError"),
        GridFamilyCase("vsplit", ["()", "0"], "ZeroDivisionError"),
        GridFamilyCase("vsplit", ["()", "2"], "IndexError"),
        GridFamilyCase("hsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(1, 2)"], "TypeError"),
        GridFamilyCase("vsplit", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "None"], "TypeError"),
        GridFamilyCase("hsplit", ["frozenset({(0, 0)})", "2"], "TypeError"),
        GridFamilyCase("vsplit", ["5", "2"], "TypeError"),
    ])
    func splitsFailAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("compress", ["((0, 0, 0, 0), (0, 1, 0, 2), (0, 0, 0, 0), (0, 3, 0, 4))"], "((1, 2), (3, 4))"),
        GridFamilyCase("compress", ["((1, 2), (1, 3))"], "((2,), (3,))"),
        GridFamilyCase("compress", ["((5, 5), (5, 5))"], "()"),
        GridFamilyCase("compress", ["((1, 2, 1),)"], "((),)"),
        GridFamilyCase("compress", ["((1,), (2,))"], "()"),
        GridFamilyCase("compress", ["((), ())"], "((), ())"),
        GridFamilyCase("compress", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("compress", ["((1, 1, 2), (3, 4))"], "((1, 1, 2), (3, 4))"),
        GridFamilyCase("compress", ["((300, 300), (1, 2))"], "((1, 2),)"),
        GridFamilyCase("compress", ["()"], "()"),
        GridFamilyCase("compress", ["frozenset({(1, (0, 0)), (2, (1, 1))})"], "((1, (0, 0)), (2, (1, 1)))"),
        GridFamilyCase("compress", ["(1, 2)"], "TypeError"),
        GridFamilyCase("compress", ["5"], "TypeError"),
    ])
    func compressRemovesUniformRowsAndColumns(_ example: GridFamilyCase) throws {
        try example.check()
    }
}

/// fill, paint, underfill, underpaint, cover and move.
@Suite struct GridPaintingPrimitives {
    @Test(arguments: [
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "frozenset({(0, 0), (2, 1)})"],
            "((0, 2, 3), (4, 5, 6), (7, 0, 9))"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "frozenset({(3, (1, 1)), (4, (0, 2))})"],
            "((1, 2, 0), (4, 0, 6), (7, 8, 9))"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "frozenset({(-1, 0), (0, 3), (3, 0), (1, 1)})"],
            "((1, 2, 3), (4, 0, 6), (7, 8, 9))"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "frozenset()"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "()"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-1", "frozenset({(1, 1)})"],
            "((1, 2, 3), (4, -1, 6), (7, 8, 9))"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "True", "frozenset({(1, 1)})"],
            "((1, 2, 3), (4, True, 6), (7, 8, 9))"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "((0, 0), (1, 1))"], "((0, 2, 3), (4, 0, 6), (7, 8, 9))"),
        GridFamilyCase("fill", ["((), ())", "5", "frozenset({(0, 0)})"], "((), ())"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "frozenset({((0, 0), (1, 1))})"],
            "((1, 2, 3), (4, 0, 6), (7, 8, 9))"),
        GridFamilyCase("fill", ["((1, 2, 3), (4, 5, 6))", "0", "((0, 0), (5, (1, 1)))"], "((0, 2, 3), (4, 5, 6))"),
    ])
    func fillWritesTheValueAtPatchLocationsInsideTheGrid(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("fill", ["((1, 2), (3, 4))", "200", "frozenset({(0, 0)})"], "((200, 2), (3, 4))"),
        GridFamilyCase("fill", ["((1, 2), (3, 4))", "(7, 7)", "frozenset({(0, 1)})"], "((1, (7, 7)), (3, 4))"),
        GridFamilyCase("fill", ["((1, 2), (3, 4))", "None", "frozenset({(1, 0)})"], "((1, 2), (None, 4))"),
        GridFamilyCase("fill", ["((1, 2), (3, 4))", "200", "frozenset({(5, 5)})"], "((1, 2), (3, 4))"),
        GridFamilyCase(
            "fill", ["((100, 200), (300, 400))", "1", "frozenset({(0, 0), (0, 1), (1, 0), (1, 1)})"], "((1, 1), (1, 1))"
        ),
        GridFamilyCase("fill", ["((1, 2), (3,))", "0", "frozenset({(1, 0)})"], "((1, 2), (0,))"),
    ])
    func fillKeepsValuesThatAreNoColours(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("fill", ["()", "0", "frozenset({(0, 0)})"], "IndexError"),
        GridFamilyCase("fill", ["frozenset({(0, 0)})", "0", "frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("fill", ["(1, 2)", "0", "frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("fill", ["((1, 2, 3), (4,))", "0", "frozenset({(1, 2)})"], "IndexError"),
        GridFamilyCase("fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "5"], "TypeError"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "ValueError"),
        GridFamilyCase("fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "((1, (0, 0)), (0, 0))"], "TypeError"),
        GridFamilyCase("fill", ["((1, 2, 3), (4, 5, 6))", "0", "((1, (0, 0)), (5, 5))"], "TypeError"),
        GridFamilyCase(
            "fill", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0", "frozenset({(0, (1, 1))})"],
            "((1, 2, 3), (4, 0, 6), (7, 8, 9))"),
    ])
    func fillFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({(0, (0, 0)), (0, (2, 2))})"],
            "((0, 2, 3), (4, 5, 6), (7, 8, 0))"),
        GridFamilyCase(
            "paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({(0, (-1, 0)), (0, (1, 3)), (5, (1, 1))})"],
            "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase(
            "paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset()"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "()"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase(
            "paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "((0, (0, 0)), (9, (0, 0)))"],
            "((9, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("paint", ["((1, 2), (3, 4))", "frozenset({(300, (0, 0))})"], "((300, 2), (3, 4))"),
        GridFamilyCase("paint", ["((1, 2), (3, 4))", "frozenset({((1, 1), (0, 0))})"], "(((1, 1), 2), (3, 4))"),
        GridFamilyCase("paint", ["((), ())", "frozenset({(5, (0, 0))})"], "((), ())"),
        GridFamilyCase(
            "paint", ["((100, 200), (300, 400))", "frozenset({(1, (0, 0)), (2, (0, 1)), (3, (1, 0)), (4, (1, 1))})"],
            "((1, 2), (3, 4))"),
    ])
    func paintWritesObjectCellsInsideTheGrid(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("paint", ["()", "frozenset({(1, (0, 0))})"], "IndexError"),
        GridFamilyCase("paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "5"], "TypeError"),
        GridFamilyCase("paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({(1, (0, 0, 0))})"], "ValueError"),
        GridFamilyCase("paint", ["((1, 2, 3), (4,))", "frozenset({(0, (1, 2))})"], "IndexError"),
        GridFamilyCase("paint", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({(1, ((0, 0), 0))})"], "TypeError"),
    ])
    func paintFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "underfill", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "3", "frozenset({(0, 0), (1, 1), (2, 2)})"],
            "((3, 0, 0), (0, 5, 0), (0, 0, 3))"),
        GridFamilyCase(
            "underfill", ["((1, 2), (2, 1))", "7", "frozenset({(0, 0), (0, 1), (1, 0), (1, 1)})"], "((7, 2), (2, 7))"),
        GridFamilyCase(
            "underfill", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "3", "frozenset({(5, (1, 1)), (6, (0, 1))})"],
            "((0, 3, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "underfill", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "3", "frozenset({(-1, 0), (9, 9)})"],
            "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "underfill", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "200", "frozenset({(0, 0)})"],
            "((200, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "underfill", ["((300, 300), (1, 300))", "5", "frozenset({(0, 0), (1, 0)})"], "((5, 300), (1, 300))"),
        GridFamilyCase(
            "underfill", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "3", "frozenset()"], "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
    ])
    func underfillOnlyReplacesTheMostCommonColour(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "underpaint", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(3, (0, 0)), (4, (1, 1)), (4, (2, 2))})"],
            "((3, 0, 0), (0, 5, 0), (0, 0, 4))"),
        GridFamilyCase(
            "underpaint", ["((1, 2), (2, 1))", "frozenset({(7, (0, 0)), (7, (0, 1))})"], "((7, 2), (2, 1))"),
        GridFamilyCase(
            "underpaint", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(3, (-1, 0)), (3, (5, 5))})"],
            "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "underpaint", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset()"], "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "underpaint", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(200, (0, 0))})"],
            "((200, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "underpaint", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "((1, (0, 0)), (2, (0, 0)))"],
            "((1, 0, 0), (0, 5, 0), (0, 0, 0))"),
    ])
    func underpaintOnlyPaintsOverTheMostCommonColour(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("underfill", ["((), ())", "1", "frozenset({(0, 0)})"], "ValueError"),
        GridFamilyCase("underfill", ["()", "1", "frozenset({(0, 0)})"], "IndexError"),
        GridFamilyCase("underfill", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "1", "5"], "TypeError"),
        GridFamilyCase("underpaint", ["((), ())", "frozenset({(1, (0, 0))})"], "ValueError"),
        GridFamilyCase("underpaint", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(1, 1)})"], "TypeError"),
        GridFamilyCase("underpaint", ["frozenset({(1, (0, 0))})", "frozenset({(1, (0, 0))})"], "TypeError"),
    ])
    func underFillAndPaintFailAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "cover", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(5, (1, 1))})"],
            "((0, 0, 0), (0, 0, 0), (0, 0, 0))"),
        GridFamilyCase(
            "cover", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({(0, 0), (1, 1)})"],
            "((1, 2, 3), (4, 1, 6), (7, 8, 9))"),
        GridFamilyCase("cover", ["((1, 1, 2), (2, 3, 3))", "frozenset({(0, 2), (1, 1)})"], "((1, 1, 1), (2, 1, 3))"),
        GridFamilyCase(
            "cover", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset()"], "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "cover", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "((5, (1, 1)),)"], "((0, 0, 0), (0, 0, 0), (0, 0, 0))"),
        GridFamilyCase(
            "cover", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(7, 7)})"], "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase("cover", ["((300, 300), (1, 300))", "frozenset({(1, 0)})"], "((300, 300), (300, 300))"),
    ])
    func coverPaintsThePatchInTheMostCommonColour(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("cover", ["((), ())", "frozenset({(0, 0)})"], "ValueError"),
        GridFamilyCase("cover", ["()", "frozenset()"], "ValueError"),
        GridFamilyCase("cover", ["frozenset({(1, (0, 0))})", "frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("cover", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "5"], "TypeError"),
    ])
    func coverFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(5, (1, 1))})", "(1, 1)"],
            "((0, 0, 0), (0, 0, 0), (0, 0, 5))"),
        GridFamilyCase(
            "move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(5, (1, 1))})", "(0, 5)"],
            "((0, 0, 0), (0, 0, 0), (0, 0, 0))"),
        GridFamilyCase(
            "move", ["((0, 1, 2, 0),)", "frozenset({(1, (0, 1)), (2, (0, 2))})", "(0, 1)"], "((0, 0, 1, 2),)"),
        GridFamilyCase(
            "move", ["((0, 1, 2, 0),)", "frozenset({(1, (0, 1)), (2, (0, 2))})", "(0, -1)"], "((1, 2, 0, 0),)"),
        GridFamilyCase(
            "move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset()", "5"], "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(5, (1, 1))})", "(0, 0)"],
            "((0, 0, 0), (0, 5, 0), (0, 0, 0))"),
        GridFamilyCase(
            "move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "((5, (1, 1)),)", "(1, 0)"],
            "((0, 0, 0), (0, 0, 0), (0, 5, 0))"),
        GridFamilyCase("move", ["((300, 0), (0, 0))", "frozenset({(300, (0, 0))})", "(1, 1)"], "((0, 0), (0, 300))"),
    ])
    func moveCoversThenPaintsTheShiftedObject(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(1, 1)})", "(0, 1)"], "TypeError"),
        GridFamilyCase("move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(5, (1, 1))})", "5"], "TypeError"),
        GridFamilyCase(
            "move", ["((0, 0, 0), (0, 5, 0), (0, 0, 0))", "frozenset({(5, (1, 1))})", "(1, 2, 3)"], "ValueError"),
        GridFamilyCase("move", ["((), ())", "frozenset({(5, (0, 0))})", "(0, 1)"], "ValueError"),
        GridFamilyCase("move", ["((), ())", "frozenset()", "(0, 1)"], "ValueError"),
    ])
    func moveFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }
}

/// index, canvas, cellwise, replace and switch.
@Suite struct GridCellPrimitives {
    @Test(arguments: [
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 0)"], "1"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(2, 1)"], "8"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6))", "(1, 2)"], "6"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(-1, 0)"], "None"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(0, 3)"], "None"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(3, 0)"], "None"),
        GridFamilyCase("index", ["((), ())", "(0, 0)"], "None"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(5, (1, 2))"], "None"),
        GridFamilyCase("index", ["((100, 200), (300, 400))", "(1, 1)"], "400"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({5, 6})"], "None"),
        GridFamilyCase("index", ["((1, 2), frozenset({(0, 0)}))", "(1, 3)"], "None"),
    ])
    func indexReadsACellOrNone(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(1, (1, 2))"], "TypeError"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "(1, 2, 3)"], "ValueError"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "5"], "TypeError"),
        GridFamilyCase("index", ["()", "(0, 0)"], "IndexError"),
        GridFamilyCase("index", ["((1, 2, 3), (4,))", "(1, 1)"], "IndexError"),
        GridFamilyCase("index", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "frozenset({0, 1})"], "TypeError"),
        GridFamilyCase("index", ["frozenset({(0, 0)})", "(0, 0)"], "TypeError"),
    ])
    func indexFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("canvas", ["3", "(2, 3)"], "((3, 3, 3), (3, 3, 3))"),
        GridFamilyCase("canvas", ["0", "(1, 1)"], "((0,),)"),
        GridFamilyCase("canvas", ["-4", "(2, 2)"], "((-4, -4), (-4, -4))"),
        GridFamilyCase("canvas", ["5", "(0, 3)"], "()"),
        GridFamilyCase("canvas", ["5", "(-2, 3)"], "()"),
        GridFamilyCase("canvas", ["5", "(2, 0)"], "((), ())"),
        GridFamilyCase("canvas", ["5", "(2, -1)"], "((), ())"),
        GridFamilyCase("canvas", ["5", "(0,)"], "()"),
        GridFamilyCase("canvas", ["200", "(1, 2)"], "((200, 200),)"),
        GridFamilyCase("canvas", ["(1, 2)", "(2, 1)"], "(((1, 2),), ((1, 2),))"),
        GridFamilyCase("canvas", ["None", "(1, 3)"], "((None, None, None),)"),
        GridFamilyCase("canvas", ["5", "(2, 2, 7)"], "((5, 5), (5, 5))"),
    ])
    func canvasRepeatsTheValue(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("canvas", ["5", "(2,)"], "IndexError"),
        GridFamilyCase("canvas", ["5", "3"], "TypeError"),
        GridFamilyCase("canvas", ["5", "((1,), 2)"], "TypeError"),
        GridFamilyCase("canvas", ["5", "(2, None)"], "TypeError"),
        GridFamilyCase("canvas", ["5", "frozenset({(1, 1)})"], "TypeError"),
    ])
    func canvasFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 0), (3, 0))", "9"], "((1, 9), (3, 9))"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 2), (3, 4))", "9"], "((1, 2), (3, 4))"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0"], "((1, 2), (0, 0))"),
        GridFamilyCase("cellwise", ["((1,),)", "((1, 2), (3, 4))", "0"], "((1,),)"),
        GridFamilyCase("cellwise", ["((), ())", "5", "3"], "((), ())"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 0), (3, 0))", "200"], "((1, 200), (3, 200))"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 0), (3, 0))", "(7, 7)"], "((1, (7, 7)), (3, (7, 7)))"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 2), (3, 4))", "(7, 7)"], "((1, 2), (3, 4))"),
        GridFamilyCase("cellwise", ["((100, 200), (300, 400))", "((100, 0), (0, 400))", "0"], "((100, 0), (0, 400))"),
        GridFamilyCase("cellwise", ["((1, 2), (3,))", "((1, 2), (3, 4))", "0"], "IndexError"),
    ])
    func cellwiseKeepsMatchingCellsAndFallsBackElsewhere(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("cellwise", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "((1, 2), (3, 4))", "0"], "IndexError"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1, 2),)", "0"], "IndexError"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "((1,), (3,))", "0"], "IndexError"),
        GridFamilyCase("cellwise", ["((1, 2), (3, 4))", "5", "0"], "TypeError"),
        GridFamilyCase("cellwise", ["()", "((1, 2), (3, 4))", "0"], "IndexError"),
        GridFamilyCase("cellwise", ["((1, 2, 3), (4,))", "((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0"], "IndexError"),
    ])
    func cellwiseFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("replace", ["((1, 2), (2, 1))", "2", "5"], "((1, 5), (5, 1))"),
        GridFamilyCase("replace", ["((1, 2), (3, 4))", "7", "5"], "((1, 2), (3, 4))"),
        GridFamilyCase("replace", ["((1, 2), (3, 4))", "(1, 2)", "5"], "((1, 2), (3, 4))"),
        GridFamilyCase("replace", ["((1, 2), (3, 4))", "1", "200"], "((200, 2), (3, 4))"),
        GridFamilyCase("replace", ["((1, 2), (3, 4))", "5", "200"], "((1, 2), (3, 4))"),
        GridFamilyCase("replace", ["((1, 2), (3, 4))", "1", "1"], "((1, 2), (3, 4))"),
        GridFamilyCase("replace", ["((1, 2), (3, 4))", "True", "0"], "((0, 2), (3, 4))"),
        GridFamilyCase("replace", ["((100, 200), (300, 400))", "300", "3"], "((100, 200), (3, 400))"),
        GridFamilyCase("replace", ["()", "1", "2"], "()"),
        GridFamilyCase("replace", ["frozenset({(1, (0, 0))})", "1", "5"], "((5, (0, 0)),)"),
        GridFamilyCase("replace", ["((1, 2), (3,))", "3", "0"], "((1, 2), (0,))"),
    ])
    func replaceSubstitutesOneValue(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "1", "2"], "((2, 1), (1, 3))"),
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "2", "1"], "((2, 1), (1, 3))"),
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "2", "2"], "((1, 2), (2, 3))"),
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "7", "3"], "((1, 2), (2, 7))"),
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "(1, 2)", "3"], "((1, 2), (2, (1, 2)))"),
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "1", "300"], "((300, 2), (2, 3))"),
        GridFamilyCase("switch", ["((1, 2), (2, 3))", "400", "300"], "((1, 2), (2, 3))"),
        GridFamilyCase("switch", ["((100, 200), (300, 400))", "100", "400"], "((400, 200), (300, 100))"),
        GridFamilyCase("switch", ["()", "1", "2"], "()"),
        GridFamilyCase("switch", ["frozenset({(1, 2)})", "1", "2"], "((2, 1),)"),
    ])
    func switchExchangesTwoValues(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("replace", ["5", "1", "2"], "TypeError"),
        GridFamilyCase("replace", ["(1, 2)", "1", "2"], "TypeError"),
        GridFamilyCase("switch", ["None", "1", "2"], "TypeError"),
        GridFamilyCase("switch", ["((1, 2), 3)", "1", "2"], "TypeError"),
    ])
    func recolouringFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }
}

@Suite struct GridFamilyContracts {
    @Test(arguments: [
        ("crop", ["grid", "start", "dims"]),
        ("subgrid", ["patch", "grid"]),
        ("fill", ["grid", "value", "patch"]),
        ("paint", ["grid", "obj"]),
        ("underfill", ["grid", "value", "patch"]),
        ("underpaint", ["grid", "obj"]),
        ("cover", ["grid", "patch"]),
        ("move", ["grid", "obj", "offset"]),
        ("index", ["grid", "loc"]),
        ("canvas", ["value", "dimensions"]),
        ("cellwise", ["a", "b", "fallback"]),
        ("replace", ["grid", "replacee", "replacer"]),
        ("switch", ["grid", "a", "b"]),
        ("trim", ["grid"]),
        ("tophalf", ["grid"]),
        ("bottomhalf", ["grid"]),
        ("lefthalf", ["grid"]),
        ("righthalf", ["grid"]),
        ("hconcat", ["a", "b"]),
        ("vconcat", ["a", "b"]),
        ("hsplit", ["grid", "n"]),
        ("vsplit", ["grid", "n"]),
        ("compress", ["grid"]),
        ("rot90", ["grid"]),
        ("rot180", ["grid"]),
        ("rot270", ["grid"]),
        ("hmirror", ["piece"]),
        ("vmirror", ["piece"]),
        ("dmirror", ["piece"]),
        ("cmirror", ["piece"]),
        ("hupscale", ["grid", "factor"]),
        ("vupscale", ["grid", "factor"]),
        ("upscale", ["element", "factor"]),
        ("downscale", ["grid", "factor"]),
    ])
    func primitivesTakeDslPyParameterNames(name: String, parameters: [String]) throws {
        let primitive = try #require(Primitives.named(name))
        #expect(primitive.parameterNames == parameters)
    }

    // Frozensets iterate in sorted order, so of two cells at one location the larger colour is
    // painted last, and under the background rule the smaller colour gets there first.
    @Test(arguments: [
        GridFamilyCase("paint", ["((0, 0),)", "frozenset({(2, (0, 0)), (1, (0, 0))})"], "((2, 0),)"),
        GridFamilyCase("underpaint", ["((0, 0),)", "frozenset({(2, (0, 0)), (1, (0, 0))})"], "((1, 0),)"),
        GridFamilyCase("move", ["((0, 0, 0),)", "frozenset({(2, (0, 0)), (1, (0, 0))})", "(0, 1)"], "((0, 2, 0),)"),
    ])
    func overlappingCellsFollowSortedSetOrder(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        ("canvas", ["0", "(100000, 100000)"]),
        ("canvas", ["0", "(4611686018427387904, 4)"]),
        ("canvas", ["0", "(9223372036854775807, 0)"]),
        ("hsplit", ["((1, 2), (3, 4))", "1000000000000"]),
        ("vsplit", ["((1, 2), (3, 4))", "1000000000000"]),
        ("hsplit", ["((1, 2), (3,))", "1000000000000"]),
    ])
    func hugeSizesExhaustTheBudgetWithoutAllocating(name: String, arguments: [String]) throws {
        let primitive = try #require(Primitives.named(name))
        let context = EvaluationContext(timeLimit: nil, budget: 1_000_000)
        #expect(throws: DSLError.budgetExceeded) {
            try primitive.apply(arguments.map { try Value(literal: $0) }, context)
        }
    }

    @Test func gridResultsStayGrids() throws {
        let context = EvaluationContext(timeLimit: nil)
        let grid = try Value(literal: "((1, 2, 3), (4, 5, 6))")
        for name in ["trim", "tophalf", "lefthalf", "compress"] {
            let result = try #require(Primitives.named(name)).apply([grid], context)
            if case .otherTuple(let items) = result { #expect(items.isEmpty, "\(name) gave \(result)") }
        }
        let cropped = try #require(Primitives.named("crop")).apply([grid, .pair(0, 1), .pair(2, 2)], context)
        #expect(cropped == .grid(Grid(height: 2, width: 2, cells: [2, 3, 5, 6])))
    }
}
