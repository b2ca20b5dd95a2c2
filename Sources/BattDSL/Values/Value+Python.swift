/// Python's built-in operations on DSL values, with Python's results and Python's exceptions.
extension Value {
    // MARK: Containers

    /// `len(v)`.
    public func pythonLength() throws -> Int {
        switch self {
        case .pair: return 2
        case .grid(let g): return g.height
        case .otherTuple(let t): return t.count
        case .indices(let p): return p.count
        case .object(let c): return c.count
        case .otherSet(let s): return s.count
        case .none, .int, .bigInt, .function: throw DSLError.typeError("object of type '\(typeName)' has no len()")
        }
    }

    /// The elements `for e in v` visits, in order (frozensets in sorted order).
    public func pythonElements() throws -> [Value] {
        switch self {
        case .pair, .grid, .otherTuple: return tupleElements
        case .indices, .object, .otherSet: return setElements
        case .none, .int, .bigInt, .function: throw DSLError.typeError("'\(typeName)' object is not iterable")
        }
    }

    /// `v[index]` for tuples, with negative indices counted from the end.
    public func pythonSubscript(_ index: Int) throws -> Value {
        let count: Int
        switch self {
        case .pair: count = 2
        case .grid(let g): count = g.height
        case .otherTuple(let t): count = t.count
        default: throw DSLError.typeError("'\(typeName)' object is not subscriptable")
        }
        let k = index < 0 ? index + count : index
        guard k >= 0 && k < count else { throw DSLError.indexError("tuple index out of range") }
        switch self {
        case .pair(let a, let b): return .int(k == 0 ? a : b)
        case .grid(let g): return g.rowValue(k)
        case .otherTuple(let t): return t[k]
        default: fatalError("unreachable")
        }
    }

    /// `v[start:stop:step]` for tuples, with Python's clamping of out-of-range bounds.
    public func pythonSlice(_ start: Int?, _ stop: Int?, step: Int = 1) throws -> Value {
        guard isTuple else { throw DSLError.typeError("'\(typeName)' object is not subscriptable") }
        let elements = tupleElements
        let range = Value.sliceIndices(count: elements.count, start, stop, step: step)
        if case .grid(let g) = self, step == 1, !range.isEmpty {
            let lower = range[0]
            return .grid(
                Grid(
                    height: range.count, width: g.width,
                    cells: Array(g.cells[(lower * g.width)..<((lower + range.count) * g.width)])))
        }
        return .tuple(range.map { elements[$0] })
    }

    /// The positions `range(len)[start:stop:step]` selects.
    public static func sliceIndices(count: Int, _ start: Int?, _ stop: Int?, step: Int) -> [Int] {
        precondition(step != 0)
        func clamp(_ v: Int, lower: Int, upper: Int) -> Int {
            let adjusted = v < 0 ? v + count : v
            return Swift.min(Swift.max(adjusted, lower), upper)
        }
        if step > 0 {
            let s = start.map { clamp($0, lower: 0, upper: count) } ?? 0
            let e = stop.map { clamp($0, lower: 0, upper: count) } ?? count
            return s < e ? Array(stride(from: s, to: e, by: step)) : []
        } else {
            let s = start.map { clamp($0, lower: -1, upper: count - 1) } ?? count - 1
            let e = stop.map { clamp($0, lower: -1, upper: count - 1) } ?? -1
            return s > e ? Array(stride(from: s, to: e, by: step)) : []
        }
    }

    /// `value in container`.
    public func pythonContains(_ value: Value) throws -> Bool {
        switch self {
        case .pair(let a, let b):
            if case .int(let n) = value { return n == a || n == b }
            return false
        case .grid(let g):
            guard value.isTuple else { return false }
            return (0..<g.height).contains { g.rowValue($0) == value }
        case .otherTuple(let t): return t.contains(value)
        case .indices(let points):
            guard case .pair(let i, let j) = value else { return false }
            return points.binarySearch(Point(i, j))
        case .object(let cells):
            guard case .otherTuple(let items) = value, items.count == 2, case .int(let c) = items[0],
                case .pair(let i, let j) = items[1]
            else { return false }
            return cells.binarySearch(Cell(c, i, j))
        case .otherSet(let s): return s.contains(value)
        case .none, .int, .bigInt, .function:
            throw DSLError.typeError("argument of type '\(typeName)' is not iterable")
        }
    }

    /// `type(self)(elements)`: a tuple stays a tuple and a frozenset a frozenset.
    public func sameKindContainer(_ elements: [Value]) throws -> Value {
        if isTuple { return .tuple(elements) }
        if isSet { return .set(elements) }
        throw DSLError.typeError("'\(typeName)' object is not iterable")
    }

    /// Python's tuple unpacking `a, b = v`.
    public func unpackTwo() throws -> (Value, Value) {
        if case .pair(let a, let b) = self { return (.int(a), .int(b)) }
        let elements: [Value]
        switch self {
        case .none, .int, .bigInt, .function:
            throw DSLError.typeError("cannot unpack non-iterable \(typeName) object")
        default:
            elements = try pythonElements()
        }
        guard elements.count == 2 else {
            throw DSLError.valueError(
                elements.count > 2
                    ? "too many values to unpack (expected 2)"
                    : "not enough values to unpack (expected 2, got \(elements.count))")
        }
        return (elements[0], elements[1])
    }

    // MARK: Scalars

    /// The int this value is, or Python's error for using it as one.
    @inlinable public func asInt() throws -> Int {
        if case .int(let n) = self { return n }
        // CPython too refuses most ints beyond 64 bits as indices, sizes and counts.
        if isLargeInt { throw DSLError.overflow("cannot fit 'int' into an index-sized integer") }
        throw DSLError.typeError("'\(typeName)' object cannot be interpreted as an integer")
    }

    /// A location `(i, j)`; anything but a pair of ints is a type error.
    @inlinable public func asPoint() throws -> Point {
        if case .pair(let i, let j) = self { return Point(i, j) }
        throw DSLError.typeError("expected a pair of ints (i, j), got \(typeName) \(self.shortDescription)")
    }

    /// A description cut to a readable length, for messages; never builds more of the text than
    /// it shows, however large the value.
    public var shortDescription: String {
        var text = ""
        writeDescription(into: &text, limit: 61)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    /// Appends Python's repr of the value to `text`, stopping once `text` reaches `limit` characters.
    func writeDescription(into text: inout String, limit: Int) {
        func sequence(_ open: String, _ elements: [Value], _ close: String) {
            text += open
            for (k, element) in elements.enumerated() {
                if text.count >= limit { return }
                if k > 0 { text += ", " }
                element.writeDescription(into: &text, limit: limit)
            }
            text += close
        }
        if text.count >= limit { return }
        switch self {
        case .otherTuple(let t) where t.count == 1:
            sequence("(", t, ",)")
        case .otherTuple(let t):
            sequence("(", t, ")")
        case .grid(let g):
            let rows = (0..<Swift.min(g.height, limit)).map { g.rowValue($0) }
            sequence("(", rows, g.height == 1 ? ",)" : ")")
        case .indices(let p):
            sequence("frozenset({", p.prefix(limit).map(Value.point), "})")
        case .object(let c):
            sequence("frozenset({", c.prefix(limit).map(Value.cell), "})")
        case .otherSet(let s) where !s.isEmpty:
            sequence("frozenset({", Array(s.prefix(limit)), "})")
        case .function(let f):
            text += f.name
        default:
            text += description
        }
    }
}

extension Array where Element: Comparable {
    @inlinable public func binarySearch(_ target: Element) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) >> 1
            if self[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == target
    }
}
