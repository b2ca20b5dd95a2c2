import Testing

@testable import BattDSL

/// One call of a patch or object primitive on Python literal arguments, with what `dsl.py`
/// returns or raises for it (frozensets iterating in sorted order).
struct PatchCall: Sendable, CustomTestStringConvertible {
    enum Raised: Sendable, Equatable {
        case typeError, valueError, indexError, stopIteration, attributeError, overflow, budget
    }

    enum Outcome: Sendable {
        case value(String)
        case raises(Raised)
    }

    let primitive: String
    let arguments: [String]
    let outcome: Outcome

    init(_ primitive: String, _ arguments: [String], _ expected: String) {
        (self.primitive, self.arguments, self.outcome) = (primitive, arguments, .value(expected))
    }

    init(_ primitive: String, _ arguments: [String], raises error: Raised) {
        (self.primitive, self.arguments, self.outcome) = (primitive, arguments, .raises(error))
    }

    var testDescription: String { "\(primitive)(\(arguments.joined(separator: ", ")))" }

    /// Runs the call, returning its value or throwing its error.
    func run(budget: Int = 50_000_000) throws -> Value {
        let primitive = try #require(Primitives.named(self.primitive))
        let values = try arguments.map { try Value(literal: $0) }
        return try primitive.apply(values, EvaluationContext(timeLimit: nil, budget: budget))
    }

    static func raised(_ error: DSLError) -> Raised? {
        switch error {
        case .inPrimitive(_, let inner): return raised(inner)
        case .typeError: return .typeError
        case .valueError: return .valueError
        case .indexError: return .indexError
        case .stopIteration: return .stopIteration
        case .attributeError: return .attributeError
        case .overflow: return .overflow
        case .budgetExceeded: return .budget
        default: return nil
        }
    }

    /// Checks the outcome: equal to the expected literal, or the expected kind of error.
    func verify() throws {
        switch outcome {
        case .value(let text):
            #expect(try run() == Value(literal: text))
        case .raises(let expected):
            do {
                let value = try run()
                Issue.record("expected \(expected), got \(value)")
            } catch let error as DSLError {
                #expect(PatchCall.raised(error) == expected, "\(error)")
            }
        }
    }
}

@Suite struct PatchPrimitives {
    static let readingAndMoving: [PatchCall] = [
        .init("toindices", ["frozenset({(3, (0, 1)), (5, (2, -1))})"], "frozenset({(0, 1), (2, -1)})"),
        .init("toindices", ["frozenset({(4, 4), (0, 2)})"], "frozenset({(0, 2), (4, 4)})"),
        .init("toindices", ["frozenset({(1, (0, 0)), (2, (0, 0))})"], "frozenset({(0, 0)})"),
        .init("toindices", ["frozenset()"], "frozenset()"),
        .init("toindices", ["()"], "frozenset()"),
        .init("toindices", ["((2, 1), (0, 0))"], "((2, 1), (0, 0))"),
        .init("toindices", ["7"], raises: .typeError),
        .init("toindices", ["frozenset({1, 2})"], raises: .typeError),
        .init("recolor", ["6", "frozenset({(1, 1), (0, 3)})"], "frozenset({(6, (0, 3)), (6, (1, 1))})"),
        .init(
            "recolor", ["-1", "frozenset({(1, (0, 0)), (2, (0, 0)), (3, (4, 4))})"],
            "frozenset({(-1, (0, 0)), (-1, (4, 4))})"),
        .init("recolor", ["2", "frozenset()"], "frozenset()"),
        .init("recolor", ["(1, 2)", "frozenset({(0, 0)})"], "frozenset({((1, 2), (0, 0))})"),
        .init("shift", ["frozenset({(0, 0), (1, 2)})", "(2, -3)"], "frozenset({(2, -3), (3, -1)})"),
        .init("shift", ["frozenset({(4, (0, 0)), (5, (1, 1))})", "(-1, 1)"], "frozenset({(4, (-1, 1)), (5, (0, 2))})"),
        .init("shift", ["frozenset()", "5"], "frozenset()"),
        .init("shift", ["()", "(1, 1)"], "()"),
        .init("shift", ["((0, 0), (0, 0), (1, 1))", "(1, 0)"], "frozenset({(1, 0), (2, 1)})"),
        .init("shift", ["frozenset({(0, 0)})", "(1, 2, 3)"], raises: .valueError),
        .init("shift", ["frozenset({(0, 0)})", "4"], raises: .typeError),
        .init("normalize", ["frozenset({(2, (3, -2)), (1, (5, 0))})"], "frozenset({(1, (2, 2)), (2, (0, 0))})"),
        .init("normalize", ["frozenset({(-4, 7), (-2, 9)})"], "frozenset({(0, 0), (2, 2)})"),
        .init("normalize", ["frozenset()"], "frozenset()"),
        .init("normalize", ["()"], "()"),
        .init("dneighbors", ["(0, 0)"], "frozenset({(-1, 0), (0, -1), (0, 1), (1, 0)})"),
        .init("dneighbors", ["(-2, 5)"], "frozenset({(-3, 5), (-2, 4), (-2, 6), (-1, 5)})"),
        .init("dneighbors", ["(1, 2, 9)"], "frozenset({(0, 2), (1, 1), (1, 3), (2, 2)})"),
        .init("dneighbors", ["(1,)"], raises: .indexError),
        .init("dneighbors", ["frozenset({(1, 2)})"], raises: .typeError),
        .init("ineighbors", ["(3, 3)"], "frozenset({(2, 2), (2, 4), (4, 2), (4, 4)})"),
        .init("ineighbors", ["((1, 2), (3, 4))"], raises: .typeError),
        .init(
            "neighbors", ["(0, 0)"],
            "frozenset({(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)})"),
        .init("neighbors", ["5"], raises: .typeError),
    ]

