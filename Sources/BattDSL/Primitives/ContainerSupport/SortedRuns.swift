/// Set algebra on sorted, duplicate-free arrays (the storage of indices and objects), in linear time.
enum SortedRuns {
    static func union<T: Comparable>(_ x: [T], _ y: [T]) -> [T] {
        if x.isEmpty { return y }
        if y.isEmpty { return x }
        var result: [T] = []
        result.reserveCapacity(x.count + y.count)
        var (i, j) = (0, 0)
        while i < x.count && j < y.count {
            if x[i] < y[j] {
                result.append(x[i])
                i += 1
            } else if y[j] < x[i] {
                result.append(y[j])
                j += 1
            } else {
                result.append(x[i])
                i += 1
                j += 1
            }
        }
        result.append(contentsOf: x[i...])
        result.append(contentsOf: y[j...])
        return result
    }

    /// The elements of `x` not in `y`.
    static func difference<T: Comparable>(_ x: [T], _ y: [T]) -> [T] {
        if x.isEmpty || y.isEmpty { return x }
        var result: [T] = []
        result.reserveCapacity(x.count)
        var j = 0
        for element in x {
            while j < y.count && y[j] < element { j += 1 }
            if j < y.count && y[j] == element { continue }
            result.append(element)
        }
        return result
    }

    /// `x` with `element` added.
    static func inserting<T: Comparable>(_ element: T, into x: [T]) -> [T] {
        var low = 0
        var high = x.count
        while low < high {
            let middle = (low + high) >> 1
            if x[middle] < element { low = middle + 1 } else { high = middle }
        }
        if low < x.count && x[low] == element { return x }
        var result = x
        result.insert(element, at: low)
        return result
    }
}
