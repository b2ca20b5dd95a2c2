/// Centres and relative placement of patches: `centerofmass`, `center`, `position`, `gravitate`.
enum PatchPosition {
    /// `centerofmass(patch)`: per-coordinate sums of the distinct locations, floor-divided by
    /// `len(patch)`, which counts an object's cells (repeated locations included); `()` when empty.
    static func centerOfMass(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            var (rows, columns) = (0, 0)
            for p in typed.points {
                rows = try CheckedInt.add(rows, p.i)
                columns = try CheckedInt.add(columns, p.j)
            }
            let count = typed.count
            return .pair(try Value.floorDivide(rows, count), try Value.floorDivide(columns, count))
        }
        let columns = try PatchPython.columns(try PatchAccess.toIndices(patch, context).pythonElements())
        return .tuple(
            try columns.map { column in
                var sum = Value.int(0)
                for item in column { sum = try Value.pythonAdd(sum, item, context) }
                return try Value.pythonFloorDivide(sum, .int(try patch.pythonLength()))
            })
    }

    /// `center(patch)`: uppermost row plus half the height, leftmost column plus half the width.
    static func center(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            let c = try center(of: typed)
            return .pair(c.i, c.j)
        }
        let row = try Value.pythonAdd(
            try PatchMeasure.extreme(patch, .row, greatest: false, context),
            try Value.pythonFloorDivide(try PatchMeasure.height(patch, context), .int(2)), context)
        let column = try Value.pythonAdd(
            try PatchMeasure.extreme(patch, .column, greatest: false, context),
            try Value.pythonFloorDivide(try PatchMeasure.width(patch, context), .int(2)), context)
        return .tuple([row, column])
    }

    private static func center(of patch: Patch) throws -> Point {
        let b = try patch.requireBounds()
        let height = try CheckedInt.add(try CheckedInt.subtract(b.bottom, b.top), 1)
        let width = try CheckedInt.add(try CheckedInt.subtract(b.right, b.left), 1)
        return Point(try CheckedInt.add(b.top, height / 2), try CheckedInt.add(b.left, width / 2))
    }

    /// `position(a, b)`: the direction from the centre of `a` to that of `b`, each coordinate
    /// -1, 0 or 1; None when the centres compare neither way (never for int centres).
    static func position(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        if let first = PatchPython.typed(a), let second = PatchPython.typed(b) {
            let (p, q) = (try center(of: first), try center(of: second))
            if p.i == q.i { return .pair(0, p.j < q.j ? 1 : -1) }
            if p.j == q.j { return .pair(p.i < q.i ? 1 : -1, 0) }
            return .pair(p.i < q.i ? 1 : -1, p.j < q.j ? 1 : -1)
        }
        let (ia, ja) = try center(try PatchAccess.toIndices(a, context), context).unpackTwo()
        let (ib, jb) = try center(try PatchAccess.toIndices(b, context), context).unpackTwo()
        func sign(_ x: Value, before y: Value) throws -> Int { try Value.pythonLess(x, y) ? 1 : -1 }
        if ia == ib { return .pair(0, try sign(ja, before: jb)) }
        if ja == jb { return .pair(try sign(ia, before: ib), 0) }
        if try Value.pythonLess(ia, ib) { return .pair(1, try sign(ja, before: jb)) }
        if try Value.pythonGreater(ia, ib) { return .pair(-1, try sign(ja, before: jb)) }
        return .none
    }

    /// `gravitate(source, destination)`: the step that brings `source` next to `destination`
    /// (moving along the shared column if any, else along the row), at most 42 steps.
    static func gravitate(_ source: Value, _ destination: Value, _ context: EvaluationContext) throws -> Value {
        guard let moving = PatchPython.typed(source), let fixed = PatchPython.typed(destination) else {
            return try gravitateGenerically(source, destination, context)
        }
        let (s, d) = (try center(of: moving), try center(of: fixed))
        let step =
            try PatchMeasure.sharesLine(source, destination, .column, context)
            ? Point(s.i < d.i ? 1 : -1, 0) : Point(0, s.j < d.j ? 1 : -1)
        let (movingPoints, fixedPoints) = (moving.points, fixed.points)
        var steps = 0
        while steps < 42 {
            let offset = Point(steps * step.i, steps * step.j)
            if try PatchMeasure.distance(movingPoints, fixedPoints, offset: offset, context) == 1 { break }
            steps += 1
        }
        return .pair(steps * step.i, steps * step.j)
    }

    private static func gravitateGenerically(
        _ source: Value, _ destination: Value, _ context: EvaluationContext
    ) throws -> Value {
        let (si, sj) = try center(source, context).unpackTwo()
        let (di, dj) = try center(destination, context).unpackTwo()
        var (i, j) = (0, 0)
        if try PatchMeasure.sharesLine(source, destination, .column, context) {
            i = try Value.pythonLess(si, di) ? 1 : -1
        } else {
            j = try Value.pythonLess(sj, dj) ? 1 : -1
        }
        var moved = source
        var steps = 0
        while try PatchMeasure.manhattan(moved, destination, context) != .int(1) && steps < 42 {
            steps += 1
            moved = try PatchAccess.shift(moved, .pair(i, j), context)
        }
        return .pair(steps * i, steps * j)
    }
}
