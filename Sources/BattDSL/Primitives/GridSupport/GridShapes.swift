/// Small helpers of the grid primitives' fast paths: building grids, slicing ranges, cell values.
enum GridShapes {
    /// A grid value, or `()` when it has no rows (Python's empty tuple is no grid).
    @inline(__always) static func grid(height: Int, width: Int, cells: [Int8]) -> Value {
        height > 0 ? .grid(Grid(height: height, width: width, cells: cells)) : .emptyTuple
    }

    /// The positions `range(count)[start:stop]` selects.
    static func sliceRange(count: Int, start: Int, stop: Int) -> Range<Int> {
        func clamp(_ bound: Int) -> Int {
            let adjusted = bound < 0 ? bound + count : bound
            return Swift.min(Swift.max(adjusted, 0), count)
        }
        let (lower, upper) = (clamp(start), clamp(stop))
        return lower < upper ? lower..<upper : lower..<lower
    }

    @inline(__always) static func saturatingAdd(_ x: Int, _ y: Int) -> Int {
        let (sum, overflow) = x.addingReportingOverflow(y)
        return overflow ? (y > 0 ? Int.max : Int.min) : sum
    }

    /// The grid cell a value can be stored as: an int that fits `Int8`.
    @inline(__always) static func cell(_ value: Value) -> Int8? {
        if case .int(let n) = value { return Int8(exactly: n) }
        return nil
    }

    /// The locations `toindices(patch)` visits, for patches that are frozensets (or empty);
    /// nil for anything the generic path must read.
    static func setLocations(_ patch: Value) -> [Point]? {
        switch patch {
        case .indices(let points): return points
        case .object(let cells): return cells.map(\.point)
        case .otherSet(let s) where s.isEmpty: return []
        case .otherTuple(let t) where t.isEmpty: return []
        default: return nil
        }
    }

    /// Row and column extremes of a non-empty frozenset patch; nil for any other value.
    static func bounds(_ patch: Value) -> (top: Int, left: Int, bottom: Int, right: Int)? {
        switch patch {
        case .indices(let points):
            // Sorted by row, so only the columns need a scan.
            guard let first = points.first, let last = points.last else { return nil }
            var (left, right) = (first.j, first.j)
            for p in points {
                left = Swift.min(left, p.j)
                right = Swift.max(right, p.j)
            }
            return (first.i, left, last.i, right)
        case .object(let cells):
            guard let first = cells.first else { return nil }
            var (top, left, bottom, right) = (first.point.i, first.point.j, first.point.i, first.point.j)
            for cell in cells {
                top = Swift.min(top, cell.point.i)
                bottom = Swift.max(bottom, cell.point.i)
                left = Swift.min(left, cell.point.j)
                right = Swift.max(right, cell.point.j)
            }
            return (top, left, bottom, right)
        default:
            return nil
        }
    }

    /// The cells an object argument paints, when their colours all fit a grid; nil otherwise.
    static func paintableCells(_ obj: Value) -> [Cell]? {
        switch obj {
        case .object(let cells):
            for cell in cells where Int8(exactly: cell.color) == nil { return nil }
            return cells
        case .otherSet(let s) where s.isEmpty: return []
        case .otherTuple(let t) where t.isEmpty: return []
        default: return nil
        }
    }

    /// `count * factor` cells, refusing sizes beyond the budget before anything is allocated.
    static func reserve(_ counts: Int..., context: EvaluationContext) throws {
        var total = 1
        for count in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: Swift.max(count, 0))
            if overflow { throw DSLError.budgetExceeded }
            total = product
        }
        try context.reserve(total)
    }
}
