/// Reading and moving patches: `toindices`, `recolor`, `shift`, `normalize` and the neighbourhoods.
enum PatchAccess {
    /// `toindices(patch)`: the locations of an object; anything else that is no object unchanged.
    static func toIndices(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        switch patch {
        case .indices:
            return patch
        case .object(let cells):
            try context.charge(cells.count)
            return .indices(sortedUnique: Patch.object(cells).points)
        default:
            guard try patch.pythonLength() > 0 else { return .emptySet }
            guard try PatchPython.holdsCells(patch) else { return patch }
            let elements = try patch.pythonElements()
            try context.charge(elements.count)
            return .set(try elements.map { try $0.unpackTwo().1 })
        }
    }

    /// `recolor(value, patch)`.
    static func recolor(_ value: Value, _ patch: Value, _ context: EvaluationContext) throws -> Value {
        // The empty patch (what `connect` makes of most pairs) recolors to the empty set, whatever
        // the value: as the general path below does it, minus its arrays.
        if case .otherSet(let members) = patch, members.isEmpty {
            try context.charge(0)
            return .emptySet
        }
        if case .int(let color) = value, let typed = PatchPython.typed(patch) {
            let points = typed.points
            try context.charge(points.count)
            return .object(points.map { Cell(color, $0) })
        }
        let locations = try toIndices(patch, context).pythonElements()
        try context.charge(locations.count)
        return .set(locations.map { .tuple([value, $0]) })
    }

    /// `shift(patch, directions)`: an empty patch comes back as it is, whatever `directions` holds.
    /// Locations moved beyond 64 bits take the general path, which makes big ints of them.
    static func shift(_ patch: Value, _ directions: Value, _ context: EvaluationContext) throws -> Value {
        if case .pair(let di, let dj) = directions {
            switch patch {
            case .indices(let points):
                if di == 0 && dj == 0 { return patch }
                try context.charge(points.count)
                let offset = Point(di, dj)
                if let moved = try? points.map({ try CheckedInt.add($0, offset) }) { return .indices(moved) }
            case .object(let cells):
                if di == 0 && dj == 0 { return patch }
                try context.charge(cells.count)
                let offset = Point(di, dj)
                if let moved = try? cells.map({ Cell($0.color, try CheckedInt.add($0.point, offset)) }) {
                    return .object(moved)
                }
            default:
                break
            }
        }
        guard try patch.pythonLength() > 0 else { return patch }
        let (di, dj) = try directions.unpackTwo()
        let cellsInside = try PatchPython.holdsCells(patch)
        let elements = try patch.pythonElements()
        try context.charge(elements.count)
        func moved(_ location: Value) throws -> Value {
            let (i, j) = try location.unpackTwo()
            return .tuple([try Value.pythonAdd(i, di, context), try Value.pythonAdd(j, dj, context)])
        }
        if cellsInside {
            return .set(
                try elements.map { element in
                    let (value, location) = try element.unpackTwo()
                    return .tuple([value, try moved(location)])
                })
        }
        return .set(try elements.map(moved))
    }

    /// `normalize(patch)`: shifted so that its uppermost row and leftmost column are 0.
    static func normalize(_ patch: Value, _ context: EvaluationContext) throws -> Value {
        if let typed = PatchPython.typed(patch) {
            let bounds = try typed.requireBounds()
            let offset = Value.pair(try CheckedInt.subtract(0, bounds.top), try CheckedInt.subtract(0, bounds.left))
            return try shift(patch, offset, context)
        }
        guard try patch.pythonLength() > 0 else { return patch }
        let up = try Value.pythonNegate(try PatchMeasure.extreme(patch, .row, greatest: false, context))
        let left = try Value.pythonNegate(try PatchMeasure.extreme(patch, .column, greatest: false, context))
        return try shift(patch, .tuple([up, left]), context)
    }

    enum Neighbourhood {
        case direct, diagonal, all
    }

    /// `dneighbors`, `ineighbors` and `neighbors` of a location.
    static func neighbours(of location: Value, _ kind: Neighbourhood, _ context: EvaluationContext) throws -> Value {
        let (i, j) = try coordinates(of: location, context)
        let (up, down) = (try CheckedInt.subtract(i, 1), try CheckedInt.add(i, 1))
        let (left, right) = (try CheckedInt.subtract(j, 1), try CheckedInt.add(j, 1))
        let points: [Point]
        switch kind {
        case .direct:
            points = [Point(up, j), Point(i, left), Point(i, right), Point(down, j)]
        case .diagonal:
            points = [Point(up, left), Point(up, right), Point(down, left), Point(down, right)]
        case .all:
            points = [
                Point(up, left), Point(up, j), Point(up, right), Point(i, left),
                Point(i, right), Point(down, left), Point(down, j), Point(down, right),
            ]
        }
        try context.charge(points.count)
        return .indices(sortedUnique: points)
    }

    /// The ints `loc[0]` and `loc[1]`, raising what `loc[0] - 1` and `loc[1] - 1` would raise.
    private static func coordinates(of location: Value, _ context: EvaluationContext) throws -> (Int, Int) {
        if case .pair(let i, let j) = location { return (i, j) }
        let i = try location.pythonSubscript(0)
        _ = try Value.pythonSubtract(i, .int(1), context)
        let j = try location.pythonSubscript(1)
        _ = try Value.pythonSubtract(j, .int(1), context)
        return (try i.asInt(), try j.asInt())
    }
}
