import Testing

@testable import BattDSL

// Expected values were produced by arc-dsl's dsl.py, run on each case.

/// rot90, rot180 and rot270.
@Suite struct GridRotationPrimitives {
    @Test(arguments: [
        GridFamilyCase("rot90", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((7, 4, 1), (8, 5, 2), (9, 6, 3))"),
        GridFamilyCase("rot90", ["((1, 2, 3), (4, 5, 6))"], "((4, 1), (5, 2), (6, 3))"),
        GridFamilyCase("rot90", ["((1,),)"], "((1,),)"),
        GridFamilyCase("rot90", ["((1, 2, 3),)"], "((1,), (2,), (3,))"),
        GridFamilyCase("rot90", ["((), ())"], "()"),
        GridFamilyCase("rot90", ["()"], "()"),
        GridFamilyCase("rot90", ["((100, 200), (300, 400))"], "((300, 100), (400, 200))"),
        GridFamilyCase("rot90", ["((1, 2, 3), (4, 5))"], "((4, 1), (5, 2))"),
        GridFamilyCase("rot90", ["((1, 2), frozenset({3, 4}))"], "((3, 1), (4, 2))"),
    ])
    func rot90TurnsClockwise(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("rot180", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((9, 8, 7), (6, 5, 4), (3, 2, 1))"),
        GridFamilyCase("rot180", ["((1, 2, 3), (4, 5, 6))"], "((6, 5, 4), (3, 2, 1))"),
        GridFamilyCase("rot180", ["((1,),)"], "((1,),)"),
        GridFamilyCase("rot180", ["((), ())"], "((), ())"),
        GridFamilyCase("rot180", ["()"], "()"),
        GridFamilyCase("rot180", ["((100, 200), (300, 400))"], "((400, 300), (200, 100))"),
        GridFamilyCase("rot180", ["((1, 2, 3), (4, 5))"], "((5, 4), (3, 2, 1))"),
    ])
    func rot180TurnsHalfway(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("rot270", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((3, 6, 9), (2, 5, 8), (1, 4, 7))"),
        GridFamilyCase("rot270", ["((1, 2, 3), (4, 5, 6))"], "((3, 6), (2, 5), (1, 4))"),
        GridFamilyCase("rot270", ["((1,),)"], "((1,),)"),
        GridFamilyCase("rot270", ["((1,), (2,), (3,))"], "((1, 2, 3),)"),
        GridFamilyCase("rot270", ["((), ())"], "()"),
        GridFamilyCase("rot270", ["()"], "()"),
        GridFamilyCase("rot270", ["((100, 200), (300, 400))"], "((200, 400), (100, 300))"),
        GridFamilyCase("rot270", ["((1, 2, 3), (4, 5))"], "((2, 5), (1, 4))"),
    ])
    func rot270TurnsAnticlockwise(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("rot90", ["(1, 2)"], "TypeError"),
        GridFamilyCase("rot90", ["frozenset({(0, 0)})"], "TypeError"),
        GridFamilyCase("rot90", ["5"], "TypeError"),
        GridFamilyCase("rot180", ["(1, 2)"], "TypeError"),
        GridFamilyCase("rot180", ["((1, 2), frozenset({3}))"], "TypeError"),
        GridFamilyCase("rot180", ["None"], "TypeError"),
        GridFamilyCase("rot270", ["(1, 2)"], "TypeError"),
        GridFamilyCase("rot270", ["frozenset({(0, 0)})"], "TypeError"),
    ])
    func rotationsFailAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }
}

