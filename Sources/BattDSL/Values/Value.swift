import BigInt

/// A value of the ARC DSL, with Python's semantics.
///
/// Every Python value a DSL program can make has exactly one representation here, so structural
/// equality is Python's `==`. Booleans are stored as the ints 0 and 1 (in Python `True == 1` and
/// they hash alike). Ints are unbounded as in Python: `.int` holds those that fit in 64 bits and
/// `.bigInt` only the others. The specialised cases carry the hot path: a tuple of two ints is `.pair`,
/// a rectangular tuple of int tuples is `.grid`, a frozenset of `(i, j)` is `.indices` and a
/// frozenset of `(color, (i, j))` is `.object`. Build tuples and sets with `Value.tuple(_:)` and
/// `Value.set(_:)`, which pick the canonical case. Frozensets iterate in sorted order.
public enum Value: Sendable {
    case none
    case int(Int)
    /// An int beyond 64 bits (never one that fits: that is `.int`).
    case bigInt(LargeInt)
    case pair(Int, Int)
    case grid(Grid)
    /// A tuple that is none of the specialised shapes (never a pair or a grid).
    case otherTuple([Value])
    /// A non-empty frozenset of locations, sorted and unique.
    case indices([Point])
    /// A non-empty frozenset of cells, sorted and unique.
    case object([Cell])
    /// Any other frozenset (including the empty one), sorted in canonical order and unique.
    case otherSet([Value])
    case function(Function)

    public static let `true` = Value.int(1)
    public static let `false` = Value.int(0)
    public static let emptySet = Value.otherSet([])
    public static let emptyTuple = Value.otherTuple([])

    @inlinable public static func bool(_ b: Bool) -> Value { .int(b ? 1 : 0) }
    @inlinable public static func point(_ p: Point) -> Value { .pair(p.i, p.j) }
    @inlinable public static func cell(_ c: Cell) -> Value {
        .otherTuple([.int(c.color), .pair(c.point.i, c.point.j)])
    }
}

// MARK: - Kinds

extension Value {
    /// Python's type name, for error messages.
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .int, .bigInt: return "int"
        case .pair, .grid, .otherTuple: return "tuple"
        case .indices, .object, .otherSet: return "frozenset"
        case .function: return "function"
        }
    }

    @inlinable public var isTuple: Bool {
        switch self {
        case .pair, .grid, .otherTuple: return true
        default: return false
        }
    }

    @inlinable public var isSet: Bool {
        switch self {
        case .indices, .object, .otherSet: return true
        default: return false
        }
    }

    /// Whether this is a Python int, of any size.
    @inlinable public var isInt: Bool {
        switch self {
        case .int, .bigInt: return true
        default: return false
        }
    }

    /// Python truthiness.
    @inlinable public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .int(let n): return n != 0
        case .bigInt: return true
        case .pair, .grid, .indices, .object, .function: return true
        case .otherTuple(let elements): return !elements.isEmpty
        case .otherSet(let elements): return !elements.isEmpty
        }
    }
}

// MARK: - Canonical construction

extension Value {
    /// A Python tuple of these elements, in its canonical representation.
    public static func tuple(_ elements: [Value]) -> Value {
        if elements.count == 2, case .int(let a) = elements[0], case .int(let b) = elements[1] {
            return .pair(a, b)
        }
        if let grid = gridIfRectangular(elements) { return .grid(grid) }
        return .otherTuple(elements)
    }

    private static func gridIfRectangular(_ rows: [Value]) -> Grid? {
        guard !rows.isEmpty else { return nil }
        // Most tuples that are no grid (pairs of cells, of patches) show it in their first row:
        // settle that before allocating any cells.
        switch rows[0] {
        case .pair: break
        case .otherTuple(let items):
            for item in items {
                guard case .int = item else { return nil }
            }
        default: return nil
        }
        var width = -1
        var cells: [Int8] = []
        for row in rows {
            switch row {
            case .pair(let a, let b):
                guard width == -1 || width == 2, let x = Int8(exactly: a), let y = Int8(exactly: b) else { return nil }
                width = 2
                cells.append(x)
                cells.append(y)
            case .otherTuple(let items):
                guard width == -1 || width == items.count else { return nil }
                width = items.count
                for item in items {
                    guard case .int(let v) = item, let small = Int8(exactly: v) else { return nil }
                    cells.append(small)
                }
            default:
                return nil
            }
        }
        return Grid(height: rows.count, width: width, cells: cells)
    }

