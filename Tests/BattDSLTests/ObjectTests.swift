import Testing

@testable import BattDSL

@Suite struct ObjectPrimitives {
    /// Four colours with ties and a lone cell.
    static let mixed = "((0, 0, 1, 1), (0, 2, 0, 1), (3, 0, 0, 2))"
    /// Background 0 with a diagonal pair, a bar, a lone 3 and a corner 4.
    static let spots = "((0, 0, 0, 0, 0), (0, 1, 1, 0, 2), (0, 1, 0, 0, 2), (0, 0, 0, 3, 0), (4, 0, 0, 0, 0))"

    static let colors: [PatchCall] = [
        .init("mostcolor", [mixed], "0"),
        .init("leastcolor", [mixed], "3"),
        .init("mostcolor", ["((1, 2), (2, 1))"], "1"),
        .init("leastcolor", ["((5, 3), (3, 5), (7, 7))"], "3"),
        .init("mostcolor", ["frozenset({(4, (0, 0)), (4, (0, 1)), (2, (1, 1))})"], "4"),
        .init("leastcolor", ["frozenset({(4, (0, 0)), (4, (0, 1)), (2, (1, 1))})"], "2"),
        .init("mostcolor", ["frozenset({(1, (0, 0)), (2, (0, 0))})"], "1"),
        .init("mostcolor", ["frozenset({(3, 0), (3, 1), (0, 0)})"], "3"),
        .init("mostcolor", ["((), ())"], raises: .valueError),
        .init("leastcolor", ["frozenset()"], raises: .valueError),
        .init("mostcolor", ["(frozenset({1, 2}), frozenset({2}))"], "2"),
        .init("mostcolor", ["7"], raises: .typeError),
        .init("colorcount", [mixed, "0"], "6"),
        .init("colorcount", [mixed, "9"], "0"),
        .init("colorcount", ["((1, 1), (0, 1))", "True"], "3"),
        .init("colorcount", ["frozenset({(4, (0, 0)), (4, (0, 1)), (2, (1, 1))})", "4"], "2"),
        .init("colorcount", ["frozenset({(3, 0), (3, 1), (0, 0)})", "3"], "2"),
        .init("colorcount", ["frozenset()", "1"], "0"),
        .init("colorcount", ["(frozenset({1}),)", "1"], raises: .attributeError),
        .init("colorcount", ["((1, 2), 3)", "1"], raises: .attributeError),
        .init(
            "colorfilter",
            [
                "frozenset({frozenset({(1, (0, 0))}), frozenset({(2, (5, 5)), (2, (5, 6))}), frozenset({(1, (3, 3))})})",
                "1",
            ],
            "frozenset({frozenset({(1, (0, 0))}), frozenset({(1, (3, 3))})})"),
        .init("colorfilter", ["frozenset({frozenset({(1, (0, 0))})})", "4"], "frozenset()"),
        .init("colorfilter", ["frozenset()", "4"], "frozenset()"),
        .init("colorfilter", ["frozenset({frozenset(), frozenset({(1, (0, 0))})})", "1"], raises: .stopIteration),
        .init(
            "colorfilter", ["frozenset({frozenset({(1, 1)}), frozenset({(2, 0)})})", "1"],
            "frozenset({frozenset({(1, 1)})})"),
        .init("palette", [mixed], "frozenset({0, 1, 2, 3})"),
        .init("palette", ["frozenset({(4, (0, 0)), (4, (0, 1)), (2, (1, 1))})"], "frozenset({2, 4})"),
        .init("palette", ["frozenset({(3, 0), (5, 1)})"], "frozenset({3, 5})"),
        .init("palette", ["((), ())"], "frozenset()"),
        .init("palette", ["frozenset()"], "frozenset()"),
        .init("numcolors", [mixed], "4"),
        .init("numcolors", ["frozenset({(4, (0, 0)), (4, (0, 1)), (2, (1, 1))})"], "2"),
        .init("numcolors", ["()"], "0"),
        .init("color", ["frozenset({(6, (0, 0)), (6, (3, 1))})"], "6"),
        .init("color", ["frozenset({(3, 7), (1, 2)})"], "1"),
        .init("color", [mixed], "0"),
        .init("color", ["frozenset()"], raises: .stopIteration),
        .init("color", ["((), ())"], raises: .indexError),
        .init("color", ["4"], raises: .typeError),
    ]

