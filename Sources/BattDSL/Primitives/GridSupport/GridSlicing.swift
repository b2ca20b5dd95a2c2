/// `crop`, `subgrid`, `trim`, the halves, `hconcat`, `vconcat`, `hsplit`, `vsplit` and `compress`:
/// cutting grids apart and joining them. The generic paths slice and join any tuples as Python does.
enum GridSlicing {
    static func crop(_ grid: Value, _ start: Value, _ dims: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid, case .pair(let top, let left) = start, case .pair(let height, let width) = dims {
            let rows = GridShapes.sliceRange(count: g.height, start: top, stop: GridShapes.saturatingAdd(top, height))
            let columns = GridShapes.sliceRange(
                count: g.width, start: left, stop: GridShapes.saturatingAdd(left, width))
            return try cut(g, rows, columns, context)
        }
        let top = try start.pythonSubscript(0)
        let selected = try GridPython.slice(
            grid, top, GridPython.sliceStop(top, dims.pythonSubscript(0), context), context)
        return .tuple(
            try GridPython.elements(selected, context).map { row in
                let left = try start.pythonSubscript(1)
                return try GridPython.slice(
                    row, left, GridPython.sliceStop(left, dims.pythonSubscript(1), context), context)
            })
    }

    static func subgrid(_ patch: Value, _ grid: Value, _ context: EvaluationContext) throws -> Value {
        switch (GridShapes.bounds(patch), grid) {
        case (.some(let bounds), .grid(let g)):
            let rows = GridShapes.sliceRange(
                count: g.height, start: bounds.top,
                stop: GridShapes.saturatingAdd(bounds.bottom, 1))
            let columns = GridShapes.sliceRange(
                count: g.width, start: bounds.left,
                stop: GridShapes.saturatingAdd(bounds.right, 1))
            return try cut(g, rows, columns, context)
        default:
            let corner = try GridPython.ulcorner(patch, context)
            return try crop(grid, corner, GridPython.shape(patch, context), context)
        }
    }

    /// The cells of `g` in the given rows and columns; `()` when no row is selected.
    static func cut(_ g: Grid, _ rows: Range<Int>, _ columns: Range<Int>, _ context: EvaluationContext) throws -> Value
    {
        if rows.isEmpty { return .emptyTuple }
        try context.charge(rows.count * columns.count)
        if columns.count == g.width {
            return .grid(
                Grid(
                    height: rows.count, width: g.width,
                    cells: Array(g.cells[(rows.lowerBound * g.width)..<(rows.upperBound * g.width)])))
        }
        var cells: [Int8] = []
        cells.reserveCapacity(rows.count * columns.count)
        for i in rows {
            cells.append(contentsOf: g.cells[(i * g.width + columns.lowerBound)..<(i * g.width + columns.upperBound)])
        }
        return .grid(Grid(height: rows.count, width: columns.count, cells: cells))
    }