    static let extremesAndCorners: [PatchCall] = [
        .init("uppermost", ["frozenset({(1, (4, 2)), (2, (-1, 7))})"], "-1"),
        .init("lowermost", ["frozenset({(1, (4, 2)), (2, (-1, 7))})"], "4"),
        .init("leftmost", ["frozenset({(1, (4, 2)), (2, (-1, 7))})"], "2"),
        .init("rightmost", ["frozenset({(1, (4, 2)), (2, (-1, 7))})"], "7"),
        .init("uppermost", ["frozenset()"], raises: .valueError),
        .init("rightmost", ["frozenset()"], raises: .valueError),
        .init("uppermost", ["((5, 1), (2, 8))"], "2"),
        .init("leftmost", ["frozenset({(0, 0, 0)})"], raises: .valueError),
        .init("ulcorner", ["frozenset({(0, 3), (2, 1), (1, 5)})"], "(0, 1)"),
        .init("urcorner", ["frozenset({(0, 3), (2, 1), (1, 5)})"], "(0, 5)"),
        .init("llcorner", ["frozenset({(0, 3), (2, 1), (1, 5)})"], "(2, 1)"),
        .init("lrcorner", ["frozenset({(0, 3), (2, 1), (1, 5)})"], "(2, 5)"),
        .init("ulcorner", ["frozenset({(7, (1, 1)), (8, (3, 0))})"], "(1, 0)"),
        .init("ulcorner", ["frozenset()"], "()"),
        .init("lrcorner", ["()"], "()"),
        .init("ulcorner", ["frozenset({(1, 2, 3), (0, 5, 1)})"], "(0, 2, 1)"),
        .init("urcorner", ["frozenset({(1, 2, 3), (0, 5, 1)})"], raises: .indexError),
        .init("llcorner", ["frozenset({(1, 2, 3)})"], raises: .indexError),
        .init("ulcorner", ["((1, 2, 3), (0, 5, 1))"], "(0, 2, 1)"),
    ]

