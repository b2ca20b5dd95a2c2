/// Lines and boxes: `corners`, `connect`, `shoot`, the frontiers, `backdrop`, `delta` and the boxes.
enum PatchOutline {
    /// `corners(patch)`: the four corners as a set (`{()}` for an empty patch, as in Python).
    static func corners(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            let b = try typed.requireBounds()
            return .indices(of: [
                Point(b.top, b.left), Point(b.top, b.right), Point(b.bottom, b.left), Point(b.bottom, b.right),
            ])
        }
        let all: [PatchMeasure.Corner] = [.upperLeft, .upperRight, .lowerLeft, .lowerRight]
        return .set(try all.map { try PatchMeasure.corner(patch, $0, context) })
    }

    /// `connect(a, b)`: the horizontal, vertical or diagonal segment between two locations,
    /// or the empty set when they lie on none.
    static func connect(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        if case .pair(let ai, let aj) = a, case .pair(let bi, let bj) = b {
            return try segment(Point(ai, aj), Point(bi, bj), context)
        }
        let (ai, aj) = try a.unpackTwo()
        let (bi, bj) = try b.unpackTwo()
        // Python computes both ranges' ends first; they only succeed for ints.
        _ = try PatchPython.smaller(ai, bi)
        _ = try PatchPython.offset(try PatchPython.larger(ai, bi), by: 1, context)
        _ = try PatchPython.smaller(aj, bj)
        _ = try PatchPython.offset(try PatchPython.larger(aj, bj), by: 1, context)
        return try segment(Point(try ai.asInt(), try aj.asInt()), Point(try bi.asInt(), try bj.asInt()), context)
    }

    private static func segment(_ a: Point, _ b: Point, _ context: EvaluationContext) throws -> Value {
        let (top, bottom) = (Swift.min(a.i, b.i), Swift.max(a.i, b.i))
        let (left, right) = (Swift.min(a.j, b.j), Swift.max(a.j, b.j))
        if a.i == b.i {
            let count = try PatchPython.span(left, right)
            try context.reserve(count)
            return .indices(sortedUnique: (0..<count).map { Point(a.i, left + $0) })
        }
        if a.j == b.j {
            let count = try PatchPython.span(top, bottom)
            try context.reserve(count)
            return .indices(sortedUnique: (0..<count).map { Point(top + $0, a.j) })
        }
        // Differences that overflow alike are equal; their span is then refused as too large.
        let rise = b.i.subtractingReportingOverflow(a.i)
        if rise == b.j.subtractingReportingOverflow(a.j) {
            let count = try PatchPython.span(top, bottom)
            try context.reserve(count)
            return .indices(sortedUnique: (0..<count).map { Point(top + $0, left + $0) })
        }
        if rise == a.j.subtractingReportingOverflow(b.j) {
            let count = try PatchPython.span(top, bottom)
            try context.reserve(count)
            return .indices(sortedUnique: (0..<count).map { Point(top + $0, right - $0) })
        }
        return .emptySet
    }

    /// `shoot(start, direction)`: the segment from `start` to 42 steps along `direction`.
    static func shoot(_ start: Value, _ direction: Value, _ context: EvaluationContext) throws -> Value {
        if case .pair(let i, let j) = start, case .pair(let di, let dj) = direction {
            let end = Point(
                try CheckedInt.add(i, try CheckedInt.multiply(42, di)),
                try CheckedInt.add(j, try CheckedInt.multiply(42, dj)))
            return try segment(Point(i, j), end, context)
        }
        let row = try Value.pythonAdd(
            try start.pythonSubscript(0),
            try Value.pythonMultiply(.int(42), try direction.pythonSubscript(0), context), context)
        let column = try Value.pythonAdd(
            try start.pythonSubscript(1),
            try Value.pythonMultiply(.int(42), try direction.pythonSubscript(1), context), context)
        return try connect(start, .tuple([row, column]), context)
    }

    /// `vfrontier` (`vertical`) or `hfrontier`: rows (columns) 0 to 29 through the location.
    static func frontier(through location: Value, vertical: Bool, _ context: EvaluationContext) throws -> Value {
        try context.charge(30)
        if case .pair(let i, let j) = location {
            return .indices(sortedUnique: (0..<30).map { vertical ? Point($0, j) : Point(i, $0) })
        }
        let fixed = try location.pythonSubscript(vertical ? 1 : 0)
        return .set((0..<30).map { vertical ? .tuple([.int($0), fixed]) : .tuple([fixed, .int($0)]) })
    }

    /// `backdrop(patch)`: every location of the bounding box.
    static func backdrop(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            let b = try typed.requireBounds()
            return try filledBox(b.top, b.left, b.bottom, b.right, context)
        }
        guard try patch.pythonLength() > 0 else { return .emptySet }
        let indices = try PatchAccess.toIndices(patch, context)
        let (si, sj) = try PatchMeasure.corner(indices, .upperLeft, context).unpackTwo()
        let (ei, ej) = try PatchMeasure.corner(patch, .lowerRight, context).unpackTwo()
        _ = try PatchPython.offset(ei, by: 1, context)
        let (top, bottom) = (try si.asInt(), try ei.asInt())
        // The generator evaluates `range(sj, ej + 1)` only once `range(si, ei + 1)` yields a row.
        if top > bottom { return .emptySet }
        _ = try PatchPython.offset(ej, by: 1, context)
        return try filledBox(top, try sj.asInt(), bottom, try ej.asInt(), context)
    }

    private static func filledBox(_ top: Int, _ left: Int, _ bottom: Int, _ right: Int, _ context: EvaluationContext)
        throws -> Value
    {
        let (rows, columns) = (try PatchPython.span(top, bottom), try PatchPython.span(left, right))
        let (area, overflow) = rows.multipliedReportingOverflow(by: columns)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(area)
        var points: [Point] = []
        points.reserveCapacity(area)
        for r in 0..<rows {
            for c in 0..<columns { points.append(Point(top + r, left + c)) }
        }
        return .indices(sortedUnique: points)
    }

    /// `delta(patch)`: the bounding box without the patch's own locations.
    static func delta(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            guard case .indices(let box) = try backdrop(patch, context) else { return .emptySet }
            let own = typed.points
            var remaining: [Point] = []
            remaining.reserveCapacity(box.count - Swift.min(box.count, own.count))
            var k = 0
            // Both lists are sorted, so one merge pass removes the patch.
            for p in box {
                while k < own.count && own[k] < p { k += 1 }
                if k < own.count && own[k] == p { continue }
                remaining.append(p)
            }
            return .indices(sortedUnique: remaining)
        }
        guard try patch.pythonLength() > 0 else { return .emptySet }
        return try Value.pythonSubtract(
            try backdrop(patch, context), try PatchAccess.toIndices(patch, context), context)
    }

    enum Ring {
        /// `inbox`: one inside the bounding box.
        case inner
        /// `outbox`: one outside the bounding box.
        case outer
        /// `box`: the bounding box's own outline.
        case outline
    }

    /// `inbox`, `outbox` and `box`: the outline of a rectangle derived from the bounding box.
    static func ring(_ patch: Value, _ kind: Ring, _ context: EvaluationContext) throws -> Value {
        if kind == .outline, try patch.pythonLength() == 0 { return patch }
        let inward = kind == .inner ? 1 : (kind == .outer ? -1 : 0)
        let top: Int
        let left: Int
        let bottom: Int
        let right: Int
        if let typed = PatchPython.typed(patch) {
            let b = try typed.requireBounds()
            top = try CheckedInt.add(b.top, inward)
            left = try CheckedInt.add(b.left, inward)
            bottom = try CheckedInt.subtract(b.bottom, inward)
            right = try CheckedInt.subtract(b.right, inward)
        } else if kind == .outline {
            let (ai, aj) = try PatchMeasure.corner(patch, .upperLeft, context).unpackTwo()
            let (bi, bj) = try PatchMeasure.corner(patch, .lowerRight, context).unpackTwo()
            _ = try PatchPython.smaller(ai, bi)
            _ = try PatchPython.smaller(aj, bj)
            // `range(si, ei + 1)` and `range(sj, ej + 1)` only accept ints.
            _ = try PatchPython.offset(try PatchPython.larger(ai, bi), by: 1, context)
            _ = try PatchPython.offset(try PatchPython.larger(aj, bj), by: 1, context)
            (top, left, bottom, right) = (try ai.asInt(), try aj.asInt(), try bi.asInt(), try bj.asInt())
        } else {
            func moved(_ axis: PatchMeasure.Axis, greatest: Bool) throws -> Int {
                let edge = try PatchMeasure.extreme(patch, axis, greatest: greatest, context)
                return try PatchPython.offset(edge, by: greatest ? -inward : inward, context).asInt()
            }
            top = try moved(.row, greatest: false)
            left = try moved(.column, greatest: false)
            bottom = try moved(.row, greatest: true)
            right = try moved(.column, greatest: true)
        }
        return try outline(
            Swift.min(top, bottom), Swift.min(left, right), Swift.max(top, bottom), Swift.max(left, right), context)
    }

    /// The outline of the rectangle `top...bottom` by `left...right`, sorted.
    private static func outline(_ top: Int, _ left: Int, _ bottom: Int, _ right: Int, _ context: EvaluationContext)
        throws -> Value
    {
        let (rows, columns) = (try PatchPython.span(top, bottom), try PatchPython.span(left, right))
        let (perimeter, overflow) = rows.addingReportingOverflow(columns)
        if overflow || perimeter > Int.max / 2 { throw DSLError.budgetExceeded }
        try context.reserve(2 * perimeter)
        var points: [Point] = []
        points.reserveCapacity(2 * perimeter)
        for c in 0..<columns { points.append(Point(top, left + c)) }
        for r in 1..<Swift.max(rows - 1, 1) {
            points.append(Point(top + r, left))
            if columns > 1 { points.append(Point(top + r, right)) }
        }
        if rows > 1 {
            for c in 0..<columns { points.append(Point(bottom, left + c)) }
        }
        return .indices(sortedUnique: points)
    }
}
