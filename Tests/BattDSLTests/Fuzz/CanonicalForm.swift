@testable import BattDSL

/// Checks that a value is in its one canonical representation, which `==` relies on: patches are
/// non-empty, sorted and unique; big ints do not fit in 64 bits; other frozensets are sorted, unique and not patch-shaped; generic
/// tuples are neither pair- nor grid-shaped; and rebuilding a container from its elements gives it back.
enum CanonicalForm {
    /// Containers with more elements than this are checked for order only, not rebuilt.
    private static let rebuildLimit = 4_096

    /// Descriptions of what is wrong with `value` or any value inside it; empty when canonical.
    static func violations(in value: Value) -> [String] {
        var found: [String] = []
        var visits = 20_000
        check(value, &found, &visits)
        return found
    }

    private static func check(_ value: Value, _ found: inout [String], _ visits: inout Int) {
        visits -= 1
        guard visits > 0, found.count < 5 else { return }
        switch value {
        case .none, .int, .pair:
            return
        case .bigInt(let big):
            if Int(exactly: big.value) != nil { found.append("big int \(big.value) fits in 64 bits") }
        case .grid(let grid):
            if grid.height < 1 || grid.width < 0 || grid.cells.count != grid.height * grid.width {
                found.append("grid of \(grid.height)x\(grid.width) holds \(grid.cells.count) cells")
            }
            checkRebuilt(value, found: &found)
        case .otherTuple(let elements):
            if case .otherTuple = Value.tuple(elements) {
            } else {
                found.append("generic tuple \(short(value)) has the shape of a pair or a grid")
            }
            checkRebuilt(value, found: &found)
            for element in elements { check(element, &found, &visits) }
        case .indices(let points):
            if points.isEmpty { found.append("empty .indices") }
            if !points.isStrictlyIncreasing { found.append("indices not sorted and unique: \(short(value))") }
            checkRebuilt(value, found: &found)
        case .object(let cells):
            if cells.isEmpty { found.append("empty .object") }
            if !cells.isStrictlyIncreasing { found.append("object not sorted and unique: \(short(value))") }
            checkRebuilt(value, found: &found)
        case .otherSet(let elements):
            for k in elements.indices.dropFirst() where elements[k - 1].canonicalCompare(elements[k]) >= 0 {
                found.append("frozenset not sorted and unique at \(k): \(short(value))")
                break
            }
            checkRebuilt(value, found: &found)
            for element in elements { check(element, &found, &visits) }
        case .function(let function):
            for bound in boundValues(of: function) { check(bound, &found, &visits) }
        }
    }

    /// `type(c)(iter(c)) == c` and `len(c) == len(list(c))` for tuples and frozensets.
    private static func checkRebuilt(_ value: Value, found: inout [String]) {
        guard let length = try? value.pythonLength(), let elements = try? value.pythonElements() else {
            found.append("container \(short(value)) has no length or elements")
            return
        }
        if length != elements.count {
            found.append("len \(length) but \(elements.count) elements: \(short(value))")
        }
        guard elements.count <= rebuildLimit else { return }
        let rebuilt = value.isSet ? Value.set(elements) : Value.tuple(elements)
        if rebuilt != value {
            found.append("rebuilt from its elements \(short(value)) becomes \(short(rebuilt))")
        }
    }

    private static func boundValues(of function: Function) -> [Value] {
        switch function.kind {
        case .rightBound(let f, let v), .leftBound(let f, let v), .matcher(let f, let v):
            return [v] + boundValues(of: f)
        case .composed(let a, let b):
            return boundValues(of: a) + boundValues(of: b)
        case .chained(let a, let b, let c), .forked(let a, let b, let c):
            return boundValues(of: a) + boundValues(of: b) + boundValues(of: c)
        case .power(let f, _):
            return boundValues(of: f)
        case .primitive, .tooDeep:
            return []
        }
    }

    static func short(_ value: Value) -> String {
        let text = value.description
        return text.count <= 200 ? text : String(text.prefix(200)) + "..."
    }
}
