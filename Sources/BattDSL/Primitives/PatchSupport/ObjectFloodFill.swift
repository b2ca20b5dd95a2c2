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
        if case .grid(let g) = grid {
            try context.charge(g.cells.count)
            let backgroundColor = background.flatMap { value -> Int8? in
                guard case .int(let n) = value else { return nil }
                return Int8(exactly: n)
            }
            let components = self.components(g.cells, height: g.height, width: g.width, background: backgroundColor, rule)
            try context.charge(components.count)
            return .set(components.map { members in
                var cells = members.map { Cell(Int(g.cells[$0]), $0 / g.width, $0 % g.width) }
                if !rule.univalued, let first = cells.first, cells.contains(where: { $0.color != first.color }) {
                    cells.sort()
                }
                return .object(cells)
            })
        }
        return try objectsGenerically(grid, background: background, rule, context)
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
        let components = self.components(labels, height: height, width: width, background: backgroundId, rule)
        try context.charge(components.count)
        return .set(components.map { members in
            .set(members.map { .tuple([values[labels[$0]], .pair($0 / width, $0 % width)]) })
        })
    }

    /// The connected components as lists of flat cell positions, each in row-major order.
    static func components<Color: Equatable>(
        _ colors: [Color], height: Int, width: Int, background: Color?, _ rule: Rule
    ) -> [[Int]] {
        let count = colors.count
        guard count > 0, width > 0 else { return [] }
        let steps: [(Int, Int)] = rule.diagonal
            ? [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
            : [(-1, 0), (0, -1), (0, 1), (1, 0)]
        var label = [Int32](repeating: -1, count: count)
        var stack: [Int] = []
        var components: Int32 = 0
        for start in 0..<count where label[start] < 0 {
            let seed = colors[start]
            if let background, seed == background { continue }
            label[start] = components
            stack.append(start)
            while let k = stack.popLast() {
                let (i, j) = (k / width, k % width)
                for (di, dj) in steps {
                    let (ni, nj) = (i + di, j + dj)
                    guard ni >= 0, ni < height, nj >= 0, nj < width else { continue }
                    let next = ni * width + nj
                    guard label[next] < 0 else { continue }
                    let color = colors[next]
                    let joins = rule.univalued ? color == seed : background.map { color != $0 } ?? true
                    if joins {
                        label[next] = components
                        stack.append(next)
                    }
                }
            }
            components += 1
        }
        var members = [[Int]](repeating: [], count: Int(components))
        for k in 0..<count where label[k] >= 0 { members[Int(label[k])].append(k) }
        return members
    }
}
