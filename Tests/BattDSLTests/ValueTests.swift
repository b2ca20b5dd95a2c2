import Testing

@testable import BattDSL

@Suite struct CanonicalValues {
    @Test(arguments: [
        ("(1, 2)", Value.pair(1, 2)),
        ("((1, 2), (3, 4))", Value.grid(Grid(height: 2, width: 2, cells: [1, 2, 3, 4]))),
        ("((1, 2, 3),)", Value.grid(Grid(height: 1, width: 3, cells: [1, 2, 3]))),
        ("((), ())", Value.grid(Grid(height: 2, width: 0, cells: []))),
        ("()", Value.emptyTuple),
        ("frozenset()", Value.emptySet),
        ("frozenset({(2, 1), (0, 5), (2, 1)})", Value.indices([Point(0, 5), Point(2, 1)])),
        ("frozenset({(3, (0, 0)), (1, (4, 4))})", Value.object([Cell(1, 4, 4), Cell(3, 0, 0)])),
        ("True", Value.int(1)),
    ])
    func literalsTakeTheirCanonicalCase(text: String, expected: Value) throws {
        #expect(try Value(literal: text) == expected)
    }

    @Test func raggedTuplesOfIntTuplesAreNoGrid() throws {
        let value = try Value(literal: "((1, 2), (3,))")
        guard case .otherTuple(let elements) = value else {
            Issue.record("expected a generic tuple")
            return
        }
        #expect(elements.count == 2)
    }

    @Test func valuesOutsideInt8AreNoGrid() throws {
        let value = try Value(literal: "((1, 200),)")
        #expect(value.isTuple)
        if case .grid = value { Issue.record("200 does not fit a grid cell") }
    }

    @Test func frozensetsIterateInSortedOrder() throws {
        let value = try Value(literal: "frozenset({(1, 2), 3, frozenset({1}), (0, 0), -1})")
        #expect(try value.pythonElements().map(\.description) == ["-1", "3", "(0, 0)", "(1, 2)", "frozenset({1})"])
    }

    @Test func equalityIsPythons() throws {
        #expect(try Value(literal: "(True, 0)") == Value(literal: "(1, 0)"))
        #expect(try Value(literal: "frozenset({1, 2})") == Value(literal: "{2, 1}"))
        #expect(try Value(literal: "(1, 2)") != Value(literal: "{1, 2}"))
    }

    @Test func literalErrorsSayWhere() {
        #expect(throws: Value.LiteralError.self) { try Value(literal: "(1, 2") }
    }
}

@Suite struct PythonOperators {
    let context = EvaluationContext(timeLimit: nil)

    @Test(arguments: [(7, 2, 3), (-7, 2, -4), (7, -2, -4), (-7, -2, 3)])
    func floorDivisionRoundsDown(x: Int, y: Int, expected: Int) throws {
        #expect(try Value.floorDivide(x, y) == expected)
    }

    @Test func divisionByZeroIsAnError() {
        #expect(throws: DSLError.self) { try Value.floorDivide(1, 0) }
    }

    @Test func tuplesCompareLexicographically() throws {
        #expect(try Value.pythonLess(Value(literal: "(1, 2, 3)"), Value(literal: "(1, 3)")))
        #expect(try Value.pythonLess(Value(literal: "(1, 2)"), Value(literal: "(1, 2, 0)")))
        #expect(throws: DSLError.self) { try Value.pythonLess(.int(1), .pair(1, 2)) }
    }

    @Test func setsCompareBySubset() throws {
        #expect(try Value.pythonLess(Value(literal: "{1}"), Value(literal: "{1, 2}")))
        #expect(try !Value.pythonLess(Value(literal: "{3}"), Value(literal: "{1, 2}")))
    }

    @Test func tupleAdditionConcatenates() throws {
        #expect(try Value.pythonAdd(.pair(1, 2), .pair(3, 4), context) == Value(literal: "(1, 2, 3, 4)"))
    }

    @Test func overflowingIntsBecomeBigInts() throws {
        let product = try Value.pythonMultiply(.int(Int.max), .int(2), context)
        #expect(try product == Value(literal: "18446744073709551614"))
        #expect(product.isLargeInt)
    }

    @Test func maxReturnsTheFirstLargest() throws {
        let elements: [Value] = [.pair(0, 1), .pair(5, 1), .pair(2, 1)]
        let best = try PythonBuiltins.max(elements) { element in try element.pythonSubscript(1) }
        #expect(best == .pair(0, 1))
    }

    @Test func sortedIsStable() throws {
        let elements: [Value] = [.pair(3, 0), .pair(1, 1), .pair(2, 0)]
        let sorted = try PythonBuiltins.sorted(elements) { element in try element.pythonSubscript(1) }
        #expect(sorted == [.pair(3, 0), .pair(2, 0), .pair(1, 1)])
    }
}

@Suite struct EvaluationLimits {
    @Test func budgetRunsOut() {
        let context = EvaluationContext(timeLimit: nil, budget: 10)
        #expect(throws: DSLError.budgetExceeded) { try context.reserve(11) }
    }

    @Test func deadlinePasses() {
        let context = EvaluationContext(timeLimit: 0)
        #expect(throws: DSLError.timeout) { try context.checkClock() }
    }
}

@Suite struct ValueDescriptions {
    @Test func shortDescriptionsOfLargeValuesStayShort() {
        let points = (0..<100_000).map { Point($0 / 300, $0 % 300) }
        let nested = Value.tuple([Value.indices(of: points), Value.indices(of: points)])
        let text = nested.shortDescription
        #expect(text.count == 60)
        #expect(text.hasPrefix("(frozenset({(0, 0), (0, 1),"))
        #expect(text.hasSuffix("..."))
    }

    @Test(arguments: [
        ("(1, 2)", "(1, 2)"), ("((3,),)", "((3,),)"), ("frozenset()", "frozenset()"), ("(None, 5)", "(None, 5)"),
    ])
    func shortDescriptionsOfSmallValuesArePythonsRepr(literal: String, expected: String) throws {
        #expect(try Value(literal: literal).shortDescription == expected)
    }
}
