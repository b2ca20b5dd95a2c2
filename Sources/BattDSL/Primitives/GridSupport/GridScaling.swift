/// `hupscale`, `vupscale`, `upscale` and `downscale`. Sizes come from the program, so every
/// result is reserved against the budget before it is built.
enum GridScaling {
    static func hupscale(_ grid: Value, _ factor: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            if g.width == 0 { return grid }
            let times = try GridPython.rangeCount(factor)
            try GridShapes.reserve(g.cells.count, times, context: context)
            var cells: [Int8] = []
            cells.reserveCapacity(g.cells.count * times)
            for value in g.cells {
                for _ in 0..<times { cells.append(value) }
            }
            return .grid(Grid(height: g.height, width: g.width * times, cells: cells))
        }
        return .tuple(
            try GridPython.elements(grid, context).map { row in
                var scaled: [Value] = []
                for value in try GridPython.elements(row, context) {
                    try repeatAppend(value, times: factor, into: &scaled, context)
                }
                return .tuple(scaled)
            })
    }

    static func vupscale(_ grid: Value, _ factor: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid {
            let times = try GridPython.rangeCount(factor)
            if times == 0 { return .emptyTuple }
            try GridShapes.reserve(g.height, times, max(g.width, 1), context: context)
            var cells: [Int8] = []
            cells.reserveCapacity(g.cells.count * times)
            for i in 0..<g.height {
                for _ in 0..<times { cells.append(contentsOf: g.row(i)) }
            }
            return .grid(Grid(height: g.height * times, width: g.width, cells: cells))
        }
        var rows: [Value] = []
        for row in try GridPython.elements(grid, context) {
            try repeatAppend(row, times: factor, into: &rows, context)
        }
        return .tuple(rows)
    }

    static func upscale(_ element: Value, _ factor: Value, _ context: EvaluationContext) throws -> Value {
        switch element {
        case .grid(let g):
            let times = try GridPython.rangeCount(factor)
            if times == 0 { return .emptyTuple }
            try GridShapes.reserve(g.height, times, max(g.width, 1), times, context: context)
            let width = g.width * times
            let cells = [Int8](unsafeUninitializedCapacity: g.height * times * width) { buffer, initialized in
                var k = 0
                for i in 0..<g.height {
                    let rowStart = k
                    for value in g.row(i) {
                        for _ in 0..<times {
                            buffer[k] = value
                            k += 1
                        }
                    }
                    for _ in 1..<times {
                        for c in rowStart..<(rowStart + width) {
                            buffer[k] = buffer[c]
                            k += 1
                        }
                    }
                }
                initialized = k
            }
            return .grid(Grid(height: g.height * times, width: width, cells: cells))
        case .object(let cells):
            let times = try GridPython.rangeCount(factor)
            if times == 0 { return .emptySet }
            try GridShapes.reserve(cells.count, times, times, context: context)
            guard let bounds = GridShapes.bounds(element) else { return .emptySet }
            var scaled: [Cell] = []
            scaled.reserveCapacity(cells.count * times * times)
            for cell in cells {
                // Scaled about the object's upper-left corner, which stays in place.
                let offset = Point(
                    try CheckedInt.subtract(cell.point.i, bounds.top),
                    try CheckedInt.subtract(cell.point.j, bounds.left))
                let corner = Point(
                    try CheckedInt.add(CheckedInt.multiply(offset.i, times), bounds.top),
                    try CheckedInt.add(CheckedInt.multiply(offset.j, times), bounds.left))
                for di in 0..<times {
                    for dj in 0..<times { scaled.append(Cell(cell.color, try CheckedInt.add(corner, Point(di, dj)))) }
                }
            }
            return .object(of: scaled)
        default:
            if element.isTuple { return try upscaleTuple(element, factor, context) }
            return try upscaleSet(element, factor, context)
        }
    }

    /// `upscale` of any tuple: each value repeated across, then each row repeated down.
    private static func upscaleTuple(_ element: Value, _ factor: Value, _ context: EvaluationContext) throws -> Value {
        var rows: [Value] = []
        for row in try GridPython.elements(element, context) {
            var scaled: [Value] = []
            for value in try GridPython.elements(row, context) {
                try repeatAppend(value, times: factor, into: &scaled, context)
            }
            try repeatAppend(.tuple(scaled), times: factor, into: &rows, context)
        }
        return .tuple(rows)
    }

    /// `upscale` of any other value, following `dsl.py`'s object branch step by step.
    private static func upscaleSet(_ element: Value, _ factor: Value, _ context: EvaluationContext) throws -> Value {
        if try element.pythonLength() == 0 { return .emptySet }
        let corner = try GridPython.ulcorner(element, context)
        let (top, left) = try corner.unpackTwo()
        let normed = try GridPython.shift(
            element, .tuple([Value.pythonNegate(top), Value.pythonNegate(left)]), context)
        var scaled: [Value] = []
        for cell in try GridPython.elements(normed, context) {
            let (value, location) = try cell.unpackTwo()
            let (i, j) = try location.unpackTwo()
            let times = try GridPython.rangeCount(factor)
            try GridShapes.reserve(times, times, context: context)
            for di in 0..<times {
                for dj in 0..<times {
                    let row = try Value.pythonAdd(Value.pythonMultiply(i, factor, context), .int(di), context)
                    let column = try Value.pythonAdd(Value.pythonMultiply(j, factor, context), .int(dj), context)
                    scaled.append(.tuple([value, .tuple([row, column])]))
                }
            }
        }
        return try GridPython.shift(.set(scaled), .tuple([top, left]), context)
    }

    static func downscale(_ grid: Value, _ factor: Value, _ context: EvaluationContext) throws -> Value {
        if case .grid(let g) = grid, case .int(let f) = factor, f != 0 {
            let step = f == Int.min ? Int.max : abs(f)
            let rows = Array(stride(from: 0, to: g.height, by: step))
            let columns = Array(stride(from: 0, to: g.width, by: step))
            try context.charge(rows.count * columns.count)
            var cells: [Int8] = []
            cells.reserveCapacity(rows.count * columns.count)
            for i in rows {
                for j in columns { cells.append(g.cells[i * g.width + j]) }
            }
            return .grid(Grid(height: rows.count, width: columns.count, cells: cells))
        }
        let height = try grid.pythonLength()
        let width = try GridPython.firstLength(grid)
        var rows: [Value] = []
        for i in 0..<height {
            var row: [Value] = []
            for j in 0..<width {
                try context.charge(1)
                if try Value.pythonModulo(.int(j), factor) == .int(0) {
                    row.append(try grid.pythonSubscript(i).pythonSubscript(j))
                }
            }
            rows.append(.tuple(row))
        }
        var kept: [Value] = []
        for i in rows.indices where try Value.pythonModulo(.int(i), factor) == .int(0) {
            kept.append(rows[i])
        }
        return .tuple(kept)
    }

    /// Appends `factor` copies of `value` (none when it is not positive), reserving them first.
    private static func repeatAppend(
        _ value: Value, times factor: Value, into list: inout [Value], _ context: EvaluationContext
    ) throws {
        let times = try GridPython.rangeCount(factor)
        try context.reserve(times)
        list.append(contentsOf: repeatElement(value, count: times))
    }
}
