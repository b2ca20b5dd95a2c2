/// A rectangular grid of small integers (ARC colours), stored row-major.
///
/// A Python tuple of equal-length tuples of ints whose values fit in `Int8` is always a `Grid`;
/// anything else tuple-shaped is a generic tuple. Height is at least 1; width may be 0.
public struct Grid: Hashable, Sendable {
    public let height: Int
    public let width: Int
    public var cells: [Int8]

    public init(height: Int, width: Int, cells: [Int8]) {
        precondition(height >= 1 && width >= 0 && cells.count == height * width)
        self.height = height
        self.width = width
        self.cells = cells
    }

    public init(height: Int, width: Int, filling value: Int8) {
        self.init(height: height, width: width, cells: Array(repeating: value, count: height * width))
    }

    /// Builds a grid from rows; nil when rows are ragged, empty, or hold values outside `Int8`.
    public init?(rows: [[Int]]) {
        guard let first = rows.first else { return nil }
        let width = first.count
        var cells: [Int8] = []
        cells.reserveCapacity(rows.count * width)
        for row in rows {
            guard row.count == width else { return nil }
            for value in row {
                guard let small = Int8(exactly: value) else { return nil }
                cells.append(small)
            }
        }
        self.init(height: rows.count, width: width, cells: cells)
    }

    @inlinable public subscript(i: Int, j: Int) -> Int {
        get { Int(cells[i * width + j]) }
        set { cells[i * width + j] = Int8(truncatingIfNeeded: newValue) }
    }

    @inlinable public func contains(_ p: Point) -> Bool {
        p.i >= 0 && p.i < height && p.j >= 0 && p.j < width
    }

    public var rows: [[Int]] {
        (0..<height).map { i in (0..<width).map { j in self[i, j] } }
    }

    /// The cells of row `i` as a slice of the storage.
    @inlinable public func row(_ i: Int) -> ArraySlice<Int8> {
        cells[(i * width)..<(i * width + width)]
    }
}

extension Grid: CustomStringConvertible {
    public var description: String {
        "("
            + rows.map { row in
                row.count == 1 ? "(\(row[0]),)" : "(" + row.map(String.init).joined(separator: ", ") + ")"
            }.joined(separator: ", ") + (height == 1 ? ",)" : ")")
    }
}
