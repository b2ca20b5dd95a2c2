/// What `dsl.py` calls a patch: a frozenset of locations (indices) or of cells (an object).
///
/// `toindices` looks at the first element: a cell makes the patch an object. A tuple of
/// locations also passes as a patch in Python, so it is accepted here too, in its order.
public enum Patch {
    case indices([Point])
    case object([Cell])

    /// Reads a patch argument, or throws Python's error for what the argument is.
    public init(_ value: Value) throws {
        switch value {
        case .indices(let p): self = .indices(p)
        case .object(let c): self = .object(c)
        case .otherSet(let s) where s.isEmpty: self = .indices([])
        case .otherTuple(let t) where t.isEmpty: self = .indices([])
        case .grid(let g) where g.width == 2:
            self = .indices((0..<g.height).map { Point(g[$0, 0], g[$0, 1]) })
        case .otherTuple(let t):
            var points: [Point] = []
            points.reserveCapacity(t.count)
            for element in t {
                guard case .pair(let i, let j) = element else {
                    throw DSLError.typeError(
                        "expected a patch of (i, j) locations, got a tuple holding \(element.shortDescription)")
                }
                points.append(Point(i, j))
            }
            self = .indices(points)
        case .otherSet(let s):
            throw DSLError.typeError("expected a patch, got a frozenset holding \(s[0].shortDescription)")
        default:
            throw DSLError.typeError(
                "expected a patch (frozenset of locations or cells), got \(value.typeName) \(value.shortDescription)")
        }
    }

    public var count: Int {
        switch self {
        case .indices(let p): return p.count
        case .object(let c): return c.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// `toindices(patch)` as locations; sorted and unique when the patch is a frozenset.
    public var points: [Point] {
        switch self {
        case .indices(let p): return p
        case .object(let c):
            var points = c.map(\.point)
            if !points.isStrictlyIncreasing { points = points.sortedUnique() }
            return points
        }
    }

    /// The locations in iteration order, with repeats (cheap: no sorting).
    public func forEachPoint(_ body: (Point) throws -> Void) rethrows {
        switch self {
        case .indices(let p): for point in p { try body(point) }
        case .object(let c): for cell in c { try body(cell.point) }
        }
    }

    /// Row and column extremes: (uppermost, leftmost, lowermost, rightmost); nil when empty.
    public var bounds: (top: Int, left: Int, bottom: Int, right: Int)? {
        var top = Int.max
        var left = Int.max
        var bottom = Int.min
        var right = Int.min
        var any = false
        forEachPoint { p in
            any = true
            if p.i < top { top = p.i }
            if p.i > bottom { bottom = p.i }
            if p.j < left { left = p.j }
            if p.j > right { right = p.j }
        }
        return any ? (top, left, bottom, right) : nil
    }

    /// Bounds, or Python's error for `min()` of an empty sequence.
    public func requireBounds() throws -> (top: Int, left: Int, bottom: Int, right: Int) {
        guard let bounds else { throw DSLError.valueError("min() arg is an empty sequence") }
        return bounds
    }
}

extension Value {
    /// The grid this value is, or Python's error for using it as one.
    public func asGrid() throws -> Grid {
        switch self {
        case .grid(let g): return g
        case .otherTuple(let t) where t.isEmpty: throw DSLError.indexError("tuple index out of range")
        default:
            throw DSLError.typeError(
                "expected a grid (tuple of equal-length tuples of ints), got \(typeName) \(shortDescription)")
        }
    }
}

extension Grid {
    /// `mostcolor(grid)`: the most frequent value; ties go to the smallest, the first in set order.
    public var mostColor: Int {
        var counts = [Int](repeating: 0, count: 256)
        for v in cells { counts[Int(v) + 128] += 1 }
        var best = 0
        for k in 1..<256 where counts[k] > counts[best] { best = k }
        return best - 128
    }

    /// `leastcolor(grid)`: the least frequent value present; ties go to the smallest.
    public var leastColor: Int {
        var counts = [Int](repeating: 0, count: 256)
        for v in cells { counts[Int(v) + 128] += 1 }
        var best = -1
        for k in 0..<256 where counts[k] > 0 && (best < 0 || counts[k] < counts[best]) { best = k }
        return best - 128
    }
}