    static let sizesAndShapeTests: [PatchCall] = [
        .init("height", ["((1, 2, 3), (4, 5, 6))"], "2"),
        .init("width", ["((1, 2, 3), (4, 5, 6))"], "3"),
        .init("shape", ["((1, 2, 3), (4, 5, 6))"], "(2, 3)"),
        .init("shape", ["((), ())"], "(2, 0)"),
        .init("shape", ["frozenset({(1, (2, 2)), (1, (4, 7))})"], "(3, 6)"),
        .init("shape", ["frozenset()"], "(0, 0)"),
        .init("shape", ["()"], "(0, 0)"),
        .init("height", ["(3, 4)"], "2"),
        .init("width", ["(3, 4)"], raises: .typeError),
        .init("width", ["((0, 1), (2, 3), (4, 5))"], "2"),
        .init("height", ["5"], raises: .typeError),
        .init("portrait", ["((1,), (2,))"], "True"),
        .init("portrait", ["frozenset({(0, 0), (0, 3)})"], "False"),
        .init("portrait", ["frozenset()"], "False"),
        .init("square", ["((1, 2), (3, 4))"], "True"),
        .init("square", ["((1, 2, 3),)"], "False"),
        .init("square", ["frozenset({(0, 0), (0, 1), (1, 0), (1, 1)})"], "True"),
        .init("square", ["frozenset({(0, 0), (0, 1), (1, 0)})"], "False"),
        .init("square", ["frozenset()"], "True"),
        .init("square", ["()"], raises: .indexError),
        .init("square", ["frozenset({(1, (0, 0)), (2, (0, 0)), (1, (0, 1)), (1, (1, 1))})"], "True"),
        .init("vline", ["frozenset({(0, 2), (1, 2), (2, 2)})"], "True"),
        .init("vline", ["frozenset({(0, 2), (2, 2)})"], "False"),
        .init("vline", ["frozenset({(5, (3, 3))})"], "True"),
        .init("hline", ["frozenset({(5, (3, 3))})"], "True"),
        .init("hline", ["frozenset({(1, (0, 0)), (1, (0, 1)), (2, (0, 1))})"], "False"),
        .init("hline", ["frozenset({(4, 0), (4, 1), (4, 2)})"], "True"),
        .init("vline", ["frozenset()"], "False"),
        .init("hline", ["(3, 4)"], raises: .typeError),
    ]

    static let matchingAndDistance: [PatchCall] = [
        .init("hmatching", ["frozenset({(0, 0), (2, 5)})", "frozenset({(2, 9)})"], "True"),
        .init("hmatching", ["frozenset({(0, 0)})", "frozenset({(1, 0)})"], "False"),
        .init("vmatching", ["frozenset({(0, 0)})", "frozenset({(1, 0)})"], "True"),
        .init("vmatching", ["frozenset({(3, (0, 4))})", "frozenset({(3, (9, 5))})"], "False"),
        .init("hmatching", ["frozenset()", "frozenset({(0, 0)})"], "False"),
        .init("manhattan", ["frozenset({(0, 0), (5, 5)})", "frozenset({(3, 7), (9, 9)})"], "4"),
        .init("manhattan", ["frozenset({(1, (0, 0))})", "frozenset({(2, (0, 0))})"], "0"),
        .init("manhattan", ["frozenset({(-3, -3)})", "frozenset({(2, 4)})"], "12"),
        .init("manhattan", ["frozenset()", "5"], raises: .valueError),
        .init("manhattan", ["frozenset({(0, 0)})", "frozenset()"], raises: .valueError),
        .init("adjacent", ["frozenset({(0, 0)})", "frozenset({(0, 1)})"], "True"),
        .init("adjacent", ["frozenset({(0, 0)})", "frozenset({(1, 1)})"], "False"),
        .init("adjacent", ["frozenset({(0, 0)})", "frozenset({(0, 0)})"], "False"),
        .init("bordering", ["frozenset({(0, 3)})", "((0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0))"], "True"),
        .init(
            "bordering", ["frozenset({(1, 1), (1, 3)})", "((0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0))"],
            "False"),
        .init("bordering", ["frozenset({(1, 4)})", "((0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0))"], "True"),
        .init("bordering", ["frozenset({(2, 2)})", "((0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0))"], "True"),
        .init("bordering", ["frozenset({(0, 3)})", "7"], "True"),
        .init("bordering", ["frozenset({(1, 3)})", "7"], raises: .typeError),
    ]