/// hmirror, vmirror, dmirror and cmirror, on grids, other tuples and patches.
@Suite struct MirrorPrimitives {
    @Test(arguments: [
        GridFamilyCase("hmirror", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((7, 8, 9), (4, 5, 6), (1, 2, 3))"),
        GridFamilyCase("hmirror", ["((1, 2, 3), (4, 5, 6))"], "((4, 5, 6), (1, 2, 3))"),
        GridFamilyCase("hmirror", ["((), ())"], "((), ())"),
        GridFamilyCase("hmirror", ["()"], "()"),
        GridFamilyCase("hmirror", ["(1, 2, 3)"], "(3, 2, 1)"),
        GridFamilyCase("hmirror", ["((100, 200), (300, 400))"], "((300, 400), (100, 200))"),
        GridFamilyCase("hmirror", ["frozenset({(1, 2), (1, 3), (3, 2)})"], "frozenset({(3, 2), (1, 2), (3, 3)})"),
        GridFamilyCase(
            "hmirror", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})"],
            "frozenset({(7, (2, 1)), (6, (4, 2)), (5, (4, 1))})"),
        GridFamilyCase("hmirror", ["frozenset({(-3, 4)})"], "frozenset({(-3, 4)})"),
        GridFamilyCase("hmirror", ["frozenset({(0, 0), (0, 5), (2, 1)})"], "frozenset({(0, 1), (2, 5), (2, 0)})"),
        GridFamilyCase(
            "hmirror", ["frozenset({((1, 2), (3, 4)), ((5, 6), (7, 8))})"],
            "frozenset({((5, 6), (3, 8)), ((1, 2), (7, 4))})"),
    ])
    func hmirrorFlipsRowsOfGridsAndPatches(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("vmirror", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((3, 2, 1), (6, 5, 4), (9, 8, 7))"),
        GridFamilyCase("vmirror", ["((1, 2, 3), (4, 5, 6))"], "((3, 2, 1), (6, 5, 4))"),
        GridFamilyCase("vmirror", ["((), ())"], "((), ())"),
        GridFamilyCase("vmirror", ["()"], "()"),
        GridFamilyCase("vmirror", ["((1, 2, 3), (4, 5))"], "((3, 2, 1), (5, 4))"),
        GridFamilyCase("vmirror", ["((100, 200), (300, 400))"], "((200, 100), (400, 300))"),
        GridFamilyCase("vmirror", ["((1, 2), frozenset())"], "TypeError"),
        GridFamilyCase("vmirror", ["frozenset({(1, 2), (1, 3), (3, 2)})"], "frozenset({(1, 2), (3, 3), (1, 3)})"),
        GridFamilyCase(
            "vmirror", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})"],
            "frozenset({(5, (2, 2)), (6, (2, 1)), (7, (4, 2))})"),
        GridFamilyCase("vmirror", ["frozenset({(2, -7)})"], "frozenset({(2, -7)})"),
        GridFamilyCase(
            "vmirror", ["frozenset({((1, 2), (3, 4)), ((5, 6), (7, 8))})"],
            "frozenset({((5, 6), (7, 4)), ((1, 2), (3, 8))})"),
    ])
    func vmirrorFlipsColumnsOfGridsAndPatches(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("dmirror", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((1, 4, 7), (2, 5, 8), (3, 6, 9))"),
        GridFamilyCase("dmirror", ["((1, 2, 3), (4, 5, 6))"], "((1, 4), (2, 5), (3, 6))"),
        GridFamilyCase("dmirror", ["((), ())"], "()"),
        GridFamilyCase("dmirror", ["()"], "()"),
        GridFamilyCase("dmirror", ["((1, 2, 3), (4, 5))"], "((1, 4), (2, 5))"),
        GridFamilyCase("dmirror", ["((100, 200), (300, 400))"], "((100, 300), (200, 400))"),
        GridFamilyCase("dmirror", ["((1, 2), (3, 4), (5, 6))"], "((1, 3, 5), (2, 4, 6))"),
        GridFamilyCase("dmirror", ["frozenset({(1, 2), (1, 3), (3, 2)})"], "frozenset({(1, 2), (1, 4), (2, 2)})"),
        GridFamilyCase(
            "dmirror", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})"],
            "frozenset({(6, (3, 1)), (5, (2, 1)), (7, (2, 3))})"),
        GridFamilyCase("dmirror", ["frozenset({(0, 0), (0, 1), (0, 2)})"], "frozenset({(1, 0), (2, 0), (0, 0)})"),
        GridFamilyCase("dmirror", ["frozenset({(-2, 3), (1, 5)})"], "frozenset({(-2, 3), (0, 6)})"),
    ])
    func dmirrorTransposesGridsAndPatches(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("cmirror", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))"], "((9, 6, 3), (8, 5, 2), (7, 4, 1))"),
        GridFamilyCase("cmirror", ["((1, 2, 3), (4, 5, 6))"], "((6, 3), (5, 2), (4, 1))"),
        GridFamilyCase("cmirror", ["((), ())"], "()"),
        GridFamilyCase("cmirror", ["()"], "()"),
        GridFamilyCase("cmirror", ["((1, 2, 3), (4, 5))"], "((5, 3), (4, 2))"),
        GridFamilyCase("cmirror", ["((100, 200), (300, 400))"], "((400, 200), (300, 100))"),
        GridFamilyCase("cmirror", ["frozenset({(1, 2), (1, 3), (3, 2)})"], "frozenset({(2, 4), (1, 4), (2, 2)})"),
        GridFamilyCase(
            "cmirror", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})"],
            "frozenset({(6, (2, 3)), (7, (3, 1)), (5, (3, 3))})"),
        GridFamilyCase("cmirror", ["frozenset({(0, 0), (0, 1), (0, 2)})"], "frozenset({(1, 0), (2, 0), (0, 0)})"),
        GridFamilyCase("cmirror", ["frozenset({(-2, 3), (1, 5)})"], "frozenset({(-2, 3), (0, 6)})"),
    ])
    func cmirrorTransposesAcrossTheCounterdiagonal(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("hmirror", ["frozenset()"], "IndexError"),
        GridFamilyCase("hmirror", ["5"], "TypeError"),
        GridFamilyCase("hmirror", ["None"], "TypeError"),
        GridFamilyCase("hmirror", ["frozenset({(1, 2, 3), (4, 5, 6)})"], "ValueError"),
        GridFamilyCase("hmirror", ["frozenset({1, 2})"], "TypeError"),
        GridFamilyCase("vmirror", ["frozenset()"], "IndexError"),
        GridFamilyCase("vmirror", ["(1, 2)"], "TypeError"),
        GridFamilyCase("vmirror", ["frozenset({(1, 2, 3)})"], "ValueError"),
        GridFamilyCase("dmirror", ["frozenset()"], "ValueError"),
        GridFamilyCase("dmirror", ["(1, 2)"], "TypeError"),
        GridFamilyCase("dmirror", ["frozenset({(1, 2, 3)})"], "ValueError"),
        GridFamilyCase("cmirror", ["frozenset()"], "IndexError"),
        GridFamilyCase("cmirror", ["(1, 2)"], "TypeError"),
        GridFamilyCase("cmirror", ["7"], "TypeError"),
    ])
    func mirrorsFailAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }
}