    /// A tuple of ints (a grid row, an interval), canonical.
    public static func intTuple(_ ints: [Int]) -> Value {
        if ints.count == 2 { return .pair(ints[0], ints[1]) }
        return .tuple(ints.map(Value.int))
    }

    /// A grid value from a grid, or the canonical tuple when a dimension makes it no grid.
    @inlinable public static func grid(orEmpty grid: Grid?) -> Value {
        if let grid { return .grid(grid) }
        return .emptyTuple
    }

    /// A Python frozenset of these elements (any order, duplicates allowed), canonical.
    public static func set(_ elements: [Value]) -> Value {
        canonicalSet(elements, sorted: false)
    }

    /// A frozenset of elements already in canonical order and unique (a selection from a set, or
    /// pairs of sorted factors in order), canonical: nothing is sorted again.
    public static func set(sortedUnique elements: [Value]) -> Value {
        canonicalSet(elements, sorted: true)
    }

    private static func canonicalSet(_ elements: [Value], sorted: Bool) -> Value {
        if elements.isEmpty { return .emptySet }
        var allPairs = true
        var allCells = true
        for element in elements {
            switch element {
            case .pair:
                allCells = false
            case .otherTuple(let items):
                allPairs = false
                if allCells {
                    if items.count == 2, case .int = items[0], case .pair = items[1] {} else { allCells = false }
                }
            default:
                allPairs = false
                allCells = false
            }
            if !allPairs && !allCells { break }
        }
        // Canonical order of `(i, j)` and `(color, (i, j))` tuples is that of `Point` and `Cell`.
        if allPairs {
            let points = elements.map { element in
                guard case .pair(let i, let j) = element else { fatalError("unreachable") }
                return Point(i, j)
            }
            return .indices(sorted ? points : points.sortedUnique())
        }
        if allCells {
            let cells = elements.map { element in
                guard case .otherTuple(let items) = element, case .int(let c) = items[0],
                    case .pair(let i, let j) = items[1]
                else { fatalError("unreachable") }
                return Cell(c, i, j)
            }
            return .object(sorted ? cells : cells.sortedUnique())
        }
        if sorted { return .otherSet(elements) }
        if let patches = sortedUniqueObjects(elements) { return .otherSet(patches) }
        if let patches = sortedUniqueIndices(elements) { return .otherSet(patches) }
        return .otherSet(sortedUniqueValues(elements))
    }

    /// The canonical elements of a frozenset of objects (and perhaps the empty set), as `apply`
    /// makes them: the distinct objects, sorted by their cells. Nil when another value is among them.
    ///
    /// Such sets hold many equal objects, so this drops duplicates by hashing before it sorts, and
    /// compares the cells without going through `Value`.
    private static func sortedUniqueObjects(_ elements: [Value]) -> [Value]? {
        var distinct = Set<[Cell]>()
        var hasEmpty = false
        for element in elements {
            switch element {
            case .object(let cells): distinct.insert(cells)
            case .otherSet(let members) where members.isEmpty: hasEmpty = true
            default: return nil
            }
        }
        // The empty set precedes every object: a prefix of every element list.
        var result: [Value] = hasEmpty ? [.emptySet] : []
        result.reserveCapacity(distinct.count + result.count)
        for cells in distinct.sorted(by: { Value.lexicographic($0, $1) < 0 }) { result.append(.object(cells)) }
        return result
    }

    /// The canonical elements of a frozenset of location sets (and perhaps the empty set), as
    /// `prapply(connect, ...)` makes them: as `sortedUniqueObjects` does for objects. Nil when
    /// another value is among them.
    private static func sortedUniqueIndices(_ elements: [Value]) -> [Value]? {
        var distinct = Set<[Point]>()
        var hasEmpty = false
        for element in elements {
            switch element {
            case .indices(let points): distinct.insert(points)
            case .otherSet(let members) where members.isEmpty: hasEmpty = true
            default: return nil
            }
        }
        var result: [Value] = hasEmpty ? [.emptySet] : []
        result.reserveCapacity(distinct.count + result.count)
        for points in distinct.sorted(by: { Value.lexicographic($0, $1) < 0 }) { result.append(.indices(points)) }
        return result
    }