    static let centresAndPositions: [PatchCall] = [
        .init("centerofmass", ["frozenset({(0, 0), (0, 1), (3, 3)})"], "(1, 1)"),
        .init("centerofmass", ["frozenset({(1, (0, 0)), (2, (0, 0)), (1, (2, 2))})"], "(0, 0)"),
        .init("centerofmass", ["frozenset({(-1, -1), (-2, 0)})"], "(-2, -1)"),
        .init("centerofmass", ["frozenset()"], "()"),
        .init("centerofmass", ["((0, 0), (0, 0), (3, 3))"], "(1, 1)"),
        .init("center", ["frozenset({(1, 1), (3, 4)})"], "(2, 3)"),
        .init("center", ["frozenset({(5, (-3, -3))})"], "(-3, -3)"),
        .init("center", ["frozenset()"], raises: .valueError),
        .init("center", ["((0, 0), (0, 0), (0, 0))"], "(1, 1)"),
        .init("position", ["frozenset({(0, 0)})", "frozenset({(0, 5)})"], "(0, 1)"),
        .init("position", ["frozenset({(0, 5)})", "frozenset({(0, 0)})"], "(0, -1)"),
        .init("position", ["frozenset({(4, 1)})", "frozenset({(0, 1)})"], "(-1, 0)"),
        .init("position", ["frozenset({(0, 0)})", "frozenset({(3, 3)})"], "(1, 1)"),
        .init("position", ["frozenset({(3, 0)})", "frozenset({(0, 3)})"], "(-1, 1)"),
        .init("position", ["frozenset({(2, 2)})", "frozenset({(2, 2)})"], "(0, -1)"),
        .init("position", ["frozenset()", "frozenset({(2, 2)})"], raises: .valueError),
        .init("gravitate", ["frozenset({(0, 0)})", "frozenset({(0, 5)})"], "(0, 4)"),
        .init("gravitate", ["frozenset({(6, 2), (7, 2)})", "frozenset({(0, 2)})"], "(-5, 0)"),
        .init("gravitate", ["frozenset({(1, 1)})", "frozenset({(1, 2)})"], "(0, 0)"),
        .init("gravitate", ["frozenset({(0, 0)})", "frozenset({(3, 4)})"], "(0, 42)"),
        .init("gravitate", ["frozenset({(2, 2)})", "frozenset({(2, 2)})"], "(-1, 0)"),
        .init("gravitate", ["frozenset({(1, (0, 0))})", "frozenset({(2, (0, 90))})"], "(0, 42)"),
        .init("gravitate", ["frozenset()", "frozenset({(0, 0)})"], raises: .valueError),
    ]