    static let extraction: [PatchCall] = [
        .init(
            "toobject", ["frozenset({(0, 0), (1, 1), (5, 5), (-1, 0)})", mixed],
            "frozenset({(0, (0, 0)), (2, (1, 1))})"),
        .init("toobject", ["frozenset({(9, (0, 2)), (9, (2, 0))})", mixed], "frozenset({(1, (0, 2)), (3, (2, 0))})"),
        .init("toobject", ["frozenset()", mixed], "frozenset()"),
        .init("toobject", ["frozenset({(0, 0)})", "()"], raises: .indexError),
        .init("toobject", ["frozenset({(0, 0)})", "((), ())"], "frozenset()"),
        .init("toobject", ["frozenset({(0, 1)})", "((1, 2), (3,))"], "frozenset({(2, (0, 1))})"),
        .init("asobject", ["((1, 2), (3, 1))"], "frozenset({(1, (0, 0)), (1, (1, 1)), (2, (0, 1)), (3, (1, 0))})"),
        .init("asobject", ["((), ())"], "frozenset()"),
        .init("asobject", ["()"], "frozenset()"),
        .init("asobject", ["((7,), (8, 9))"], "frozenset({(7, (0, 0)), (8, (1, 0)), (9, (1, 1))})"),
        .init("asobject", ["5"], raises: .typeError),
        .init(
            "partition", [mixed],
            """
            frozenset({frozenset({(0, (0, 0)), (0, (0, 1)), (0, (1, 0)), (0, (1, 2)), (0, (2, 1)), (0, (2, 2))}), \
            frozenset({(1, (0, 2)), (1, (0, 3)), (1, (1, 3))}), frozenset({(2, (1, 1)), (2, (2, 3))}), \
            frozenset({(3, (2, 0))})})
            """),
        .init(
            "partition", ["((5, 5), (5, 5))"],
            "frozenset({frozenset({(5, (0, 0)), (5, (0, 1)), (5, (1, 0)), (5, (1, 1))})})"),
        .init("partition", ["((), ())"], "frozenset()"),
        .init(
            "fgpartition", [mixed],
            """
            frozenset({frozenset({(1, (0, 2)), (1, (0, 3)), (1, (1, 3))}), \
            frozenset({(2, (1, 1)), (2, (2, 3))}), frozenset({(3, (2, 0))})})
            """),
        .init("fgpartition", ["((5, 5), (5, 5))"], "frozenset()"),
        .init("fgpartition", ["((), ())"], raises: .valueError),
        .init("asindices", ["((1, 2, 3), (4, 5, 6))"], "frozenset({(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)})"),
        .init("asindices", ["((), ())"], "frozenset()"),
        .init("asindices", ["()"], "frozenset()"),
        .init("asindices", ["((1, 2, 3), (4,))"], "frozenset({(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)})"),
        .init("asindices", ["frozenset({(1, 2)})"], raises: .typeError),
        .init("ofcolor", [mixed, "1"], "frozenset({(0, 2), (0, 3), (1, 3)})"),
        .init("ofcolor", [mixed, "8"], "frozenset()"),
        .init("ofcolor", [mixed, "(1, 1)"], "frozenset()"),
        .init(
            "frontiers", ["((1, 1, 1), (2, 3, 1), (4, 4, 1))"],
            """
            frozenset({frozenset({(1, (0, 0)), (1, (0, 1)), (1, (0, 2))}), \
            frozenset({(1, (0, 2)), (1, (1, 2)), (1, (2, 2))})})
            """),
        .init("frontiers", ["((6,),)"], "frozenset({frozenset({(6, (0, 0))})})"),
        .init("frontiers", ["((), ())"], "frozenset()"),
        .init("frontiers", ["((1, 2), (3, 4))"], "frozenset()"),
        .init("frontiers", ["frozenset({(1, 2)})"], raises: .typeError),
    ]

