@testable import BattDSL

/// Draws random DSL values of every kind a program can hold: grids, ints, pairs, tuples, patches,
/// sets of patches, the empty containers, None, and functions (primitives and functions built
/// from them by the higher-order primitives).
struct RandomValues {
    var random: SplitMix64
    /// The largest grid side drawn.
    let maximumSide: Int
    /// The most elements drawn for a patch, a set of patches or a tuple.
    let maximumCount: Int

    private static let primitiveNames = Primitives.all.map(\.name)

    /// - Parameter large: draw ARC-sized grids (up to 30x30) and containers of hundreds of elements,
    ///   to reach the slow paths; else grids up to 12x12 and containers of a few elements.
    init(seed: UInt64, large: Bool = false) {
        random = SplitMix64(seed: seed)
        (maximumSide, maximumCount) = large ? (30, 400) : (12, 10)
    }

    /// Any value, with grids, patches and functions drawn most often since most primitives take them.
    mutating func value(depth: Int = 0) -> Value {
        switch random.int(in: 0...99) {
        case 0..<22: return .grid(grid())
        case 22..<34: return .int(int())
        case 34..<42: return pair()
        case 42..<52: return indices()
        case 52..<62: return object()
        case 62..<68: return patchSet()
        case 68..<74: return depth < 2 ? tuple(depth: depth + 1) : .int(int())
        case 74..<77: return intContainer()
        case 77..<80: return gridTuple()
        case 80..<82: return .emptySet
        case 82..<84: return .emptyTuple
        case 84..<86: return .none
        case 86..<90: return extracted()
        default: return .function(function(depth: depth))
        }
    }

    /// Sizes no grid can have and the ends of `Int`, where unchecked arithmetic would trap.
    private static let extremeInts = [-1_000, 30, 100, 1_000, 1 << 31, 1 << 62, .max, .max - 1, .min, .min + 1]

    /// An int in -3...12, often 0 or 1 (False / True), rarely an extreme one.
    mutating func int() -> Int {
        if random.chance(3) { return random.pick(RandomValues.extremeInts) }
        return random.chance(20) ? random.int(in: 0...1) : random.int(in: -3...12)
    }

    mutating func pair() -> Value {
        random.chance(50) ? .pair(random.int(in: -2...2), random.int(in: -2...2)) : .pair(int(), int())
    }

    /// A grid of 1x1 to 12x12 cells (sometimes one cell, sometimes one colour, rarely zero-width)
    /// with a background colour and a few others, so that it holds objects.
    mutating func grid() -> Grid {
        if random.chance(3) { return Grid(height: random.int(in: 1...3), width: 0, cells: []) }
        if random.chance(12) { return Grid(height: 1, width: 1, filling: Int8(random.int(in: 0...9))) }
        let height = random.int(in: 1...maximumSide)
        let width = random.chance(25) ? height : random.int(in: 1...maximumSide)
        let background = Int8(random.int(in: 0...9))
        if random.chance(12) { return Grid(height: height, width: width, filling: background) }
        let palette = (0..<random.int(in: 1...3)).map { _ in Int8(random.int(in: 0...9)) }
        let backgroundShare = random.int(in: 30...90)
        var cells: [Int8] = []
        cells.reserveCapacity(height * width)
        for _ in 0..<(height * width) {
            cells.append(random.chance(backgroundShare) ? background : random.pick(palette))
        }
        return Grid(height: height, width: width, cells: cells)
    }

    mutating func point() -> Point {
        random.chance(90)
            ? Point(random.int(in: 0...(maximumSide - 3)), random.int(in: 0...(maximumSide - 3)))
            : Point(random.int(in: -3...14), random.int(in: -3...14))
    }

    /// A non-empty frozenset of locations: scattered, or a filled rectangle, or one location.
    mutating func points() -> [Point] {
        switch random.int(in: 0...2) {
        case 0:
            return [point()]
        case 1:
            let corner = point()
            let side = maximumSide / 3
            let (h, w) = (random.int(in: 1...side), random.int(in: 1...side))
            return (0..<h).flatMap { di in (0..<w).map { dj in Point(corner.i + di, corner.j + dj) } }
        default:
            return (0..<random.int(in: 1...maximumCount)).map { _ in point() }
        }
    }