    static let linesAndBoxes: [PatchCall] = [
        .init("corners", ["frozenset({(1, 1), (2, 4), (3, 2)})"], "frozenset({(1, 1), (1, 4), (3, 1), (3, 4)})"),
        .init("corners", ["frozenset({(4, (0, 0))})"], "frozenset({(0, 0)})"),
        .init("corners", ["frozenset()"], "frozenset({()})"),
        .init("connect", ["(1, 1)", "(1, 4)"], "frozenset({(1, 1), (1, 2), (1, 3), (1, 4)})"),
        .init("connect", ["(4, 2)", "(1, 2)"], "frozenset({(1, 2), (2, 2), (3, 2), (4, 2)})"),
        .init("connect", ["(0, 0)", "(3, 3)"], "frozenset({(0, 0), (1, 1), (2, 2), (3, 3)})"),
        .init("connect", ["(3, 0)", "(0, 3)"], "frozenset({(0, 3), (1, 2), (2, 1), (3, 0)})"),
        .init("connect", ["(2, 2)", "(2, 2)"], "frozenset({(2, 2)})"),
        .init("connect", ["(0, 0)", "(2, 5)"], "frozenset()"),
        .init("connect", ["(-1, -1)", "(-3, 1)"], "frozenset({(-3, 1), (-2, 0), (-1, -1)})"),
        .init("connect", ["(0, 0)", "5"], raises: .typeError),
        .init("connect", ["(0, 0, 0)", "(1, 1)"], raises: .valueError),
        .init(
            "backdrop", ["frozenset({(1, 1), (2, 3)})"],
            "frozenset({(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)})"),
        .init("backdrop", ["frozenset({(6, (0, 0))})"], "frozenset({(0, 0)})"),
        .init("backdrop", ["frozenset()"], "frozenset()"),
        .init("backdrop", ["((0, 1), (1, 0))"], "frozenset({(0, 0), (0, 1), (1, 0), (1, 1)})"),
        .init(
            "delta", ["frozenset({(0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (2, 2)})"],
            "frozenset({(1, 1)})"),
        .init("delta", ["frozenset({(0, 0), (1, 1)})"], "frozenset({(0, 1), (1, 0)})"),
        .init("delta", ["frozenset({(0, 0), (0, 1)})"], "frozenset()"),
        .init("delta", ["frozenset()"], "frozenset()"),
        .init("delta", ["((0, 1), (1, 0))"], raises: .typeError),
        .init(
            "inbox", ["frozenset({(0, 0), (4, 4)})"],
            "frozenset({(1, 1), (1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2), (3, 3)})"),
        .init(
            "inbox", ["frozenset({(2, 2)})"],
            "frozenset({(1, 1), (1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2), (3, 3)})"),
        .init("inbox", ["frozenset({(0, 0), (1, 1)})"], "frozenset({(0, 0), (0, 1), (1, 0), (1, 1)})"),
        .init("inbox", ["frozenset()"], raises: .valueError),
        .init(
            "outbox", ["frozenset({(1, 1), (2, 3)})"],
            """
            frozenset({(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (1, 0), (1, 4), (2, 0), (2, 4), (3, 0), (3, \
            1), (3, 2), (3, 3), (3, 4)})
            """),
        .init(
            "outbox", ["frozenset({(7, (0, 0))})"],
            "frozenset({(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)})"),
        .init(
            "box", ["frozenset({(0, 0), (3, 3)})"],
            """
            frozenset({(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 3), (2, 0), (2, 3), \
            (3, 0), (3, 1), (3, 2), (3, 3)})
            """),
        .init("box", ["frozenset({(5, 5)})"], "frozenset({(5, 5)})"),
        .init("box", ["frozenset({(1, (0, 0)), (1, (0, 3))})"], "frozenset({(0, 0), (0, 1), (0, 2), (0, 3)})"),
        .init("box", ["frozenset()"], "frozenset()"),
        .init("box", ["()"], "()"),
        .init("box", ["frozenset({(0, 0, 0)})"], raises: .valueError),
        .init("shoot", ["(2, 3)", "(0, 0)"], "frozenset({(2, 3)})"),
        .init("shoot", ["(0, 0)", "(1, 2)"], "frozenset()"),
        .init("shoot", ["(0, 0)", "5"], raises: .typeError),
    ]

    @Test(arguments: readingAndMoving)
    func readingAndMovingPatches(call: PatchCall) throws { try call.verify() }

    @Test(arguments: extremesAndCorners)
    func extremesAndCornersFollowMinAndMaxOfZippedLocations(call: PatchCall) throws { try call.verify() }

    @Test(arguments: sizesAndShapeTests)
    func sizesAndShapeTestsTreatTuplesAndSetsAsDslPyDoes(call: PatchCall) throws { try call.verify() }

    @Test(arguments: matchingAndDistance)
    func sharedLinesDistancesAndBorders(call: PatchCall) throws { try call.verify() }

    @Test(arguments: centresAndPositions)
    func centresPositionsAndGravitation(call: PatchCall) throws { try call.verify() }

    @Test(arguments: linesAndBoxes)
    func linesFrontiersAndBoxes(call: PatchCall) throws { try call.verify() }

    @Test func frontiersSpanThirtyRowsOrColumnsFromZero() throws {
        let vertical = try PatchCall("vfrontier", ["(3, -2)"], "frozenset()").run()
        #expect(try vertical.pythonLength() == 30)
        #expect(try vertical.pythonContains(.pair(0, -2)) && vertical.pythonContains(.pair(29, -2)))
        let horizontal = try PatchCall("hfrontier", ["(7, 40)"], "frozenset()").run()
        #expect(try horizontal.pythonElements().first == .pair(7, 0))
        #expect(try horizontal.pythonElements().last == .pair(7, 29))
    }