    static func sortedUniqueValues(_ elements: [Value]) -> [Value] {
        if elements.count < 2 { return elements }
        // A selection from a set or a product of sorted factors comes in set order already:
        // then there is nothing to sort or remove.
        var k = 1
        while k < elements.count && elements[k - 1].canonicalCompare(elements[k]) < 0 { k += 1 }
        if k == elements.count { return elements }
        let sorted = elements.sorted { $0.canonicallyPrecedes($1) }
        var result: [Value] = [sorted[0]]
        result.reserveCapacity(sorted.count)
        for element in sorted.dropFirst() where element != result[result.count - 1] {
            result.append(element)
        }
        return result
    }

    /// A frozenset of locations, canonical (empty becomes the empty set).
    @inlinable public static func indices(of points: [Point]) -> Value {
        points.isEmpty ? .emptySet : .indices(points.sortedUnique())
    }

    /// A frozenset of locations already sorted and unique.
    @inlinable public static func indices(sortedUnique points: [Point]) -> Value {
        points.isEmpty ? .emptySet : .indices(points)
    }

    /// A frozenset of cells, canonical (empty becomes the empty set).
    @inlinable public static func object(of cells: [Cell]) -> Value {
        cells.isEmpty ? .emptySet : .object(cells.sortedUnique())
    }
}

// MARK: - Equality and canonical order

extension Value: Equatable {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.int(let x), .int(let y)): return x == y
        case (.bigInt(let x), .bigInt(let y)): return x.value == y.value
        case (.pair(let a0, let a1), .pair(let b0, let b1)): return a0 == b0 && a1 == b1
        case (.grid(let x), .grid(let y)): return x == y
        case (.otherTuple(let x), .otherTuple(let y)): return x == y
        case (.indices(let x), .indices(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        case (.otherSet(let x), .otherSet(let y)): return x == y
        case (.function(let x), .function(let y)): return x.isSame(as: y)
        default: return false
        }
    }
}

extension Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .none: hasher.combine(0)
        case .int(let n):
            hasher.combine(1)
            hasher.combine(n)
        case .bigInt(let big):
            hasher.combine(1)
            hasher.combine(big.value)
        case .pair(let a, let b):
            hasher.combine(2)
            hasher.combine(a)
            hasher.combine(b)
        case .grid(let g):
            hasher.combine(3)
            hasher.combine(g)
        case .otherTuple(let t):
            hasher.combine(4)
            hasher.combine(t)
        case .indices(let p):
            hasher.combine(5)
            hasher.combine(p)
        case .object(let c):
            hasher.combine(6)
            hasher.combine(c)
        case .otherSet(let s):
            hasher.combine(7)
            hasher.combine(s)
        case .function(let f):
            hasher.combine(8)
            hasher.combine(f.orderingKey)
        }
    }
}

extension Value {
    /// The deterministic total order in which frozensets iterate:
    /// None < ints < tuples (element by element) < frozensets (element by element) < functions.
    public func canonicallyPrecedes(_ other: Value) -> Bool {
        canonicalCompare(other) < 0
    }

    private var orderRank: Int {
        switch self {
        case .none: return 0
        case .int, .bigInt: return 1
        case .pair, .grid, .otherTuple: return 2
        case .indices, .object, .otherSet: return 3
        case .function: return 4
        }
    }