    static let objects: [PatchCall] = [
        .init(
            "objects", [spots, "True", "False", "True"],
            """
            frozenset({frozenset({(1, (1, 1)), (1, (1, 2)), (1, (2, 1))}), \
            frozenset({(2, (1, 4)), (2, (2, 4))}), frozenset({(3, (3, 3))}), frozenset({(4, (4, 0))})})
            """),
        .init(
            "objects", [spots, "True", "True", "True"],
            """
            frozenset({frozenset({(1, (1, 1)), (1, (1, 2)), (1, (2, 1))}), \
            frozenset({(2, (1, 4)), (2, (2, 4))}), frozenset({(3, (3, 3))}), frozenset({(4, (4, 0))})})
            """),
        .init(
            "objects", [spots, "False", "False", "True"],
            """
            frozenset({frozenset({(1, (1, 1)), (1, (1, 2)), (1, (2, 1))}), \
            frozenset({(2, (1, 4)), (2, (2, 4))}), frozenset({(3, (3, 3))}), frozenset({(4, (4, 0))})})
            """),
        .init(
            "objects", [spots, "False", "True", "True"],
            """
            frozenset({frozenset({(1, (1, 1)), (1, (1, 2)), (1, (2, 1))}), \
            frozenset({(2, (1, 4)), (2, (2, 4)), (3, (3, 3))}), frozenset({(4, (4, 0))})})
            """),
        .init(
            "objects", ["((1, 1, 2), (2, 1, 2))", "True", "False", "False"],
            """
            frozenset({frozenset({(1, (0, 0)), (1, (0, 1)), (1, (1, 1))}), \
            frozenset({(2, (0, 2)), (2, (1, 2))}), frozenset({(2, (1, 0))})})
            """),
        .init(
            "objects", ["((1, 1, 2), (2, 1, 2))", "True", "True", "False"],
            """
            frozenset({frozenset({(1, (0, 0)), (1, (0, 1)), (1, (1, 1))}), \
            frozenset({(2, (0, 2)), (2, (1, 2))}), frozenset({(2, (1, 0))})})
            """),
        .init(
            "objects", ["((1, 0), (0, 1))", "False", "False", "False"],
            "frozenset({frozenset({(0, (0, 1)), (0, (1, 0)), (1, (0, 0)), (1, (1, 1))})})"),
        .init(
            "objects", ["((1, 0), (0, 1))", "False", "False", "True"],
            "frozenset({frozenset({(1, (0, 0))}), frozenset({(1, (1, 1))})})"),
        .init(
            "objects", ["((1, 0), (0, 1))", "(1,)", "0", "()"],
            """
            frozenset({frozenset({(0, (0, 1))}), frozenset({(0, (1, 0))}), frozenset({(1, (0, 0))}), \
            frozenset({(1, (1, 1))})})
            """),
        .init("objects", ["((3, 3), (3, 3))", "True", "True", "True"], "frozenset()"),
        .init("objects", ["((), ())", "True", "False", "False"], "frozenset()"),
        .init("objects", ["((), ())", "True", "False", "True"], raises: .valueError),
        .init(
            "objects", ["((100, 200), (200, 100))", "True", "False", "False"],
            """
            frozenset({frozenset({(100, (0, 0))}), frozenset({(100, (1, 1))}), frozenset({(200, (0, 1))}), \
            frozenset({(200, (1, 0))})})
            """),
        .init(
            "objects", ["((100, 200), (200, 200))", "True", "True", "True"],
            "frozenset({frozenset({(100, (0, 0))})})"),
        .init("objects", ["((1, 2), (1,))", "True", "False", "False"], raises: .indexError),
        .init("objects", ["frozenset({(1, 2)})", "True", "False", "False"], raises: .typeError),
    ]

    static let patterns: [PatchCall] = [
        .init(
            "occurrences", ["((1, 2, 1, 2), (0, 0, 1, 2))", "frozenset({(1, (5, 5)), (2, (5, 6))})"],
            "frozenset({(0, 0), (0, 2), (1, 2)})"),
        .init("occurrences", ["((1, 2), (3, 4))", "frozenset({(4, (0, 0))})"], "frozenset({(1, 1)})"),
        .init(
            "occurrences", ["((1, 2), (3, 4))", "frozenset({(1, (0, 0)), (1, (0, 1)), (1, (0, 2))})"], "frozenset()"),
        .init(
            "occurrences", ["((1, 2), (3, 4))", "frozenset()"],
            "frozenset({(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)})"),
        .init("occurrences", ["((1, 2), (3, 4))", "frozenset({(0, 0)})"], raises: .typeError),
        .init("occurrences", ["((1, 2), (3, 4))", "frozenset({(0, 0), (0, 5)})"], "frozenset()"),
        .init(
            "occurrences", ["((5, 0, 5), (0, 5, 0))", "frozenset({(5, (0, 0)), (5, (1, 1))})"],
            "frozenset({(0, 0)})"),
        .init("hperiod", ["frozenset({(1, (0, 0)), (2, (0, 1)), (1, (0, 2)), (2, (0, 3)), (1, (0, 4))})"], "2"),
        .init("hperiod", ["frozenset({(1, (3, 3)), (2, (3, 4)), (3, (3, 5))})"], "3"),
        .init("hperiod", ["frozenset({(1, (0, 0)), (1, (0, 1)), (1, (0, 2))})"], "1"),
        .init("hperiod", ["frozenset({(0, 0), (1, 0)})"], "1"),
        .init("hperiod", ["frozenset({(0, 0), (0, 1)})"], raises: .typeError),
        .init("hperiod", ["frozenset()"], "0"),
        .init("vperiod", ["frozenset({(1, (2, 0)), (2, (3, 0)), (1, (4, 0)), (2, (5, 0))})"], "2"),
        .init("vperiod", ["frozenset({(1, (0, 0)), (2, (1, 0)), (2, (2, 0))})"], "3"),
        .init("vperiod", ["frozenset({(0, 0), (1, 0)})"], raises: .typeError),
        .init("vperiod", ["frozenset()"], "0"),
    ]

