/// Where a patch lies and how large it is: extremes, corners, sizes and the shape tests.
enum PatchMeasure {
    enum Axis {
        case row, column

        var index: Int { self == .row ? 0 : 1 }
    }

    /// `uppermost`, `lowermost`, `leftmost`, `rightmost`: `min`/`max` of one coordinate.
    static func extreme(_ patch: Value, _ axis: Axis, greatest: Bool, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            let b = try typed.requireBounds()
            switch axis {
            case .row: return .int(greatest ? b.bottom : b.top)
            case .column: return .int(greatest ? b.right : b.left)
            }
        }
        let locations = try PatchAccess.toIndices(patch, context).pythonElements()
        return try PatchPython.extremum(locations, greatest: greatest) { location in
            let (i, j) = try location.unpackTwo()
            return axis == .row ? i : j
        }
    }

    enum Corner {
        case upperLeft, upperRight, lowerLeft, lowerRight

        /// Whether the row and the column take the maximum.
        var picksMaximum: (row: Bool, column: Bool) {
            switch self {
            case .upperLeft: return (false, false)
            case .upperRight: return (false, true)
            case .lowerLeft: return (true, false)
            case .lowerRight: return (true, true)
            }
        }
    }

    /// `ulcorner` and friends: per-coordinate extremes of `zip(*toindices(patch))`, so `()` when empty.
    static func corner(_ patch: Value, _ corner: Corner, _ context: EvaluationContext) throws -> Value {
        let (rowMax, columnMax) = corner.picksMaximum
        if let typed = PatchPython.typed(patch) {
            let b = try typed.requireBounds()
            return .pair(rowMax ? b.bottom : b.top, columnMax ? b.right : b.left)
        }
        let columns = try PatchPython.columns(try PatchAccess.toIndices(patch, context).pythonElements())
        var result: [Value] = []
        for (k, column) in columns.enumerated() {
            let greatest: Bool
            switch k {
            case 0: greatest = rowMax
            case 1: greatest = columnMax
            default:
                // `ulcorner` and `lrcorner` map one function over every coordinate; `urcorner` and
                // `llcorner` look theirs up in a dict keyed by 0 and 1 (Python's KeyError).
                guard corner == .upperLeft || corner == .lowerRight else {
                    throw DSLError.indexError("KeyError: \(k)")
                }
                greatest = corner == .lowerRight
            }
            result.append(try PatchPython.extremum(column, greatest: greatest))
        }
        return .tuple(result)
    }

    /// `height(piece)`: rows of a grid or tuple, extent of a patch, 0 when empty.
    static func height(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        switch piece {
        case .grid(let g): return .int(g.height)
        case .indices, .object:
            guard let b = PatchPython.typed(piece)?.bounds else { break }
            return .int(try CheckedInt.add(try CheckedInt.subtract(b.bottom, b.top), 1))
        default: break
        }
        if try piece.pythonLength() == 0 { return .int(0) }
        if piece.isTuple { return .int(try piece.pythonLength()) }
        let low = try extreme(piece, .row, greatest: true, context)
        let high = try extreme(piece, .row, greatest: false, context)
        return try Value.pythonAdd(try Value.pythonSubtract(low, high, context), .int(1), context)
    }

    /// `width(piece)`: length of a grid's first row, extent of a patch, 0 when empty.
    static func width(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        switch piece {
        case .grid(let g): return .int(g.width)
        case .indices, .object:
            guard let b = PatchPython.typed(piece)?.bounds else { break }
            return .int(try CheckedInt.add(try CheckedInt.subtract(b.right, b.left), 1))
        default: break
        }
        if try piece.pythonLength() == 0 { return .int(0) }
        if piece.isTuple { return .int(try piece.pythonSubscript(0).pythonLength()) }
        let right = try extreme(piece, .column, greatest: true, context)
        let left = try extreme(piece, .column, greatest: false, context)
        return try Value.pythonAdd(try Value.pythonSubtract(right, left, context), .int(1), context)
    }

    /// `square(piece)`: a tuple compares its length with its first row's; a patch must fill its box.
    static func isSquare(_ piece: Value, _ context: EvaluationContext) throws -> Bool {
        if case .grid(let g) = piece { return g.height == g.width }
        if piece.isTuple { return try piece.pythonLength() == piece.pythonSubscript(0).pythonLength() }
        let (h, w) = (try height(piece, context), try width(piece, context))
        let area = try Value.pythonMultiply(h, w, context)
        return area == .int(try piece.pythonLength()) && h == w
    }

    /// `vline` (`vertical`) or `hline`: one extent equals the cell count and the other is 1.
    static func isLine(_ patch: Value, vertical: Bool, _ context: EvaluationContext) throws -> Bool {
        let along = vertical ? try height(patch, context) : try width(patch, context)
        guard along == .int(try patch.pythonLength()) else { return false }
        let across = vertical ? try width(patch, context) : try height(patch, context)
        return across == .int(1)
    }

    /// `hmatching` (rows) or `vmatching` (columns): whether the patches share a row or column.
    static func sharesLine(_ a: Value, _ b: Value, _ axis: Axis, _ context: EvaluationContext) throws -> Bool {
        if let first = PatchPython.typed(a), let second = PatchPython.typed(b) {
            var lines = Set<Int>()
            first.forEachPoint { lines.insert(axis == .row ? $0.i : $0.j) }
            var shared = false
            second.forEachPoint { if lines.contains(axis == .row ? $0.i : $0.j) { shared = true } }
            return shared
        }
        func lines(_ patch: Value) throws -> Set<Value> {
            Set(
                try PatchAccess.toIndices(patch, context).pythonElements().map { location in
                    let (i, j) = try location.unpackTwo()
                    return axis == .row ? i : j
                })
        }
        let first = try lines(a)
        return !first.isDisjoint(with: try lines(b))
    }

    /// `manhattan(a, b)`: the least city-block distance between a cell of `a` and one of `b`.
    static func manhattan(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        if let first = PatchPython.typed(a), let second = PatchPython.typed(b) {
            return .int(try distance(first.points, second.points, offset: Point(0, 0), context))
        }
        let firstLocations = try PatchAccess.toIndices(a, context).pythonElements()
        var best: Value?
        for location in firstLocations {
            let (ai, aj) = try location.unpackTwo()
            let secondLocations = try PatchAccess.toIndices(b, context).pythonElements()
            try context.charge(secondLocations.count)
            for other in secondLocations {
                let (bi, bj) = try other.unpackTwo()
                let rows = try PatchPython.absolute(try Value.pythonSubtract(ai, bi, context))
                let columns = try PatchPython.absolute(try Value.pythonSubtract(aj, bj, context))
                let d = try Value.pythonAdd(rows, columns, context)
                if let current = best, !(try Value.pythonLess(d, current)) { continue }
                best = d
            }
        }
        guard let best else { throw DSLError.valueError("min() arg is an empty sequence") }
        return best
    }

    /// The least city-block distance between `a` moved by `offset` and `b`; both non-empty.
    static func distance(_ a: [Point], _ b: [Point], offset: Point, _ context: EvaluationContext) throws -> Int {
        var best = Int.max
        for p in a {
            try context.tick(b.count)
            let moved = try CheckedInt.add(p, offset)
            for q in b {
                let (di, o1) = moved.i.subtractingReportingOverflow(q.i)
                let (dj, o2) = moved.j.subtractingReportingOverflow(q.j)
                guard !o1, !o2, di != Int.min, dj != Int.min else {
                    throw DSLError.overflow("integer result of - does not fit in 64 bits")
                }
                let (d, o3) = Swift.abs(di).addingReportingOverflow(Swift.abs(dj))
                if o3 { throw DSLError.overflow("integer result of + does not fit in 64 bits") }
                if d < best { best = d }
            }
            if best == 0 { break }
        }
        return best
    }

    /// `bordering(patch, grid)`, short-circuiting as `or` does: `grid` is only read when needed.
    static func isBordering(_ patch: Value, _ grid: Value, _ context: EvaluationContext) throws -> Bool {
        if let typed = PatchPython.typed(patch), case .grid(let g) = grid {
            let b = try typed.requireBounds()
            return b.top == 0 || b.left == 0 || b.bottom == g.height - 1 || b.right == g.width - 1
        }
        if try extreme(patch, .row, greatest: false, context) == .int(0) { return true }
        if try extreme(patch, .column, greatest: false, context) == .int(0) { return true }
        if try extreme(patch, .row, greatest: true, context) == .int(try grid.pythonLength() - 1) { return true }
        let lastColumn = try extreme(patch, .column, greatest: true, context)
        return lastColumn == .int(try grid.pythonSubscript(0).pythonLength() - 1)
    }
}
