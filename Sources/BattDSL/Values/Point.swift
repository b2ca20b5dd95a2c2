/// A grid location `(i, j)`: row, then column. Ordered as Python orders `(i, j)` tuples.
public struct Point: Hashable, Comparable, Sendable {
    public var i: Int
    public var j: Int

    @inlinable public init(_ i: Int, _ j: Int) {
        self.i = i
        self.j = j
    }

    @inlinable public static func < (a: Point, b: Point) -> Bool {
        a.i != b.i ? a.i < b.i : a.j < b.j
    }
}

/// An object cell `(color, (i, j))`. Ordered as Python orders such tuples: color first.
public struct Cell: Hashable, Comparable, Sendable {
    public var color: Int
    public var point: Point

    @inlinable public init(_ color: Int, _ point: Point) {
        self.color = color
        self.point = point
    }

    @inlinable public init(_ color: Int, _ i: Int, _ j: Int) {
        self.color = color
        self.point = Point(i, j)
    }

    @inlinable public static func < (a: Cell, b: Cell) -> Bool {
        a.color != b.color ? a.color < b.color : a.point < b.point
    }
}

extension Array where Element: Comparable {
    /// Sorts and removes duplicates: the canonical element order of a frozenset.
    @inlinable public func sortedUnique() -> [Element] {
        if count < 2 { return self }
        var sorted = self
        sorted.sort()
        var write = 1
        for read in 1..<sorted.count where sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }

    /// Whether the array is strictly increasing, i.e. already in canonical set order.
    @inlinable public var isStrictlyIncreasing: Bool {
        if count < 2 { return true }
        for k in 1..<count where !(self[k - 1] < self[k]) { return false }
        return true
    }
}