    mutating func indices() -> Value {
        .indices(of: points())
    }

    /// A non-empty object, of one colour or several.
    mutating func object() -> Value {
        let single = random.chance(50) ? random.int(in: 0...9) : nil
        return .object(of: points().map { Cell(single ?? random.int(in: 0...9), $0) })
    }

    /// A frozenset of patches, as `objects` or `partition` return.
    mutating func patchSet() -> Value {
        .set((0..<random.int(in: 1...(maximumCount / 2 - 1))).map { _ in random.chance(70) ? object() : indices() })
    }

    /// A tuple of 0 to 4 values of any kind (canonical: it may come out a pair or a grid).
    mutating func tuple(depth: Int) -> Value {
        .tuple((0..<random.int(in: 0...4)).map { _ in value(depth: depth) })
    }

    /// A tuple or frozenset of ints, or a tuple of locations (a patch given as a tuple).
    mutating func intContainer() -> Value {
        let count = random.int(in: 1...(maximumCount / 2))
        switch random.int(in: 0...2) {
        case 0: return .tuple((0..<count).map { _ in .int(int()) })
        case 1: return .set((0..<count).map { _ in .int(int()) })
        default: return .tuple((0..<count).map { _ in .point(point()) })
        }
    }

    /// Grids side by side, as `hsplit` returns them (equal shapes become a tuple of grids).
    mutating func gridTuple() -> Value {
        let first = grid()
        let count = random.int(in: 1...3)
        if random.chance(50) {
            return .tuple((0..<count).map { _ in .grid(first) })
        }
        return .tuple([.grid(first)] + (1..<count).map { _ in .grid(grid()) })
    }

    /// What a real extraction primitive makes of a random grid: objects, a partition, or cells.
    mutating func extracted() -> Value {
        let source = Value.grid(grid())
        let call: (String, [Value])
        switch random.int(in: 0...3) {
        case 0:
            call = ("objects", [source, .bool(random.chance(50)), .bool(random.chance(50)), .bool(random.chance(50))])
        case 1: call = ("partition", [source])
        case 2: call = ("fgpartition", [source])
        default: call = ("asobject", [source])
        }
        return RandomValues.build(call.0, call.1) ?? source
    }

    /// A function: a primitive, or one built with rbind, lbind, compose, chain, fork, matcher or power.
    mutating func function(depth: Int = 0) -> Function {
        let primitive = primitiveFunction()
        if depth >= 2 || random.chance(40) { return primitive }
        let built: Value?
        switch random.int(in: 0...6) {
        case 0: built = RandomValues.build("rbind", [.function(primitive), smallValue()])
        case 1: built = RandomValues.build("lbind", [.function(primitive), smallValue()])
        case 2: built = RandomValues.build("compose", [.function(function(depth: depth + 1)), .function(primitive)])
        case 3:
            built = RandomValues.build(
                "chain",
                [
                    .function(primitive), .function(function(depth: depth + 1)),
                    .function(primitiveFunction()),
                ])
        case 4:
            built = RandomValues.build(
                "fork",
                [
                    .function(function(depth: depth + 1)), .function(primitive),
                    .function(primitiveFunction()),
                ])
        case 5: built = RandomValues.build("matcher", [.function(primitive), smallValue()])
        default: built = RandomValues.build("power", [.function(primitive), .int(random.int(in: 1...4))])
        }
        if case .function(let function)? = built { return function }
        return primitive
    }

    mutating func primitiveFunction() -> Function {
        Primitives.functions[random.pick(RandomValues.primitiveNames)] ?? Function(Primitives.all[0])
    }

    /// A value a function might be bound to or compared with: an int, a pair, a small patch or grid.
    mutating func smallValue() -> Value {
        switch random.int(in: 0...4) {
        case 0, 1: return .int(int())
        case 2: return pair()
        case 3: return random.chance(50) ? indices() : object()
        default: return .grid(grid())
        }
    }

    /// Applies a primitive outside any program, for building inputs; nil when it raises.
    static func build(_ name: String, _ arguments: [Value]) -> Value? {
        guard let primitive = Primitives.named(name) else { return nil }
        return try? primitive.apply(arguments, EvaluationContext(timeLimit: 1, budget: 100_000))
    }
}
