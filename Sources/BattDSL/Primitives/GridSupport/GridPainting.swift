/// `fill`, `paint`, `underfill`, `underpaint`, `cover` and `move`: writing colours into a grid.
/// Locations outside the grid are skipped; a value that is no grid colour makes a generic tuple.
enum GridPainting {
    static func fill(_ grid: Value, _ value: Value, _ patch: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, let color = GridShapes.cell(value), let points = GridShapes.setLocations(patch) {
            try context.charge(g.cells.count + points.count)
            for p in points where g.contains(p) { g.cells[p.i * g.width + p.j] = color }
            return .grid(g)
        }
        return try fillGeneric(grid, value, patch, onlyOver: nil, context)
    }

    static func paint(_ grid: Value, _ obj: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, let cells = GridShapes.paintableCells(obj) {
            try context.charge(g.cells.count + cells.count)
            for cell in cells where g.contains(cell.point) {
                g.cells[cell.point.i * g.width + cell.point.j] = Int8(truncatingIfNeeded: cell.color)
            }
            return .grid(g)
        }
        return try paintGeneric(grid, obj, underOnly: false, context)
    }

    static func underfill(_ grid: Value, _ value: Value, _ patch: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, g.width > 0, let color = GridShapes.cell(value),
            let points = GridShapes.setLocations(patch)
        {
            try context.charge(g.cells.count + points.count)
            let background = Int8(truncatingIfNeeded: g.mostColor)
            for p in points where g.contains(p) && g.cells[p.i * g.width + p.j] == background {
                g.cells[p.i * g.width + p.j] = color
            }
            return .grid(g)
        }
        let (height, width) = try dimensions(grid)
        let background = try GridPython.mostColor(grid, context)
        return try fillGeneric(grid, value, patch, onlyOver: background, size: (height, width), context)
    }

    static func underpaint(_ grid: Value, _ obj: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, g.width > 0, let cells = GridShapes.paintableCells(obj) {
            try context.charge(g.cells.count + cells.count)
            let background = Int8(truncatingIfNeeded: g.mostColor)
            for cell in cells where g.contains(cell.point) {
                let k = cell.point.i * g.width + cell.point.j
                if g.cells[k] == background { g.cells[k] = Int8(truncatingIfNeeded: cell.color) }
            }
            return .grid(g)
        }
        return try paintGeneric(grid, obj, underOnly: true, context)
    }

    static func cover(_ grid: Value, _ patch: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, g.width > 0, let points = GridShapes.setLocations(patch) {
            try context.charge(g.cells.count + points.count)
            let background = Int8(truncatingIfNeeded: g.mostColor)
            for p in points where g.contains(p) { g.cells[p.i * g.width + p.j] = background }
            return .grid(g)
        }
        let background = try GridPython.mostColor(grid, context)
        return try fillGeneric(grid, background, GridPython.toIndices(patch, context), onlyOver: nil, context)
    }

    static func move(_ grid: Value, _ obj: Value, _ offset: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, g.width > 0, let cells = GridShapes.paintableCells(obj) {
            if cells.isEmpty { return grid }
            if case .pair(let di, let dj) = offset {
                try context.charge(g.cells.count + 2 * cells.count)
                let background = Int8(truncatingIfNeeded: g.mostColor)
                for cell in cells where g.contains(cell.point) {
                    g.cells[cell.point.i * g.width + cell.point.j] = background
                }
                let shift = Point(di, dj)
                for cell in cells {
                    let p = try CheckedInt.add(cell.point, shift)
                    if g.contains(p) { g.cells[p.i * g.width + p.j] = Int8(truncatingIfNeeded: cell.color) }
                }
                return .grid(g)
            }
        }
        let covered = try cover(grid, obj, context)
        return try paint(covered, GridPython.shift(obj, offset, context), context)
    }

    // MARK: Generic paths

    /// The height and width dsl.py reads off a grid: its length and the length of its first row.
    private static func dimensions(_ grid: Value) throws -> (Int, Int) {
        let height = try grid.pythonLength()
        return (height, try GridPython.firstLength(grid))
    }

    /// `fill` (or, given a background, `underfill`) as `dsl.py` runs it on any value.
    private static func fillGeneric(
        _ grid: Value, _ value: Value, _ patch: Value, onlyOver background: Value?,
        size: (Int, Int)? = nil, _ context: EvaluationContext
    ) throws -> Value {
        let (height, width) = try size ?? dimensions(grid)
        var rows = try GridPython.mutableRows(grid, context)
        for location in try GridPython.elements(GridPython.toIndices(patch, context), context) {
            let (i, j) = try location.unpackTwo()
            guard let row = try GridPython.index(i, below: height), let column = try GridPython.index(j, below: width)
            else { continue }
            try write(value, into: &rows, row, column, onlyOver: background)
        }
        return GridPython.tupleOfRows(rows)
    }

    /// `paint` (or `underpaint`) as `dsl.py` runs it on any value.
    private static func paintGeneric(
        _ grid: Value, _ obj: Value, underOnly: Bool, _ context: EvaluationContext
    ) throws -> Value {
        let (height, width) = try dimensions(grid)
        let background = underOnly ? try GridPython.mostColor(grid, context) : nil
        var rows = try GridPython.mutableRows(grid, context)
        for element in try GridPython.elements(obj, context) {
            let (value, location) = try element.unpackTwo()
            let (i, j) = try location.unpackTwo()
            guard let row = try GridPython.index(i, below: height), let column = try GridPython.index(j, below: width)
            else { continue }
            try write(value, into: &rows, row, column, onlyOver: background)
        }
        return GridPython.tupleOfRows(rows)
    }

    /// Stores `value` at row i, column j of rows that may be ragged; with a background, only over it.
    private static func write(
        _ value: Value, into rows: inout [[Value]], _ i: Int, _ j: Int, onlyOver background: Value?
    ) throws {
        guard i < rows.count, j < rows[i].count else {
            throw DSLError.indexError(
                background == nil ? "list assignment index out of range" : "list index out of range")
        }
        if let background, rows[i][j] != background { return }
        rows[i][j] = value
    }
}