    static func trim(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            return try cut(
                g, GridShapes.sliceRange(count: g.height, start: 1, stop: -1),
                GridShapes.sliceRange(count: g.width, start: 1, stop: -1), context)
        }
        let inner = try GridPython.slice(grid, .int(1), .int(-1), context)
        return .tuple(
            try GridPython.elements(inner, context).map { row in
                try GridPython.slice(row, .int(1), .int(-1), context)
            })
    }

    static func tophalf(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid { return try cut(g, 0..<(g.height / 2), 0..<g.width, context) }
        let half = try grid.pythonLength() / 2
        return try GridPython.slice(grid, .int(0), .int(half), context)
    }

    static func bottomhalf(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            return try cut(g, (g.height / 2 + g.height % 2)..<g.height, 0..<g.width, context)
        }
        let count = try grid.pythonLength()
        return try GridPython.slice(grid, .int(count / 2 + count % 2), .int(count), context)
    }

    static func lefthalf(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            if g.width / 2 == 0 { return .emptyTuple }
            return try cut(g, 0..<g.height, 0..<(g.width / 2), context)
        }
        return try GridRotations.rot270(tophalf(GridRotations.rot90(grid, context), context), context)
    }

    static func righthalf(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            let columns = (g.width / 2 + g.width % 2)..<g.width
            if columns.isEmpty { return .emptyTuple }
            return try cut(g, 0..<g.height, columns, context)
        }
        return try GridRotations.rot270(bottomhalf(GridRotations.rot90(grid, context), context), context)
    }

    static func hconcat(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let x) = a, case .grid(let y) = b {
            let height = min(x.height, y.height)
            let width = x.width + y.width
            try context.charge(height * width)
            var cells: [Int8] = []
            cells.reserveCapacity(height * width)
            for i in 0..<height {
                cells.append(contentsOf: x.row(i))
                cells.append(contentsOf: y.row(i))
            }
            return .grid(Grid(height: height, width: width, cells: cells))
        }
        let (left, right) = (try GridPython.elements(a, context), try GridPython.elements(b, context))
        return .tuple(try zip(left, right).map { try Value.pythonAdd($0, $1, context) })
    }

    static func vconcat(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let x) = a, case .grid(let y) = b, x.width == y.width {
            try context.charge(x.cells.count + y.cells.count)
            return .grid(Grid(height: x.height + y.height, width: x.width, cells: x.cells + y.cells))
        }
        return try Value.pythonAdd(a, b, context)
    }

    static func hsplit(_ grid: Value, _ n: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid, case .int(let parts) = n, parts > 0 {
            let (width, offset) = (g.width / parts, g.width % parts != 0 ? 1 : 0)
            try GridShapes.reserve(parts, max(g.height * width, 1), context: context)
            return .tuple(
                try (0..<parts).map { i in
                    let left = try CheckedInt.add(width * i, i * offset)
                    let columns = GridShapes.sliceRange(
                        count: g.width, start: left, stop: GridShapes.saturatingAdd(left, width))
                    return try cut(g, 0..<g.height, columns, context)
                })
        }
        let height = try grid.pythonLength()
        let width = try Value.pythonFloorDivide(.int(GridPython.firstLength(grid)), n)
        let offset = try Value.pythonModulo(.int(GridPython.firstLength(grid)), n) != .int(0)
        return try splitGeneric(grid, n, context) { i in
            let left = try CheckedInt.add(CheckedInt.multiply(width.asInt(), i), offset ? i : 0)
            return (.pair(0, left), .tuple([.int(height), width]))
        }
    }

    static func vsplit(_ grid: Value, _ n: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid, case .int(let parts) = n, parts > 0 {
            let (height, offset) = (g.height / parts, g.height % parts != 0 ? 1 : 0)
            try GridShapes.reserve(parts, max(height * g.width, 1), context: context)
            return .tuple(
                try (0..<parts).map { i in
                    let top = try CheckedInt.add(height * i, i * offset)
                    let rows = GridShapes.sliceRange(
                        count: g.height, start: top, stop: GridShapes.saturatingAdd(top, height))
                    return try cut(g, rows, 0..<g.width, context)
                })
        }
        let height = try Value.pythonFloorDivide(.int(grid.pythonLength()), n)
        let width = try GridPython.firstLength(grid)
        let offset = try Value.pythonModulo(.int(grid.pythonLength()), n) != .int(0)
        return try splitGeneric(grid, n, context) { i in
            let top = try CheckedInt.add(CheckedInt.multiply(height.asInt(), i), offset ? i : 0)
            return (.pair(top, 0), .tuple([height, .int(width)]))
        }
    }

    /// The tuple of `n` crops, each placed by `part(i)`.
    private static func splitGeneric(
        _ grid: Value, _ n: Value, _ context: EvaluationContext, _ part: (Int) throws -> (start: Value, dims: Value)
    ) throws -> Value {
        let count = try GridPython.rangeCount(n)
        try context.reserve(count)
        return .tuple(
            try (0..<count).map { i in
                let (start, dims) = try part(i)
                return try crop(grid, start, dims, context)
            })
    }

    static func compress(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            if g.width == 0 { return grid }
            let rows = (0..<g.height).filter { i in g.row(i).contains { $0 != g.cells[i * g.width] } }
            if rows.isEmpty { return .emptyTuple }
            let columns = (0..<g.width).filter { j in
                (0..<g.height).contains { g.cells[$0 * g.width + j] != g.cells[j] }
            }
            try context.charge(g.cells.count)
            var cells: [Int8] = []
            cells.reserveCapacity(rows.count * columns.count)
            for i in rows {
                for j in columns { cells.append(g.cells[i * g.width + j]) }
            }
            return .grid(Grid(height: rows.count, width: columns.count, cells: cells))
        }
        let rows = try GridPython.elements(grid, context)
        let uniformRows = try rows.map { try isUniform($0, context) }
        let columns = try GridPython.elements(GridRotations.dmirror(grid, context), context)
        let uniformColumns = try columns.map { try isUniform($0, context) }
        return .tuple(
            try rows.indices.filter { !uniformRows[$0] }.map { i in
                let values = try GridPython.elements(rows[i], context)
                return .tuple(
                    values.indices.filter { $0 >= uniformColumns.count || !uniformColumns[$0] }.map { values[$0] })
            })
    }

    /// Whether the row holds exactly one distinct value.
    private static func isUniform(_ row: Value, _ context: EvaluationContext) throws -> Bool {
        let values = try GridPython.elements(row, context)
        guard let first = values.first else { return false }
        return values.allSatisfy { $0 == first }
    }
}
