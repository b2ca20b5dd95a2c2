/// `index`, `canvas`, `cellwise`, `replace` and `switch`: reading, making and recolouring cells.
enum GridCellMaps {
    static func index(_ grid: Value, _ loc: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid, case .pair(let i, let j) = loc {
            return g.contains(Point(i, j)) ? .int(g[i, j]) : .none
        }
        let (i, j) = try loc.unpackTwo()
        let height = try grid.pythonLength()
        let width = try GridPython.firstLength(grid)
        guard try GridPython.index(i, below: height) != nil, try GridPython.index(j, below: width) != nil else {
            return .none
        }
        let row = try grid.pythonSubscript(loc.pythonSubscript(0).asInt())
        return try row.pythonSubscript(loc.pythonSubscript(1).asInt())
    }

    static func canvas(_ value: Value, _ dimensions: Value, _ context: EvaluationContext) throws -> Value {
        let height = try GridPython.rangeCount(dimensions.pythonSubscript(0))
        if height == 0 { return .emptyTuple }
        let width = try GridPython.rangeCount(dimensions.pythonSubscript(1))
        try GridShapes.reserve(height, max(width, 1), context: context)
        if let color = GridShapes.cell(value) { return .grid(Grid(height: height, width: width, filling: color)) }
        let row = Value.tuple(Array(repeating: value, count: width))
        return .tuple(Array(repeating: row, count: height))
    }

    static func cellwise(_ a: Value, _ b: Value, _ fallback: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let x) = a, case .grid(let y) = b, let other = GridShapes.cell(fallback) {
            if x.width == 0 { return a }
            guard y.height >= x.height, y.width >= x.width else {
                throw DSLError.indexError("tuple index out of range")
            }
            try context.charge(x.cells.count)
            var cells = x.cells
            for i in 0..<x.height {
                for j in 0..<x.width where x.cells[i * x.width + j] != y.cells[i * y.width + j] {
                    cells[i * x.width + j] = other
                }
            }
            return .grid(Grid(height: x.height, width: x.width, cells: cells))
        }
        let height = try a.pythonLength()
        let width = try GridPython.firstLength(a)
        var rows: [Value] = []
        for i in 0..<height {
            var row: [Value] = []
            for j in 0..<width {
                try context.charge(1)
                let own = try a.pythonSubscript(i).pythonSubscript(j)
                row.append(own == (try b.pythonSubscript(i).pythonSubscript(j)) ? own : fallback)
            }
            rows.append(.tuple(row))
        }
        return .tuple(rows)
    }

    static func replace(_ grid: Value, _ replacee: Value, _ replacer: Value, _ context: EvaluationContext) throws
        -> Value
    {
        if case .grid(var g) = grid {
            try context.charge(g.cells.count)
            guard let target = GridShapes.cell(replacee), g.cells.contains(target) else { return grid }
            if let color = GridShapes.cell(replacer) {
                for k in g.cells.indices where g.cells[k] == target { g.cells[k] = color }
                return .grid(g)
            }
        }
        return try mapCells(grid, context) { $0 == replacee ? replacer : $0 }
    }

    static func switchColors(_ grid: Value, _ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(var g) = grid, let x = GridShapes.cell(a), let y = GridShapes.cell(b) {
            try context.charge(g.cells.count)
            for k in g.cells.indices {
                if g.cells[k] == x { g.cells[k] = y } else if g.cells[k] == y { g.cells[k] = x }
            }
            return .grid(g)
        }
        // A value equal to `a` becomes `b` even when a == b: dsl.py looks it up in a dict keyed by both.
        return try mapCells(grid, context) { $0 == a ? b : ($0 == b ? a : $0) }
    }

    /// Every item of every row transformed, rows and items visited in iteration order, as tuples.
    private static func mapCells(
        _ grid: Value, _ context: EvaluationContext, _ transform: (Value) -> Value
    ) throws -> Value {
        .tuple(
            try GridPython.elements(grid, context).map { row in
                .tuple(try GridPython.elements(row, context).map(transform))
            })
    }
}