/// hupscale, vupscale, upscale and downscale.
@Suite struct ScalingPrimitives {
    @Test(arguments: [
        GridFamilyCase("hupscale", ["((1, 2), (3, 4))", "2"], "((1, 1, 2, 2), (3, 3, 4, 4))"),
        GridFamilyCase("hupscale", ["((1, 2, 3), (4, 5, 6))", "1"], "((1, 2, 3), (4, 5, 6))"),
        GridFamilyCase("hupscale", ["((1, 2), (3, 4))", "0"], "((), ())"),
        GridFamilyCase("hupscale", ["((1, 2), (3, 4))", "-2"], "((), ())"),
        GridFamilyCase("hupscale", ["((), ())", "3"], "((), ())"),
        GridFamilyCase("hupscale", ["((), ())", "(1, 2)"], "((), ())"),
        GridFamilyCase("hupscale", ["()", "None"], "()"),
        GridFamilyCase("hupscale", ["((100, 200), (300, 400))", "2"], "((100, 100, 200, 200), (300, 300, 400, 400))"),
        GridFamilyCase("hupscale", ["((1, 2, 3), (4, 5))", "2"], "((1, 1, 2, 2, 3, 3), (4, 4, 5, 5))"),
        GridFamilyCase("hupscale", ["(frozenset({1, 2}),)", "2"], "((1, 1, 2, 2),)"),
    ])
    func hupscaleRepeatsEachValueAcross(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("vupscale", ["((1, 2), (3, 4))", "2"], "((1, 2), (1, 2), (3, 4), (3, 4))"),
        GridFamilyCase("vupscale", ["((1, 2, 3), (4, 5, 6))", "1"], "((1, 2, 3), (4, 5, 6))"),
        GridFamilyCase("vupscale", ["((1, 2), (3, 4))", "0"], "()"),
        GridFamilyCase("vupscale", ["((1, 2), (3, 4))", "-1"], "()"),
        GridFamilyCase("vupscale", ["((), ())", "2"], "((), (), (), ())"),
        GridFamilyCase("vupscale", ["()", "None"], "()"),
        GridFamilyCase("vupscale", ["(1, 2)", "2"], "(1, 1, 2, 2)"),
        GridFamilyCase(
            "vupscale", ["((100, 200), (300, 400))", "2"], "((100, 200), (100, 200), (300, 400), (300, 400))"),
        GridFamilyCase("vupscale", ["frozenset({1, 2})", "2"], "(1, 1, 2, 2)"),
    ])
    func vupscaleRepeatsEachRowDown(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "upscale", ["((1, 2), (3, 4))", "2"], "((1, 1, 2, 2), (1, 1, 2, 2), (3, 3, 4, 4), (3, 3, 4, 4))"),
        GridFamilyCase("upscale", ["((1, 2, 3), (4, 5, 6))", "1"], "((1, 2, 3), (4, 5, 6))"),
        GridFamilyCase("upscale", ["((1, 2),)", "3"], "((1, 1, 1, 2, 2, 2), (1, 1, 1, 2, 2, 2), (1, 1, 1, 2, 2, 2))"),
        GridFamilyCase("upscale", ["((1, 2), (3, 4))", "0"], "()"),
        GridFamilyCase("upscale", ["((1, 2), (3, 4))", "-2"], "()"),
        GridFamilyCase("upscale", ["((), ())", "2"], "((), (), (), ())"),
        GridFamilyCase("upscale", ["()", "None"], "()"),
        GridFamilyCase(
            "upscale", ["((100, 200), (300, 400))", "2"],
            "((100, 100, 200, 200), (100, 100, 200, 200), (300, 300, 400, 400), (300, 300, 400, 400))"),
        GridFamilyCase(
            "upscale", ["((1, 2, 3), (4, 5))", "2"],
            "((1, 1, 2, 2, 3, 3), (1, 1, 2, 2, 3, 3), (4, 4, 5, 5), (4, 4, 5, 5))"),
        GridFamilyCase(
            "upscale", ["frozenset({(3, (1, 1)), (4, (1, 2))})", "2"],
            "frozenset({(3, (1, 1)), (3, (2, 2)), (4, (2, 3)), (4, (1, 4)), (3, (1, 2)), (3, (2, 1)), (4, (2, 4)), (4, (1, 3))})"
        ),
        GridFamilyCase(
            "upscale", ["frozenset({(3, (-1, 2)), (4, (0, 0))})", "2"],
            "frozenset({(3, (0, 5)), (4, (1, 0)), (3, (-1, 4)), (4, (2, 1)), (3, (0, 4)), (4, (2, 0)), (4, (1, 1)), (3, (-1, 5))})"
        ),
        GridFamilyCase(
            "upscale", ["frozenset({(3, (5, 5))})", "3"],
            "frozenset({(3, (6, 7)), (3, (5, 5)), (3, (5, 7)), (3, (6, 6)), (3, (7, 5)), (3, (7, 7)), (3, (5, 6)), (3, (7, 6)), (3, (6, 5))})"
        ),
        GridFamilyCase(
            "upscale", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})", "1"],
            "frozenset({(7, (4, 1)), (5, (2, 1)), (6, (2, 2))})"),
        GridFamilyCase("upscale", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})", "0"], "frozenset()"),
        GridFamilyCase("upscale", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})", "-1"], "frozenset()"),
        GridFamilyCase("upscale", ["frozenset()", "2"], "frozenset()"),
        GridFamilyCase("upscale", ["frozenset()", "None"], "frozenset()"),
        GridFamilyCase(
            "upscale", ["frozenset({(300, (1, 1))})", "2"],
            "frozenset({(300, (2, 1)), (300, (1, 2)), (300, (1, 1)), (300, (2, 2))})"),
    ])
    func upscaleScalesGridsAndObjects(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase(
            "downscale", ["((1, 1, 2, 2), (1, 1, 2, 2), (3, 3, 4, 4), (3, 3, 4, 4))", "2"], "((1, 2), (3, 4))"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "2"], "((1, 3), (7, 9))"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "1"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "5"], "((1,),)"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-2"], "((1, 3), (7, 9))"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-1"], "((1, 2, 3), (4, 5, 6), (7, 8, 9))"),
        GridFamilyCase("downscale", ["((), ())", "2"], "((),)"),
        GridFamilyCase("downscale", ["((100, 200), (300, 400))", "2"], "((100,),)"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6, 7))", "2"], "((1, 3),)"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "9223372036854775807"], "((1,),)"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "-9223372036854775808"], "((1,),)"),
    ])
    func downscaleKeepsEveryFactorthRowAndColumn(_ example: GridFamilyCase) throws {
        try example.check()
    }

    @Test(arguments: [
        GridFamilyCase("hupscale", ["((1, 2), (3, 4))", "None"], "TypeError"),
        GridFamilyCase("hupscale", ["((1, 2), (3, 4))", "(1, 2)"], "TypeError"),
        GridFamilyCase("hupscale", ["5", "2"], "TypeError"),
        GridFamilyCase("vupscale", ["((1, 2), (3, 4))", "None"], "TypeError"),
        GridFamilyCase("vupscale", ["5", "2"], "TypeError"),
        GridFamilyCase("upscale", ["((), ())", "(1,)"], "TypeError"),
        GridFamilyCase("upscale", ["((1, 2), (3, 4))", "None"], "TypeError"),
        GridFamilyCase("upscale", ["5", "2"], "TypeError"),
        GridFamilyCase("upscale", ["frozenset({(1, 1)})", "2"], "TypeError"),
        GridFamilyCase("upscale", ["frozenset({(5, (2, 1)), (6, (2, 2)), (7, (4, 1))})", "None"], "TypeError"),
        GridFamilyCase("upscale", ["frozenset({1, 2})", "2"], "TypeError"),
        GridFamilyCase("upscale", ["None", "2"], "TypeError"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "0"], "ZeroDivisionError"),
        GridFamilyCase("downscale", ["((), ())", "0"], "ZeroDivisionError"),
        GridFamilyCase("downscale", ["()", "2"], "IndexError"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4, 5, 6), (7, 8, 9))", "None"], "TypeError"),
        GridFamilyCase("downscale", ["((), ())", "(1, 2)"], "TypeError"),
        GridFamilyCase("downscale", ["((1, 2, 3), (4,))", "2"], "IndexError"),
        GridFamilyCase("downscale", ["frozenset({(0, 0)})", "2"], "TypeError"),
    ])
    func scalingFailsAsPythonDoes(_ example: GridFamilyCase) throws {
        try example.check()
    }
}

