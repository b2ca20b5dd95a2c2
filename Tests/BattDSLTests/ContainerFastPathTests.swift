import Testing

@testable import BattDSL

/// The typed fast paths (indices, objects, grids, hash lookups) must agree with Python's generic
/// container code, which these tests spell out over plain element lists.
@Suite struct ContainerFastPathTests {
    let context = EvaluationContext(timeLimit: 10)

    private func primitive(_ name: String, _ args: Value...) throws -> Value {
        try #require(Primitives.named(name)).apply(args, context)
    }

    /// Small pseudo-random patches: locations in a 4 x 4 square, cells in two colours.
    private func randomPatches(count: Int) -> [Value] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { k in
            let points = (0..<next(6)).map { _ in Point(next(4), next(4)) }
            if k % 2 == 0 { return Value.indices(of: points) }
            return Value.object(of: points.map { Cell(1 + next(2), $0) })
        }
    }

    @Test func setAlgebraOnPatchesMatchesGenericSetSemantics() throws {
        let patches = randomPatches(count: 24)
        for a in patches {
            let x = try a.pythonElements()
            for b in patches {
                let y = try b.pythonElements()
                #expect(try primitive("combine", a, b) == Value.set(x + y))
                #expect(try primitive("difference", a, b) == Value.set(x.filter { !y.contains($0) }))
                #expect(try primitive("intersection", a, b) == Value.set(x.filter { y.contains($0) }))
                #expect(try primitive("merge", Value.set([a, b])) == Value.set(x + y))
                #expect(try primitive("merge", Value.tuple([a, b])) == Value.tuple(x + y))
                if let element = y.first {
                    #expect(try primitive("insert", element, a) == Value.set(x + [element]))
                    #expect(try primitive("remove", element, a) == Value.set(x.filter { $0 != element }))
                }
            }
        }
    }

    @Test func orderOnPatchesIsAStableSortOfTheIterationOrder() throws {
        let key = try #require(Primitives.value(named: "last"))
        for patch in randomPatches(count: 12) {
            let elements = try patch.pythonElements()
            let keys = try elements.map { try $0.pythonSubscript(-1) }
            let expected = try Array(elements.indices).sorted { x, y in
                try Value.pythonLess(keys[x], keys[y]) || (keys[x] == keys[y] && x < y)
            }.map { elements[$0] }
            #expect(try primitive("order", patch, key) == Value.tuple(expected))
        }
    }

    /// A hundred elements whose frozenset keys are only partially ordered: where a plain stable merge
    /// sort would order them differently, batt follows CPython's timsort (runs, powersort merges, galloping).
    @Test func orderFollowsCPythonsTimsortForPartiallyOrderedKeys() throws {
        let expression = """
            apply(last, order(((frozenset({0, 1, 2, 3}), 0), (frozenset({0, 1, 2, 3}), 1), (frozenset({9}), 2),
            (frozenset({0, 1, 2, 3}), 3), (frozenset({0, 1}), 4), (frozenset({0, 1, 2, 3}), 5), (frozenset({0, 1, 2, 3}),
            6), (frozenset({0, 1, 2, 3}), 7), (frozenset({0, 1, 2, 3}), 8), (frozenset({0, 1, 2, 3}), 9), (frozenset({0}),
            10), (frozenset({9}), 11), (frozenset({0, 1, 2, 3}), 12), (frozenset({0, 1, 2, 3}), 13), (frozenset({0, 1, 2,
            3}), 14), (frozenset({0, 1, 2, 3}), 15), (frozenset({0, 1, 2}), 16), (frozenset({9}), 17), (frozenset({0, 1}),
            18), (frozenset({0, 1, 2}), 19), (frozenset({0, 1, 2}), 20), (frozenset({0, 1, 2}), 21), (frozenset({0, 1,
            2}), 22), (frozenset({0, 1, 2}), 23), (frozenset({0, 1, 2}), 24), (frozenset({0, 1, 2}), 25), (frozenset({9}),
            26), (frozenset({9}), 27), (frozenset({9}), 28), (frozenset({0, 1, 2}), 29), (frozenset({0, 1, 2}), 30),
            (frozenset({0, 1, 2}), 31), (frozenset({0, 1, 2}), 32), (frozenset({0, 1}), 33), (frozenset({0, 1}), 34),
            (frozenset({0, 1}), 35), (frozenset({0, 1}), 36), (frozenset({9}), 37), (frozenset({9}), 38), (frozenset({0,
            1}), 39), (frozenset({0, 1}), 40), (frozenset({0, 1}), 41), (frozenset({0, 1}), 42), (frozenset({0}), 43),
            (frozenset({0, 1}), 44), (frozenset({9}), 45), (frozenset({0, 1}), 46), (frozenset({0, 1}), 47),
            (frozenset({0, 1}), 48), (frozenset({0, 1}), 49), (frozenset({0, 1}), 50), (frozenset({0, 1}), 51),
            (frozenset({0, 1}), 52), (frozenset({0, 1}), 53), (frozenset({0, 1}), 54), (frozenset({0, 1}), 55),
            (frozenset({0}), 56), (frozenset({0}), 57), (frozenset({0}), 58), (frozenset({9}), 59), (frozenset({0}), 60),
            (frozenset({0, 1}), 61), (frozenset({0}), 62), (frozenset({0}), 63), (frozenset({0}), 64), (frozenset({0}),
            65), (frozenset({0}), 66), (frozenset({0}), 67), (frozenset({0}), 68), (frozenset({0}), 69), (frozenset({0}),
            70), (frozenset({0}), 71), (frozenset({0}), 72), (frozenset({0}), 73), (frozenset({0}), 74), (frozenset({0}),
            75), (frozenset({9}), 76), (frozenset({0}), 77), (frozenset({9}), 78), (frozenset({9}), 79), (frozenset({0}),
            80), (frozenset(), 81), (frozenset(), 82), (frozenset(), 83), (frozenset({9}), 84), (frozenset(), 85),
            (frozenset(), 86), (frozenset({0, 1}), 87), (frozenset(), 88), (frozenset(), 89), (frozenset(), 90),
            (frozenset(), 91), (frozenset({0}), 92), (frozenset(), 93), (frozenset(), 94), (frozenset(), 95),
            (frozenset(), 96), (frozenset(), 97), (frozenset(), 98), (frozenset(), 99)), first))
            """
        let expected = """
            (81, 82, 83, 85, 86, 88, 89, 90, 91, 93, 94, 95, 96, 97, 98, 99, 0, 1, 2, 10, 43, 4, 18, 33, 34, 35, 36, 39,
            40, 41, 42, 44, 46, 47, 48, 49, 16, 19, 20, 21, 22, 23, 24, 29, 30, 31, 32, 3, 5, 6, 7, 8, 9, 11, 25, 12, 13,
            14, 15, 17, 26, 27, 28, 37, 38, 45, 56, 57, 58, 60, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75,
            77, 80, 92, 50, 51, 52, 53, 54, 55, 59, 61, 76, 78, 79, 84, 87)
            """
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("difference(interval(0, 20000, 1), interval(0, 20000, 2))", "interval(1, 20000, 2)"),
            (
                "difference(apply(initset, product(interval(0, 3000, 1), (0,))), apply(initset, product(interval(0, 3000, 3), (0,))))",
                "apply(initset, product(combine(interval(1, 3000, 3), interval(2, 3000, 3)), (0,)))"
            ),
            (
                "intersection(apply(initset, product(interval(0, 3000, 1), (0,))), apply(initset, product(interval(1500, 4500, 1), (0,))))",
                "apply(initset, product(interval(1500, 3000, 1), (0,)))"
            ),
            ("size(product(interval(0, 300, 1), interval(0, 300, 1)))", "90000"),
            ("repeat(1, 1000000000000000)", "budget exceeded"),
            ("repeat((1, 2, 3), 20000000)", "budget exceeded"),
            ("product(interval(0, 10000, 1), interval(0, 10000, 1))", "budget exceeded"),
        ] as [(String, String)])
    func largeContainersStayFastAndBounded(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    @Test(
        arguments: [
            ("contained", "value, container"),
            ("combine", "a, b"),
            ("intersection", "a, b"),
            ("difference", "a, b"),
            ("dedupe", "tup"),
            ("order", "container, compfunc"),
            ("repeat", "item, num"),
            ("size", "container"),
            ("merge", "containers"),
            ("maximum", "container"),
            ("minimum", "container"),
            ("valmax", "container, compfunc"),
            ("valmin", "container, compfunc"),
            ("argmax", "container, compfunc"),
            ("argmin", "container, compfunc"),
            ("mostcommon", "container"),
            ("leastcommon", "container"),
            ("initset", "value"),
            ("sfilter", "container, condition"),
            ("mfilter", "container, function"),
            ("extract", "container, condition"),
            ("totuple", "container"),
            ("first", "container"),
            ("last", "container"),
            ("insert", "value, container"),
            ("remove", "value, container"),
            ("other", "container, value"),
            ("product", "a, b"),
            ("pair", "a, b"),
            ("sizefilter", "container, n"),
        ] as [(String, String)])
    func parametersAreNamedAsInDslPy(name: String, parameters: String) throws {
        let primitive = try #require(Primitives.named(name))
        #expect(primitive.parameterNames.joined(separator: ", ") == parameters)
    }
}
