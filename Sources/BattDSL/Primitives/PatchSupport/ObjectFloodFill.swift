/// `objects(grid, univalued, diagonal, without_bg)`: the connected objects of a grid.
///
/// `dsl.py` grows each object from the first unvisited cell, breadth first, keeping the cells that
/// match the seed's colour (`univalued`) or that are not background. Its result is the set of
/// connected components of that relation, which a flood fill over the flat cell array finds
/// without any set of locations. Without `without_bg` the background is None, so every cell
/// belongs to some object.
enum ObjectFloodFill {
    static func objects(
        _ grid: Value, univalued: Value, diagonal: Value, withoutBackground: Value, _ context: EvaluationContext
    ) throws -> Value {
        let background = withoutBackground.isTruthy ? try ObjectColors.extremeColor(grid, most: true, context) : nil
        let rule = Rule(univalued: univalued.isTruthy, diagonal: diagonal.isTruthy)
        guard case .grid(let g) = grid else {
            return try objectsGenerically(grid, background: background, rule, context)
        }
        try context.charge(g.cells.count)
        let backgroundColor = background.flatMap { value -> Int8? in
            guard case .int(let n) = value else { return nil }
            return Int8(exactly: n)
        }
        let found = components(g.cells, height: g.height, width: g.width, background: backgroundColor, rule)
        try context.charge(found.count)
        var objects: [[Cell]] = []
        objects.reserveCapacity(found.count)
        for k in 0..<found.count {
            var cells = found.members(k).map { Cell(g[$0.i, $0.j], $0) }
            if !rule.univalued, let first = cells.first, cells.contains(where: { $0.color != first.color }) {
                cells.sort()
            }
            objects.append(cells)
        }
        // Objects share no location, so their first cells differ and alone give the set order.
        objects.sort { ($0.first ?? Cell(0, 0, 0)) < ($1.first ?? Cell(0, 0, 0)) }
        return .otherSet(objects.map { .object($0) })
    }

    struct Rule {
        let univalued: Bool
        let diagonal: Bool
    }

    /// Objects of any tuple that Python can index as a grid, its values mapped to small ids.
    private static func objectsGenerically(
        _ grid: Value, background: Value?, _ rule: Rule, _ context: EvaluationContext
    ) throws -> Value {
        let height = try grid.pythonLength()
        let width = try grid.pythonSubscript(0).pythonLength()
        let (area, overflow) = height.multipliedReportingOverflow(by: width)
        if overflow { throw DSLError.budgetExceeded }
        try context.reserve(area)
        var ids: [Value: Int] = [:]
        var values: [Value] = []
        var labels: [Int] = []
        labels.reserveCapacity(area)
        for i in 0..<height {
            let row = try grid.pythonSubscript(i)
            for j in 0..<width {
                let value = try row.pythonSubscript(j)
                if let id = ids[value] {
                    labels.append(id)
                } else {
                    ids[value] = values.count
                    labels.append(values.count)
                    values.append(value)
                }
            }
        }
        let backgroundId = background.map { ids[$0] ?? -1 }
        let found = components(labels, height: height, width: width, background: backgroundId, rule)
        try context.charge(found.count)
        return .set(
            (0..<found.count).map { k in
                .set(found.members(k).map { .tuple([values[labels[$0.i * width + $0.j]], .point($0)]) })
            })
    }

    /// Connected components: their locations grouped by component, each group in row-major order.
    struct Components {
        let locations: [Point]
        /// Where each component's group starts in `locations`, plus the end.
        let starts: [Int]

        var count: Int { starts.count - 1 }

        func members(_ k: Int) -> ArraySlice<Point> { locations[starts[k]..<starts[k + 1]] }
    }

    static func components<Color: Equatable>(
        _ colors: [Color], height: Int, width: Int, background: Color?, _ rule: Rule
    ) -> Components {
        guard let filler = colors.first, width > 0 else { return Components(locations: [], starts: [0]) }
        // A border of blocked cells around the grid spares bounds checks and divisions.
        let stride = width + 2
        let blocked: Int32 = -2
        var label = [Int32](repeating: blocked, count: (height + 2) * stride)
        var padded = [Color](repeating: filler, count: (height + 2) * stride)
        for i in 0..<height {
            for j in 0..<width {
                label[(i + 1) * stride + j + 1] = -1
                padded[(i + 1) * stride + j + 1] = colors[i * width + j]
            }
        }
        let steps =
            rule.diagonal
            ? [-stride - 1, -stride, -stride + 1, -1, 1, stride - 1, stride, stride + 1]
            : [-stride, -1, 1, stride]
        var stack: [Int] = []
        stack.reserveCapacity(height * width)
        var sizes: [Int] = []
        for start in 0..<label.count where label[start] == -1 {
            let seed = padded[start]
            if let background, seed == background { continue }
            let component = Int32(sizes.count)
            var size = 1
            label[start] = component
            stack.append(start)
            while let k = stack.popLast() {
                for step in steps {
                    let next = k + step
                    guard label[next] == -1 else { continue }
                    let color = padded[next]
                    let joins = rule.univalued ? color == seed : background.map { color != $0 } ?? true
                    if joins {
                        label[next] = component
                        stack.append(next)
                        size += 1
                    }
                }
            }
            sizes.append(size)
        }
        // Counting sort by component keeps row-major order within each group.
        var starts = [0]
        starts.reserveCapacity(sizes.count + 1)
        for size in sizes { starts.append(starts[starts.count - 1] + size) }
        var fill = starts
        var locations = [Point](repeating: Point(0, 0), count: starts[starts.count - 1])
        for i in 0..<height {
            for j in 0..<width {
                let component = Int(label[(i + 1) * stride + j + 1])
                guard component >= 0 else { continue }
                locations[fill[component]] = Point(i, j)
                fill[component] += 1
            }
        }
        return Components(locations: locations, starts: starts)
    }
}
