/// Objects and indices read off a grid: `toobject`, `asobject`, `partition`, `fgpartition`,
/// `asindices`, `ofcolor`, `frontiers`.
enum ObjectExtraction {
    /// `toobject(patch, grid)`: the patch's locations inside the grid, with the grid's colours.
    static func toObject(_ patch: Value, _ grid: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch), case .grid(let g) = grid {
            let points = typed.points
            try context.charge(points.count)
            var cells: [Cell] = []
            cells.reserveCapacity(points.count)
            for p in points where g.contains(p) { cells.append(Cell(g[p.i, p.j], p)) }
            return .object(of: cells)
        }
        let height = try grid.pythonLength()
        let width = try grid.pythonSubscript(0).pythonLength()
        let locations = try PatchAccess.toIndices(patch, context).pythonElements()
        try context.charge(locations.count)
        var cells: [Value] = []
        for location in locations {
            let (i, j) = try location.unpackTwo()
            guard try PatchPython.isInRange(i, below: height), try PatchPython.isInRange(j, below: width) else {
                continue
            }
            let value = try grid.pythonSubscript(try i.asInt()).pythonSubscript(try j.asInt())
            cells.append(.tuple([value, .tuple([i, j])]))
        }
        return .set(cells)
    }

    /// Every `(value, (i, j))` of `enumerate(grid)` and `enumerate(row)`, in that order.
    private static func enumeratedCells(_ grid: Value, _ context: EvaluationContext) throws -> [(Value, Int, Int)] {
        var cells: [(Value, Int, Int)] = []
        for (i, row) in try grid.pythonElements().enumerated() {
            let values = try row.pythonElements()
            try context.charge(values.count)
            for (j, value) in values.enumerated() { cells.append((value, i, j)) }
        }
        return cells
    }

    /// The grid's cells ordered as an object's: by colour, then row-major.
    private static func cellsByColor(_ g: Grid) -> [[Cell]] {
        var buckets = [[Cell]](repeating: [], count: 256)
        for i in 0..<g.height {
            for j in 0..<g.width {
                let v = g.cells[i * g.width + j]
                buckets[Int(v) + 128].append(Cell(Int(v), i, j))
            }
        }
        return buckets.filter { !$0.isEmpty }
    }

    /// `asobject(grid)`: every cell of the grid.
    static func asObject(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            try context.charge(g.cells.count)
            let cells = cellsByColor(g).flatMap { $0 }
            return cells.isEmpty ? .emptySet : .object(cells)
        }
        return .set(try enumeratedCells(grid, context).map { .tuple([$0.0, .pair($0.1, $0.2)]) })
    }

    /// `partition(grid)` (`withoutBackground` false) and `fgpartition(grid)`: one object per colour,
    /// leaving out the most common colour for `fgpartition`.
    static func partition(_ grid: Value, withoutBackground: Bool, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            var groups = cellsByColor(g)
            if withoutBackground {
                let background = try ObjectColors.extremeColor(grid, most: true, context)
                groups.removeAll { Value.int($0[0].color) == background }
            }
            try context.charge(g.cells.count + groups.count)
            // One object per colour, in ascending colour: already in set order.
            return .otherSet(groups.map { .object($0) })
        }
        var colors = try ObjectColors.palette(grid, context).pythonElements()
        if withoutBackground {
            let background = try ObjectColors.extremeColor(grid, most: true, context)
            colors.removeAll { $0 == background }
        }
        let cells = try enumeratedCells(grid, context)
        try context.charge(colors.count * Swift.max(cells.count, 1))
        return .set(
            colors.map { color in
                .set(cells.filter { $0.0 == color }.map { .tuple([$0.0, .pair($0.1, $0.2)]) })
            })
    }

    /// `asindices(grid)`: every location of a `len(grid)` by `len(grid[0])` box.
    static func asIndices(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        let height = try grid.pythonLength()
        guard height > 0 else { return .emptySet }
        let width: Int
        if case .grid(let g) = grid { width = g.width } else { width = try grid.pythonSubscript(0).pythonLength() }
        let (area, overflow) = height.multipliedReportingOverflow(by: width)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(area)
        var points: [Point] = []
        points.reserveCapacity(area)
        for i in 0..<height {
            for j in 0..<width { points.append(Point(i, j)) }
        }
        return .indices(sortedUnique: points)
    }

    /// `ofcolor(grid, value)`: the locations holding `value`.
    static func ofColor(_ grid: Value, _ value: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            try context.charge(g.cells.count)
            guard case .int(let n) = value, let small = Int8(exactly: n) else { return .emptySet }
            var points: [Point] = []
            for (k, v) in g.cells.enumerated() where v == small { points.append(Point(k / g.width, k % g.width)) }
            return .indices(sortedUnique: points)
        }
        return .set(try enumeratedCells(grid, context).filter { $0.0 == value }.map { .pair($0.1, $0.2) })
    }

    /// `frontiers(grid)`: the single-coloured full rows and columns, each as an object.
    static func frontiers(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        guard case .grid(let g) = grid else { return try frontiersGenerically(grid, context) }
        try context.charge(g.cells.count)
        var lines: [Value] = []
        for i in 0..<g.height {
            let row = g.row(i)
            guard let first = row.first, row.allSatisfy({ $0 == first }) else { continue }
            lines.append(.object((0..<g.width).map { Cell(Int(first), i, $0) }))
        }
        for j in 0..<g.width {
            let first = g.cells[j]
            guard (0..<g.height).allSatisfy({ g.cells[$0 * g.width + j] == first }) else { continue }
            lines.append(.object((0..<g.height).map { Cell(Int(first), $0, j) }))
        }
        return .set(lines)
    }

    private static func frontiersGenerically(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        let height = try grid.pythonLength()
        let width = try grid.pythonSubscript(0).pythonLength()
        let rows = try grid.pythonElements().map { try $0.pythonElements() }
        try context.charge(rows.reduce(0) { $0 + $1.count })
        func isUniform(_ items: [Value]) -> Bool { Set(items).count == 1 }
        let uniformRows = rows.indices.filter { isUniform(rows[$0]) }
        // `dmirror(grid)` zips the rows, so columns stop at the shortest row.
        let shortest = rows.map(\.count).min() ?? 0
        let uniformColumns = (0..<shortest).filter { j in isUniform(rows.map { $0[j] }) }
        func cell(_ i: Int, _ j: Int) throws -> Value {
            .tuple([try grid.pythonSubscript(i).pythonSubscript(j), .pair(i, j)])
        }
        var lines: [Value] = []
        for i in uniformRows { lines.append(.set(try (0..<width).map { try cell(i, $0) })) }
        for j in uniformColumns { lines.append(.set(try (0..<height).map { try cell($0, j) })) }
        return .set(lines)
    }
}