    @Test func aFrontierThroughATupleCoordinateIsAnObject() throws {
        let frontier = try PatchCall("vfrontier", ["(0, (1, 2))"], "frozenset()").run()
        guard case .object(let cells) = frontier else {
            Issue.record("expected an object, got \(frontier)")
            return
        }
        #expect(cells.count == 30 && cells.allSatisfy { $0.point == Point(1, 2) })
    }

    @Test func shootRunsFortyTwoStepsAlongTheDirection() throws {
        let diagonal = try PatchCall("shoot", ["(0, 0)", "(1, 1)"], "frozenset()").run()
        #expect(try diagonal.pythonLength() == 43)
        #expect(try diagonal.pythonContains(.pair(42, 42)))
        let leftward = try PatchCall("shoot", ["(5, 5)", "(0, -1)"], "frozenset()").run()
        #expect(try leftward.pythonElements().first == .pair(5, -37))
        let backward = try PatchCall("shoot", ["(5, 5)", "(-1, 1)"], "frozenset()").run()
        #expect(try backward.pythonContains(.pair(-37, 47)))
    }

    /// Found by the differential test: dsl.py's generator never reaches `ej + 1` when no row is in range.
    @Test func backdropOfAnEmptyRowRangeNeverAddsToItsColumn() throws {
        try PatchCall("backdrop", ["(((2,), (0, (8, 3))),)"], "frozenset()").verify()
        try PatchCall("backdrop", ["(((2,), (0, (8, 3))), ((1,), (9, (9, 9))))"], raises: .typeError).verify()
    }

    @Test(arguments: [
        PatchCall("connect", ["(0, 0)", "(0, 1000000000000)"], raises: .budget),
        PatchCall("connect", ["(-4611686018427387904, 0)", "(4611686018427387904, 0)"], raises: .budget),
        PatchCall("backdrop", ["frozenset({(0, 0), (100000, 100000)})"], raises: .budget),
        PatchCall("outbox", ["frozenset({(0, 0), (0, 9000000000000000000)})"], raises: .budget),
        PatchCall("box", ["frozenset({(-9000000000000000000, 0), (9000000000000000000, 0)})"], raises: .budget),
    ])
    func hugeLinesAndBoxesAreRefusedByTheBudget(call: PatchCall) throws { try call.verify() }

    /// `shift` moves locations past 64 bits as Python does; the other patch primitives refuse
    /// such coordinates with an OverflowError (a rule the README's Semantics section declares).
    @Test(arguments: [
        PatchCall(
            "shift", ["frozenset({(9223372036854775807, 0)})", "(1, 0)"], "frozenset({(9223372036854775808, 0)})"),
        PatchCall(
            "shift", ["frozenset({(2, (9223372036854775807, 0)), (3, (0, 0))})", "(1, 0)"],
            "frozenset({(3, (1, 0)), (2, (9223372036854775808, 0))})"),
        PatchCall("dneighbors", ["(-9223372036854775808, 0)"], raises: .overflow),
        PatchCall("manhattan", ["frozenset({(-9223372036854775808, 0)})", "frozenset({(1, 0)})"], raises: .overflow),
        PatchCall("normalize", ["frozenset({(1, (-9223372036854775808, 0))})"], raises: .overflow),
        PatchCall("height", ["frozenset({(-9223372036854775808, 0), (9223372036854775807, 0)})"], raises: .overflow),
    ])
    func coordinatesAtTheIntLimitsFailWithoutTrapping(call: PatchCall) throws { try call.verify() }

    @Test func patchPrimitivesTakeDslPyParameterNames() throws {
        let names = [
            "shift": ["patch", "directions"], "bordering": ["patch", "grid"], "shoot": ["start", "direction"],
            "gravitate": ["source", "destination"], "vfrontier": ["location"], "height": ["piece"],
        ]
        for (name, parameters) in names {
            #expect(Primitives.named(name)?.parameterNames == parameters)
        }
    }
}