@Suite struct TransformLimits {
    @Test(arguments: [
        ("upscale", ["((1, 2), (3, 4))", "1000000000"]),
        ("upscale", ["((), ())", "1000000000"]),
        ("upscale", ["frozenset({(1, (0, 0))})", "4294967296"]),
        ("hupscale", ["((1, 2), (3, 4))", "1000000000"]),
        ("vupscale", ["((1, 2), (3, 4))", "1000000000"]),
        ("vupscale", ["((), ())", "9223372036854775807"]),
        ("hupscale", ["((1, 2), (3, 300))", "1000000000"]),
        ("vupscale", ["((1, 2), (3, 300))", "1000000000"]),
        ("upscale", ["((1, 2), (3, 300))", "1000000000"]),
        ("upscale", ["((1, (0, 0)),)", "1000000000"]),
    ])
    func hugeFactorsExhaustTheBudgetWithoutAllocating(name: String, arguments: [String]) throws {
        let primitive = try #require(Primitives.named(name))
        let context = EvaluationContext(timeLimit: nil, budget: 1_000_000)
        #expect(throws: DSLError.budgetExceeded) {
            try primitive.apply(arguments.map { try Value(literal: $0) }, context)
        }
    }

    @Test func mirroringTwiceRestoresPatches() throws {
        let context = EvaluationContext(timeLimit: nil)
        let object = try Value(literal: "frozenset({(1, (3, 4)), (2, (5, 4)), (3, (3, 9))})")
        for name in ["hmirror", "vmirror", "dmirror", "cmirror"] {
            let mirror = try #require(Primitives.named(name))
            #expect(try mirror.apply([mirror.apply([object], context)], context) == object, "\(name)")
        }
    }

    @Test func rotationsComposeToTheIdentity() throws {
        let context = EvaluationContext(timeLimit: nil)
        let grid = try Value(literal: "((1, 2, 3, 4), (5, 6, 7, 8), (9, 0, 1, 2))")
        let rot90 = try #require(Primitives.named("rot90"))
        let rot270 = try #require(Primitives.named("rot270"))
        let rot180 = try #require(Primitives.named("rot180"))
        #expect(try rot270.apply([rot90.apply([grid], context)], context) == grid)
        #expect(try rot90.apply([rot90.apply([grid], context)], context) == rot180.apply([grid], context))
    }
}
