/// Repetition in grids and objects: `occurrences`, `hperiod`, `vperiod`.
enum ObjectPatterns {
    /// `occurrences(grid, obj)`: the offsets at which the normalised object matches the grid.
    /// An empty object matches at every offset from (0, 0) to (height, width).
    static func occurrences(_ grid: Value, _ object: Value, _ context: EvaluationContext) throws -> Value {
        guard case .grid(let g) = grid, case .object(let cells) = object else {
            return try occurrencesGenerically(grid, object, context)
        }
        let b = try Patch.object(cells).requireBounds()
        let objectHeight = try CheckedInt.add(try CheckedInt.subtract(b.bottom, b.top), 1)
        let objectWidth = try CheckedInt.add(try CheckedInt.subtract(b.right, b.left), 1)
        let rows = g.height - objectHeight + 1
        let columns = g.width - objectWidth + 1
        guard rows > 0, columns > 0 else { return .emptySet }
        // The object now fits the grid, so these flat offsets cannot overflow.
        var pattern: [(offset: Int, color: Int8)] = []
        pattern.reserveCapacity(cells.count)
        for cell in cells {
            guard let color = Int8(exactly: cell.color) else { return .emptySet }
            pattern.append(((cell.point.i - b.top) * g.width + (cell.point.j - b.left), color))
        }
        var found: [Point] = []
        for i in 0..<rows {
            var compared = 0
            for j in 0..<columns {
                let base = i * g.width + j
                var matches = true
                for entry in pattern {
                    compared += 1
                    if g.cells[base + entry.offset] != entry.color {
                        matches = false
                        break
                    }
                }
                if matches { found.append(Point(i, j)) }
            }
            try context.tick(compared)
        }
        return .indices(sortedUnique: found)
    }

    private static func occurrencesGenerically(_ grid: Value, _ object: Value, _ context: EvaluationContext) throws
        -> Value
    {
        let normalized = try PatchAccess.normalize(object, context)
        let height = try grid.pythonLength()
        let width = try grid.pythonSubscript(0).pythonLength()
        let objectHeight = try PatchMeasure.height(object, context)
        let objectWidth = try PatchMeasure.width(object, context)
        let rows = try Value.pythonAdd(try Value.pythonSubtract(.int(height), objectHeight, context), .int(1), context)
        let columns = try Value.pythonAdd(try Value.pythonSubtract(.int(width), objectWidth, context), .int(1), context)
        var found: [Point] = []
        for i in 0..<Swift.max(0, try rows.asInt()) {
            for j in 0..<Swift.max(0, try columns.asInt()) {
                let placed = try PatchAccess.shift(normalized, .pair(i, j), context)
                let elements = try placed.pythonElements()
                try context.charge(Swift.max(1, elements.count))
                var matches = true
                for element in elements {
                    let (value, location) = try element.unpackTwo()
                    let (a, b) = try location.unpackTwo()
                    guard try PatchPython.isInRange(a, below: height), try PatchPython.isInRange(b, below: width),
                        try grid.pythonSubscript(try a.asInt()).pythonSubscript(try b.asInt()) == value
                    else {
                        matches = false
                        break
                    }
                }
                if matches { found.append(Point(i, j)) }
            }
        }
        return .indices(sortedUnique: found)
    }

    /// `hperiod` (`horizontal`) or `vperiod`: the least shift along one axis under which the
    /// object's cells that stay on the non-negative side all belong to the object; else its extent.
    static func period(_ object: Value, horizontal: Bool, _ context: EvaluationContext) throws -> Value {
        guard case .object(let cells) = object else {
            return try periodGenerically(object, horizontal: horizontal, context)
        }
        let b = try Patch.object(cells).requireBounds()
        let height = try CheckedInt.add(try CheckedInt.subtract(b.bottom, b.top), 1)
        let width = try CheckedInt.add(try CheckedInt.subtract(b.right, b.left), 1)
        let extent = horizontal ? width : height
        // Both extents fit, so these differences do; shifting keeps the cells sorted.
        let normalized = cells.map { Cell($0.color, $0.point.i - b.top, $0.point.j - b.left) }
        var p = 1
        while p < extent {
            try context.charge(normalized.count)
            let repeats = normalized.allSatisfy { cell in
                let coordinate = horizontal ? cell.point.j : cell.point.i
                guard coordinate >= p else { return true }
                let moved =
                    horizontal
                    ? Cell(cell.color, cell.point.i, coordinate - p) : Cell(cell.color, coordinate - p, cell.point.j)
                return normalized.binarySearch(moved)
            }
            if repeats { return .int(p) }
            p += 1
        }
        return .int(extent)
    }

    private static func periodGenerically(_ object: Value, horizontal: Bool, _ context: EvaluationContext) throws
        -> Value
    {
        let normalized = try PatchAccess.normalize(object, context)
        let extent =
            horizontal ? try PatchMeasure.width(normalized, context) : try PatchMeasure.height(normalized, context)
        let limit = try extent.asInt()
        var p = 1
        while p < limit {
            let offsetted = try PatchAccess.shift(normalized, horizontal ? .pair(0, -p) : .pair(-p, 0), context)
            let elements = try offsetted.pythonElements()
            try context.charge(Swift.max(1, elements.count))
            var pruned: [Value] = []
            for element in elements {
                let (color, location) = try element.unpackTwo()
                let (i, j) = try location.unpackTwo()
                if try PatchPython.isNonNegative(horizontal ? j : i) {
                    pruned.append(.tuple([color, .tuple([i, j])]))
                }
            }
            if try Value.set(pruned).pythonElements().allSatisfy({ try normalized.pythonContains($0) }) {
                return .int(p)
            }
            p += 1
        }
        return extent
    }
}
