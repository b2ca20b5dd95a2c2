/// Rotations of grids and mirrors of grids and patches. Any tuple is mirrored as Python slices and
/// zips it; a frozenset is mirrored around its own bounding box, as `dsl.py` computes it.
enum GridRotations {
    static func rot90(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            return try remap(g, transposed: true, context) { i, j in (g.height - 1 - j) * g.width + i }
        }
        return try GridPython.zipStar(GridPython.reversed(grid, context), context)
    }

    static func rot180(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            try context.charge(g.cells.count)
            let count = g.cells.count
            let cells = [Int8](unsafeUninitializedCapacity: count) { buffer, initialized in
                for k in 0..<count { buffer[k] = g.cells[count - 1 - k] }
                initialized = count
            }
            return .grid(Grid(height: g.height, width: g.width, cells: cells))
        }
        return .tuple(
            try GridPython.elements(GridPython.reversed(grid, context), context).map { row in
                try GridPython.reversed(row, context)
            })
    }

    static func rot270(_ grid: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            return try remap(g, transposed: true, context) { i, j in j * g.width + (g.width - 1 - i) }
        }
        let columns = try GridPython.transposed(GridPython.reversed(grid, context), context)
        return .tuple(columns.reversed().map { Value.tuple($0.reversed()) })
    }

    static func hmirror(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        switch piece {
        case .grid(let g):
            return try remap(g, transposed: false, context) { i, j in (g.height - 1 - i) * g.width + j }
        case .indices, .object:
            guard let bounds = GridShapes.bounds(piece) else { return piece }
            let d = try CheckedInt.add(bounds.top, bounds.bottom)
            return try mapLocations(piece, context) { p in Point(try CheckedInt.subtract(d, p.i), p.j) }
        default:
            if piece.isTuple { return try GridPython.reversed(piece, context) }
            let d = try Value.pythonAdd(
                GridPython.ulcorner(piece, context).pythonSubscript(0),
                GridPython.lrcorner(piece, context).pythonSubscript(0), context)
            return try mapGenericLocations(piece, context) { i, j in
                (try Value.pythonSubtract(d, i, context), j)
            }
        }
    }

    static func vmirror(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        switch piece {
        case .grid(let g):
            return try remap(g, transposed: false, context) { i, j in i * g.width + (g.width - 1 - j) }
        case .indices, .object:
            guard let bounds = GridShapes.bounds(piece) else { return piece }
            let d = try CheckedInt.add(bounds.left, bounds.right)
            return try mapLocations(piece, context) { p in Point(p.i, try CheckedInt.subtract(d, p.j)) }
        default:
            if piece.isTuple {
                return .tuple(try GridPython.elements(piece, context).map { try GridPython.reversed($0, context) })
            }
            let d = try Value.pythonAdd(
                GridPython.ulcorner(piece, context).pythonSubscript(1),
                GridPython.lrcorner(piece, context).pythonSubscript(1), context)
            return try mapGenericLocations(piece, context) { i, j in
                (i, try Value.pythonSubtract(d, j, context))
            }
        }
    }

    static func dmirror(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        switch piece {
        case .grid(let g):
            return try remap(g, transposed: true, context) { i, j in j * g.width + i }
        case .indices, .object:
            guard let bounds = GridShapes.bounds(piece) else { return piece }
            let (a, b) = (bounds.top, bounds.left)
            return try mapLocations(piece, context) { p in
                Point(
                    try CheckedInt.add(CheckedInt.subtract(p.j, b), a),
                    try CheckedInt.add(CheckedInt.subtract(p.i, a), b))
            }
        default:
            if piece.isTuple { return try GridPython.zipStar(piece, context) }
            let (a, b) = try GridPython.ulcorner(piece, context).unpackTwo()
            return try mapGenericLocations(piece, context) { i, j in
                (
                    try Value.pythonAdd(Value.pythonSubtract(j, b, context), a, context),
                    try Value.pythonAdd(Value.pythonSubtract(i, a, context), b, context)
                )
            }
        }
    }

    static func cmirror(_ piece: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = piece {
            return try remap(g, transposed: true, context) { i, j in (g.height - 1 - j) * g.width + (g.width - 1 - i) }
        }
        if piece.isTuple {
            let rows = try GridPython.elements(GridPython.reversed(piece, context), context)
            return try GridPython.zipStar(.tuple(rows.map { try GridPython.reversed($0, context) }), context)
        }
        return try vmirror(dmirror(vmirror(piece, context), context), context)
    }

    // MARK: Helpers

    /// A grid whose cell (i, j) is `g.cells[source(i, j)]`; transposed shapes swap height and width.
    /// A transposed grid of width 0 has no rows, so it is `()`.
    private static func remap(
        _ g: Grid, transposed: Bool, _ context: EvaluationContext, _ source: (Int, Int) -> Int
    ) throws -> Value {
        let (height, width) = transposed ? (g.width, g.height) : (g.height, g.width)
        if height == 0 { return .emptyTuple }
        try context.charge(g.cells.count)
        let cells = [Int8](unsafeUninitializedCapacity: g.cells.count) { buffer, initialized in
            for i in 0..<height {
                for j in 0..<width { buffer[i * width + j] = g.cells[source(i, j)] }
            }
            initialized = height * width
        }
        return .grid(Grid(height: height, width: width, cells: cells))
    }

    /// The patch with every location moved by `transform`, keeping cell colours.
    private static func mapLocations(
        _ piece: Value, _ context: EvaluationContext, _ transform: (Point) throws -> Point
    ) throws -> Value {
        switch piece {
        case .indices(let points):
            try context.charge(points.count)
            return .indices(of: try points.map(transform))
        case .object(let cells):
            try context.charge(cells.count)
            return .object(of: try cells.map { Cell($0.color, try transform($0.point)) })
        default:
            return piece
        }
    }

    /// The frozenset of the piece's locations moved by `transform`; cells keep their values.
    private static func mapGenericLocations(
        _ piece: Value, _ context: EvaluationContext, _ transform: (Value, Value) throws -> (Value, Value)
    ) throws -> Value {
        let cells = try GridPython.holdsCells(piece)
        return .set(
            try GridPython.elements(piece, context).map { element in
                if cells {
                    let (value, location) = try element.unpackTwo()
                    let (i, j) = try location.unpackTwo()
                    let (x, y) = try transform(i, j)
                    return .tuple([value, .tuple([x, y])])
                }
                let (i, j) = try element.unpackTwo()
                let (x, y) = try transform(i, j)
                return .tuple([x, y])
            })
    }
}