    @Test(arguments: colors)
    func colorsCountGridItemsOrFirstItemsOfElements(call: PatchCall) throws { try call.verify() }

    @Test(arguments: extraction)
    func objectsAndIndicesReadOffGrids(call: PatchCall) throws { try call.verify() }

    @Test(arguments: objects)
    func objectsAreTheConnectedComponentsOfDslPy(call: PatchCall) throws { try call.verify() }

    @Test(arguments: patterns)
    func occurrencesAndPeriods(call: PatchCall) throws { try call.verify() }

    /// A 30 by 30 grid of colours 0 to 3 from a fixed linear congruential sequence.
    static let largeGrid: Value = {
        var state: UInt64 = 12345
        let rows = (0..<30).map { _ in
            (0..<30).map { _ -> Int in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(state >> 61) % 4
            }
        }
        return Grid(rows: rows).map(Value.grid) ?? .none
    }()

    private func apply(_ name: String, _ args: Value..., budget: Int = 50_000_000) throws -> Value {
        let primitive = try #require(Primitives.named(name))
        return try primitive.apply(args, EvaluationContext(timeLimit: nil, budget: budget))
    }

    @Test(arguments: [(true, false), (true, true), (false, false), (false, true)])
    func objectsWithoutBackgroundRemovalCoverEveryCellExactlyOnce(univalued: Bool, diagonal: Bool) throws {
        let found = try apply("objects", Self.largeGrid, .bool(univalued), .bool(diagonal), .false)
        var cells: [Cell] = []
        for object in try found.pythonElements() {
            guard case .object(let members) = object else {
                Issue.record("not an object: \(object)")
                return
            }
            if univalued { #expect(Set(members.map(\.color)).count == 1) }
            cells.append(contentsOf: members)
        }
        #expect(cells.count == 900)
        #expect(Value.object(of: cells) == (try apply("asobject", Self.largeGrid)))
        if !univalued { #expect(try found.pythonLength() == 1) }
    }

    @Test func objectsWithBackgroundRemovalLeaveOutExactlyTheMostCommonColour() throws {
        let background = try apply("mostcolor", Self.largeGrid)
        let found = try apply("objects", Self.largeGrid, .true, .false, .true)
        let covered = try found.pythonElements().reduce(0) { $0 + (try $1.pythonLength()) }
        let backgroundCells = try apply("colorcount", Self.largeGrid, background)
        #expect(backgroundCells == .int(900 - covered))
        for object in try found.pythonElements() {
            #expect(try apply("color", object) != background)
        }
    }

    @Test func occurrencesOfAnObjectCutFromTheGridIncludeItsOwnPlace() throws {
        let patch = try Value(literal: "frozenset({(4, 7), (4, 8), (5, 7), (6, 9)})")
        let piece = try apply("toobject", patch, Self.largeGrid)
        let found = try apply("occurrences", Self.largeGrid, piece)
        #expect(try found.pythonContains(.pair(4, 7)))
    }

    @Test func occurrencesWatchTheDeadlineWhileComparing() throws {
        let grid = Value.grid(Grid(height: 200, width: 200, filling: 1))
        let block = Value.object((0..<10).flatMap { i in (0..<10).map { Cell(1, i, $0) } })
        let expired = EvaluationContext(timeLimit: 0)
        #expect(throws: DSLError.timeout) {
            try Primitives.named("occurrences")!.apply([grid, block], expired)
        }
        #expect(try apply("occurrences", grid, block).pythonLength() == 191 * 191)
    }

    @Test func periodsOfAVeryWideObjectAreStoppedByTheBudget() throws {
        let wide = try Value(literal: "frozenset({(1, (0, 0)), (2, (0, 1000000000))})")
        #expect(throws: DSLError.self) { try apply("hperiod", wide, budget: 1_000_000) }
        #expect(try apply("vperiod", wide) == .int(1))
    }
}
