import Testing

@testable import BattDSL

/// The canonical order of frozensets and its fast paths: comparing values of different kinds,
/// building sets of objects, and calling one-argument lambdas without argument arrays must agree
/// with the plain definitions these tests spell out.
@Suite struct CanonicalOrderTests {
    let context = EvaluationContext(timeLimit: 10)

    /// The order by definition: None < ints < tuples < frozensets < functions, containers element
    /// by element over their iteration order, then by length.
    static func referenceCompare(_ a: Value, _ b: Value) -> Int {
        func rank(_ v: Value) -> Int {
            switch v {
            case .none: return 0
            case .int, .bigInt: return 1
            case .pair, .grid, .otherTuple: return 2
            case .indices, .object, .otherSet: return 3
            case .function: return 4
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb ? -1 : 1 }
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        guard ra == 2 || ra == 3, let x = try? a.pythonElements(), let y = try? b.pythonElements() else {
            return a.canonicalCompare(b)
        }
        for k in 0..<min(x.count, y.count) {
            let c = referenceCompare(x[k], y[k])
            if c != 0 { return c }
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// Patches, the empty set, pairs, grids, cells and other tuples: values whose kinds differ
    /// but whose elements compare.
    static let mixedValues: [Value] = {
        var state: UInt64 = 0x51A2_ED00_0011
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var values: [Value] = [.emptySet, .emptyTuple, .none, .int(0), .int(2)]
        for k in 0..<30 {
            let points = (0..<(1 + next(4))).map { _ in Point(next(3), next(3)) }
            switch k % 6 {
            case 0: values.append(.indices(of: points))
            case 1: values.append(.object(of: points.map { Cell(next(3), $0) }))
            case 2: values.append(.pair(next(3), next(3)))
            case 3:
                let width = 1 + next(3)
                let rows = (0..<(1 + next(2))).map { _ in Value.intTuple((0..<width).map { _ in next(3) }) }
                values.append(.tuple(rows))
            case 4: values.append(.cell(Cell(next(3), points[0])))
            default: values.append(.set([.int(next(3)), .pair(next(3), next(3))]))
            }
        }
        return values
    }()

    @Test func valuesOfDifferentKindsCompareElementByElement() {
        for a in Self.mixedValues {
            for b in Self.mixedValues {
                #expect(a.canonicalCompare(b) == Self.referenceCompare(a, b), "\(a) against \(b)")
            }
        }
    }

    @Test func aSetOfObjectsWithRepeatsAndTheEmptySetIsSortedAndUnique() throws {
        let patches = Self.mixedValues.filter {
            if case .object = $0 { return true }
            return false
        }
        try #require(patches.count > 3)
        let elements = patches + [.emptySet] + patches.reversed() + [.emptySet]
        var expected: [Value] = []
        for element in elements.sorted(by: { Self.referenceCompare($0, $1) < 0 })
        where expected.last.map({ Self.referenceCompare($0, element) != 0 }) ?? true {
            expected.append(element)
        }
        #expect(Value.set(elements) == .otherSet(expected))
    }

    @Test func aSetOfLocationSetsWithRepeatsAndTheEmptySetIsSortedAndUnique() throws {
        // What `prapply(connect, a, b)` builds: segments, each twice, and many empty sets.
        let patches = Self.mixedValues.filter {
            if case .indices = $0 { return true }
            return false
        }
        try #require(patches.count > 3)
        let elements = [.emptySet] + patches + [.emptySet] + patches.reversed() + [.emptySet]
        var expected: [Value] = []
        for element in elements.sorted(by: { Self.referenceCompare($0, $1) < 0 })
        where expected.last.map({ Self.referenceCompare($0, element) != 0 }) ?? true {
            expected.append(element)
        }
        #expect(Value.set(elements) == .otherSet(expected))
        // Location sets among objects take the general path, in the same order.
        let mixed =
            elements
            + Self.mixedValues.filter {
                if case .object = $0 { return true }
                return false
            }
        #expect(try Value.set(mixed).pythonElements() == Value.sortedUniqueValues(mixed))
    }

    @Test func aSelectionInSetOrderBuildsTheSameSetAsSortingIt() throws {
        let sorted = Value.set(Self.mixedValues)
        let elements = try sorted.pythonElements()
        for drop in 0..<elements.count {
            var selection = elements
            selection.remove(at: drop)
            #expect(Value.set(sortedUnique: selection) == Value.set(selection))
        }
        // Locations and cells left alone in a selection become their typed sets.
        #expect(Value.set(sortedUnique: [.pair(0, 1), .pair(2, 0)]) == .indices([Point(0, 1), Point(2, 0)]))
        #expect(Value.set(sortedUnique: [.cell(Cell(1, 0, 0))]) == .object([Cell(1, 0, 0)]))
    }

    /// Functions of one argument built by the higher-order primitives.
    func lambdas() throws -> [Function] {
        func value(_ name: String) throws -> Value { try #require(Primitives.value(named: name)) }
        func call(_ name: String, _ args: Value...) throws -> Function {
            try #require(Primitives.named(name)).apply(args, context).asFunction()
        }
        return [
            try call("compose", value("first"), value("last")),
            try call("chain", value("size"), value("first"), value("last")),
            try call("matcher", value("size"), .int(2)),
            try call("fork", value("add"), value("size"), value("size")),
            try call("power", value("first"), .int(2)),
            try call("rbind", value("add"), .int(1)),
            try call("lbind", value("subtract"), .int(10)),
            // `size` of an int raises: the error must be the same whichever way it is called.
            try call("compose", value("size"), value("first")),
            try call("rbind", value("astuple"), .int(3)),
            // Walks of first and last elements, taken without the nested calls.
            try call("chain", value("first"), value("last"), value("first")),
            try call("power", .function(call("compose", value("last"), value("first"))), .int(3)),
            try call("compose", value("first"), .function(call("power", value("last"), .int(2)))),
        ]
    }

    /// dsl.py's nested lambdas, call by call, for functions of one argument (frames aside).
    static func nestedCall(_ function: Function, _ x: Value, _ context: EvaluationContext) throws -> Value {
        switch function.kind {
        case .primitive(let p): return try p.apply([x], context)
        case .composed(let outer, let inner): return try nestedCall(outer, nestedCall(inner, x, context), context)
        case .chained(let h, let g, let f):
            return try nestedCall(h, nestedCall(g, nestedCall(f, x, context), context), context)
        case .power(let f, let times):
            var value = x
            for _ in 0..<times {
                try context.charge(1)
                value = try nestedCall(f, value, context)
            }
            return value
        default: return try function.call([x], context)
        }
    }

    @Test func aWalkOfFirstAndLastElementsChargesAndFailsAsItsNestedCalls() throws {
        let arguments: [Value] = [
            .otherTuple([.cell(Cell(1, 2, 3)), .cell(Cell(4, 5, 6))]),
            .otherSet([.pair(1, 2), .indices([Point(0, 1)])]),
            .pair(3, 4), .int(7), .emptyTuple,
        ]
        for function in try lambdas() {
            for argument in arguments {
                let walked = EvaluationContext(timeLimit: 10, budget: 100)
                let nested = EvaluationContext(timeLimit: 10, budget: 100)
                let direct = Result { try function.call1(argument, walked) }
                let general = Result { try Self.nestedCall(function, argument, nested) }
                #expect(walked.remainingBudget == nested.remainingBudget, "\(function) on \(argument)")
                #expect("\(direct)" == "\(general)", "\(function) on \(argument)")
            }
        }
    }

    @Test func aLambdaCalledWithOneArgumentIsTheGeneralCall() throws {
        let arguments: [Value] = [
            .pair(3, 4), .otherTuple([.pair(1, 2), .int(5)]), .int(7), .indices([Point(0, 1), Point(1, 1)]),
        ]
        for function in try lambdas() {
            for argument in arguments {
                let depth = context.frameDepth
                let direct = Result { try function.call1(argument, context) }
                #expect(context.frameDepth == depth)
                let general = Result { try function.call([argument], context) }
                switch (direct, general) {
                case (.success(let x), .success(let y)): #expect(x == y, "\(function) on \(argument)")
                case (.failure(let x), .failure(let y)):
                    #expect("\(x)" == "\(y)", "\(function) on \(argument)")
                default: Issue.record("\(function) on \(argument): \(direct) against \(general)")
                }
            }
        }
    }
}
