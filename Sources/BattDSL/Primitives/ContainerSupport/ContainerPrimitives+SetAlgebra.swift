extension ContainerPrimitives {
    /// `combine`: `type(a)((*a, *b))`.
    static func combine(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        func unpackable(_ operand: Value) throws {
            guard PythonIteration.isIterable(operand) else {
                throw DSLError.typeError("Value after * must be an iterable, not \(operand.typeName)")
            }
        }
        try unpackable(a)
        try unpackable(b)
        switch (a, b) {
        case (.indices(let x), .indices(let y)):
            try context.charge(x.count + y.count)
            return .indices(SortedRuns.union(x, y))
        case (.object(let x), .object(let y)):
            try context.charge(x.count + y.count)
            return .object(SortedRuns.union(x, y))
        case (.indices, .otherSet(let y)) where y.isEmpty, (.object, .otherSet(let y)) where y.isEmpty,
            (.indices, .otherTuple(let y)) where y.isEmpty, (.object, .otherTuple(let y)) where y.isEmpty:
            return a
        case (.otherSet(let x), .indices) where x.isEmpty, (.otherSet(let x), .object) where x.isEmpty:
            return b
        case (.grid(let x), .grid(let y)) where x.width == y.width:
            try context.charge(x.cells.count + y.cells.count + 1)
            return .grid(Grid(height: x.height + y.height, width: x.width, cells: x.cells + y.cells))
        default:
            var elements = try a.pythonElements()
            let more = try b.pythonElements()
            try context.charge(elements.count + more.count)
            elements.append(contentsOf: more)
            return try a.sameKindContainer(elements)
        }
    }

    /// `intersection`: `a & b` (bitwise and for ints).
    static func intersection(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.otherSet, _) where b.isSet, (_, .otherSet) where a.isSet:
            // The core's `&` looks each element up by a linear scan; a hash set gives the same answer faster.
            try context.charge(a.pythonLength() + b.pythonLength())
            let lookup = Set(try b.pythonElements())
            return .set(try a.pythonElements().filter { lookup.contains($0) })
        default:
            if a.isSet { try context.charge(a.pythonLength()) }
            return try Value.pythonAnd(a, b)
        }
    }

    /// `value in container` for many values: a hash set when a linear scan per lookup would be slow.
    /// Python's `in` on tuples and frozensets is `==`, which `Value`'s hashing agrees with.
    static func membershipTest(_ container: Value, _ context: EvaluationContext) throws -> (Value) throws -> Bool {
        switch container {
        case .otherTuple(let elements) where elements.count > 8, .otherSet(let elements) where elements.count > 8:
            try context.charge(elements.count)
            let lookup = Set(elements)
            return { lookup.contains($0) }
        case .grid(let grid) where grid.height > 8:
            try context.charge(grid.height)
            let lookup = Set(try container.pythonElements())
            return { lookup.contains($0) }
        default:
            return { try container.pythonContains($0) }
        }
    }

    /// `difference`: `type(a)(e for e in a if e not in b)`; `b` is never looked at when `a` is empty.
    static func difference(_ a: Value, _ b: Value, _ context: EvaluationContext) throws -> Value {
        switch (a, b) {
        case (.indices(let x), .indices(let y)):
            try context.charge(x.count)
            return .indices(sortedUnique: SortedRuns.difference(x, y))
        case (.object(let x), .object(let y)):
            try context.charge(x.count)
            return PythonIteration.object(sortedUnique: SortedRuns.difference(x, y))
        case (.indices, .object), (.object, .indices):
            // A location never equals a cell.
            return a
        default:
            // `b` is only looked at once `a` yields an element.
            guard try PythonIteration.isIterable(a) && a.pythonLength() > 0 else {
                return try PythonIteration.filtered(a, context) { _ in true }
            }
            let contains = try membershipTest(b, context)
            return try PythonIteration.filtered(a, context) { element in !(try contains(element)) }
        }
    }

    /// `dedupe`: the elements whose first occurrence is where they stand (`tup.index(e) == i`).
    /// Frozensets have no `.index`, which only matters once there is an element to look up.
    static func dedupe(_ tup: Value, _ context: EvaluationContext) throws -> Value {
        switch tup {
        case .pair(let a, let b):
            return a == b ? .tuple([.int(a)]) : tup
        case .grid(let grid):
            try context.charge(grid.height)
            var seen = Set<ArraySlice<Int8>>()
            var kept: [Int] = []
            for i in 0..<grid.height where seen.insert(grid.row(i)).inserted { kept.append(i) }
            return kept.count == grid.height ? tup : Value.grid(orEmpty: PythonIteration.gridOfRows(kept, of: grid))
        case .otherTuple(let elements):
            try context.charge(elements.count)
            var seen = Set<Value>()
            return .tuple(elements.filter { seen.insert($0).inserted })
        case .indices, .object, .otherSet:
            if try tup.pythonLength() == 0 { return .emptyTuple }
            throw DSLError.attributeError("'frozenset' object has no attribute 'index'")
        case .none, .int, .bigInt, .function:
            throw PythonIteration.notIterable(tup)
        }
    }

    /// `insert`: `container.union(frozenset({value}))`; only frozensets have `.union`.
    static func insert(_ value: Value, into container: Value, _ context: EvaluationContext) throws -> Value {
        guard container.isSet else {
            throw DSLError.attributeError("'\(container.typeName)' object has no attribute 'union'")
        }
        switch (container, value) {
        case (.indices(let points), .pair(let i, let j)):
            try context.charge(points.count + 1)
            return .indices(SortedRuns.inserting(Point(i, j), into: points))
        case (.object(let cells), _):
            if let cell = PythonIteration.cellShape(value) {
                try context.charge(cells.count + 1)
                return .object(SortedRuns.inserting(cell, into: cells))
            }
        default:
            break
        }
        var elements = try container.pythonElements()
        try context.charge(elements.count + 1)
        elements.append(value)
        return .set(elements)
    }

    /// `remove`: `type(container)(e for e in container if e != value)`.
    static func remove(_ value: Value, from container: Value, _ context: EvaluationContext) throws -> Value {
        switch container {
        case .indices(let points):
            guard case .pair(let i, let j) = value else { return container }
            try context.charge(points.count)
            let target = Point(i, j)
            return .indices(sortedUnique: points.filter { $0 != target })
        case .object(let cells):
            guard let target = PythonIteration.cellShape(value) else { return container }
            try context.charge(cells.count)
            return PythonIteration.object(sortedUnique: cells.filter { $0 != target })
        default:
            return try PythonIteration.filtered(container, context) { $0 != value }
        }
    }

    /// `merge`: `type(containers)(e for c in containers for e in c)`. A tuple of containers keeps
    /// every element in order, repeats included; a frozenset of them becomes their union.
    static func merge(_ containers: Value, _ context: EvaluationContext) throws -> Value {
        if case .otherSet(let members) = containers, let union = try unionOfPatches(members, context) {
            return union
        }
        var elements: [Value] = []
        try PythonIteration.forEach(containers) { member in
            try PythonIteration.forEach(member) { element in
                try context.charge(1)
                elements.append(element)
            }
        }
        return try containers.sameKindContainer(elements)
    }

    /// The union of a frozenset of indices and objects, or nil when it holds anything else.
    static func unionOfPatches(_ members: [Value], _ context: EvaluationContext) throws -> Value? {
        var points: [Point] = []
        var cells: [Cell] = []
        for member in members {
            switch member {
            case .indices(let p): points.append(contentsOf: p)
            case .object(let c): cells.append(contentsOf: c)
            case .otherSet(let s) where s.isEmpty: continue
            default: return nil
            }
            try context.charge(member.pythonLength())
        }
        if cells.isEmpty { return .indices(of: points) }
        if points.isEmpty { return .object(of: cells) }
        return .set(points.map(Value.point) + cells.map(Value.cell))
    }
}