    /// Three-way canonical comparison (-1, 0, 1).
    public func canonicalCompare(_ other: Value) -> Int {
        switch (self, other) {
        case (.int(let x), .int(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.pair(let a0, let a1), .pair(let b0, let b1)):
            if a0 != b0 { return a0 < b0 ? -1 : 1 }
            return a1 < b1 ? -1 : (a1 == b1 ? 0 : 1)
        case (.indices(let x), .indices(let y)):
            return Value.lexicographic(x, y)
        case (.object(let x), .object(let y)):
            return Value.lexicographic(x, y)
        case (.function(let f), .function(let g)):
            return f.orderingKey < g.orderingKey ? -1 : (f.orderingKey == g.orderingKey ? 0 : 1)
        default:
            break
        }
        let (ra, rb) = (orderRank, other.orderRank)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch ra {
        case 0: return 0
        case 1:
            // At least one of them is a big int.
            guard let x = bigIntValue, let y = other.bigIntValue else { return 0 }
            return x < y ? -1 : (x == y ? 0 : 1)
        case 2:
            if case .grid(let x) = self, case .grid(let y) = other { return Value.compareRows(x, y) }
            // Element by element, building an element only when it is compared: the first
            // difference usually decides, and a grid's or a pair's elements are not stored as values.
            let (m, n) = (tupleCount, other.tupleCount)
            for k in 0..<Swift.min(m, n) {
                let c = tupleElement(k).canonicalCompare(other.tupleElement(k))
                if c != 0 { return c }
            }
            return m < n ? -1 : (m == n ? 0 : 1)
        default:
            // Frozensets of different kinds (an empty set among objects, locations among cells):
            // element by element as above, never materialising a whole set of cells.
            let (m, n) = (setCount, other.setCount)
            for k in 0..<Swift.min(m, n) {
                let c = setElement(k).canonicalCompare(other.setElement(k))
                if c != 0 { return c }
            }
            return m < n ? -1 : (m == n ? 0 : 1)
        }
    }

    /// Two grids as tuples of row tuples: row by row, each cell by cell and then by width.
    private static func compareRows(_ x: Grid, _ y: Grid) -> Int {
        let shared = Swift.min(x.width, y.width)
        for row in 0..<Swift.min(x.height, y.height) {
            for column in 0..<shared {
                let (a, b) = (x.cells[row * x.width + column], y.cells[row * y.width + column])
                if a != b { return a < b ? -1 : 1 }
            }
            if x.width != y.width { return x.width < y.width ? -1 : 1 }
        }
        return x.height < y.height ? -1 : (x.height == y.height ? 0 : 1)
    }

    private var tupleCount: Int {
        switch self {
        case .pair: return 2
        case .grid(let g): return g.height
        case .otherTuple(let t): return t.count
        default: return 0
        }
    }

    /// Element `k` of a tuple-like value (`k < tupleCount`).
    private func tupleElement(_ k: Int) -> Value {
        switch self {
        case .pair(let a, let b): return .int(k == 0 ? a : b)
        case .grid(let g): return g.rowValue(k)
        case .otherTuple(let t): return t[k]
        default: return .none
        }
    }

    private var setCount: Int {
        switch self {
        case .indices(let p): return p.count
        case .object(let c): return c.count
        case .otherSet(let s): return s.count
        default: return 0
        }
    }

    /// Element `k` of a set-like value in iteration order (`k < setCount`).
    private func setElement(_ k: Int) -> Value {
        switch self {
        case .indices(let p): return .point(p[k])
        case .object(let c): return .cell(c[k])
        case .otherSet(let s): return s[k]
        default: return .none
        }
    }

    static func lexicographic<T: Comparable>(_ x: [T], _ y: [T]) -> Int {
        for k in 0..<Swift.min(x.count, y.count) where x[k] != y[k] {
            return x[k] < y[k] ? -1 : 1
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// Elements of a tuple-like value (empty for others).
    var tupleElements: [Value] {
        switch self {
        case .pair(let a, let b): return [.int(a), .int(b)]
        case .grid(let g): return (0..<g.height).map { g.rowValue($0) }
        case .otherTuple(let t): return t
        default: return []
        }
    }

    /// Elements of a set-like value, in iteration order (empty for others).
    var setElements: [Value] {
        switch self {
        case .indices(let p): return p.map(Value.point)
        case .object(let c): return c.map(Value.cell)
        case .otherSet(let s): return s
        default: return []
        }
    }
}

extension Grid {
    /// Row `i` as a DSL value (a tuple of ints).
    @inlinable public func rowValue(_ i: Int) -> Value {
        if width == 2 { return .pair(Int(cells[2 * i]), Int(cells[2 * i + 1])) }
        return .tuple(row(i).map { .int(Int($0)) })
    }
}

// MARK: - Printing (Python repr, for messages and debugging)

extension Value: CustomStringConvertible {
    public var description: String {
        switch self {
        case .none: return "None"
        case .int(let n): return String(n)
        case .bigInt(let big): return Value.largeIntDescription(big.value)
        case .pair(let a, let b): return "(\(a), \(b))"
        case .grid(let g): return g.description
        case .otherTuple(let t):
            if t.count == 1 { return "(\(t[0]),)" }
            return "(" + t.map(\.description).joined(separator: ", ") + ")"
        case .indices, .object, .otherSet:
            let elements = setElements
            if elements.isEmpty { return "frozenset()" }
            return "frozenset({" + elements.map(\.description).joined(separator: ", ") + "})"
        case .function(let f): return f.description
        }
    }
}
