/// CPython 3.11's timsort (`Objects/listobject.c`): natural runs extended by binary insertion to
/// `minrun`, merged under the powersort policy with galloping. It makes the same comparisons in the
/// same order as CPython, so it puts partially ordered keys where Python does.
struct TimSort {
    private(set) var keys: [Value]
    private(set) var positions: [Int]
    private let context: EvaluationContext
    private var minGallop = TimSort.initialMinGallop
    private var pending: [(base: Int, length: Int, power: Int)] = []

    private static let initialMinGallop = 7

    init(keys: [Value], context: EvaluationContext) {
        self.keys = keys
        self.positions = Array(keys.indices)
        self.context = context
    }

    private func less(_ x: Value, _ y: Value) throws -> Bool {
        try context.charge(1)
        return try Value.pythonLess(x, y)
    }

    mutating func run() throws {
        let count = keys.count
        guard count > 1 else { return }
        let minRun = TimSort.minimumRun(count)
        var low = 0
        var remaining = count
        while remaining > 0 {
            var (length, descending) = try countRun(low, low + remaining)
            if descending {
                keys[low..<(low + length)].reverse()
                positions[low..<(low + length)].reverse()
            }
            if length < minRun {
                let forced = Swift.min(remaining, minRun)
                try binarySort(low, low + forced, start: low + length)
                length = forced
            }
            try foundNewRun(length)
            pending.append((low, length, 0))
            low += length
            remaining -= length
        }
        while pending.count > 1 {
            var n = pending.count - 2
            if n > 0 && pending[n - 1].length < pending[n + 1].length { n -= 1 }
            try merge(at: n)
        }
    }

    private static func minimumRun(_ count: Int) -> Int {
        var n = count
        var r = 0
        while n >= 64 {
            r |= n & 1
            n >>= 1
        }
        return n + r
    }

    /// The length of the run starting at `low`, and whether it is strictly descending.
    private func countRun(_ low: Int, _ high: Int) throws -> (Int, Bool) {
        if low + 1 == high { return (1, false) }
        var length = 2
        if try less(keys[low + 1], keys[low]) {
            while low + length < high, try less(keys[low + length], keys[low + length - 1]) { length += 1 }
            return (length, true)
        }
        while low + length < high, !(try less(keys[low + length], keys[low + length - 1])) { length += 1 }
        return (length, false)
    }

    /// Binary insertion of `keys[start..<high]` into the sorted `keys[low..<start]`.
    private mutating func binarySort(_ low: Int, _ high: Int, start: Int) throws {
        var start = start == low ? start + 1 : start
        while start < high {
            let pivotKey = keys[start]
            let pivotPosition = positions[start]
            var left = low
            var right = start
            repeat {
                let middle = left + (right - left) >> 1
                if try less(pivotKey, keys[middle]) { right = middle } else { left = middle + 1 }
            } while left < right
            var k = start
            while k > left {
                keys[k] = keys[k - 1]
                positions[k] = positions[k - 1]
                k -= 1
            }
            keys[left] = pivotKey
            positions[left] = pivotPosition
            start += 1
        }
    }

    /// The powersort policy: merge pending runs whose power exceeds the new boundary's.
    private mutating func foundNewRun(_ newLength: Int) throws {
        guard let last = pending.last else { return }
        let power = TimSort.power(last.base, last.length, newLength, keys.count)
        while pending.count > 1 && pending[pending.count - 2].power > power {
            try merge(at: pending.count - 2)
        }
        pending[pending.count - 1].power = power
    }

    private static func power(_ start: Int, _ length1: Int, _ length2: Int, _ count: Int) -> Int {
        var a = 2 * start + length1
        var b = a + length1 + length2
        var result = 0
        while true {
            result += 1
            if a >= count {
                a -= count
                b -= count
            } else if b >= count {
                break
            }
            a <<= 1
            b <<= 1
        }
        return result
    }

    private mutating func merge(at i: Int) throws {
        let (baseA, lengthA) = (pending[i].base, pending[i].length)
        let (baseB, lengthB) = (pending[i + 1].base, pending[i + 1].length)
        pending[i].length = lengthA + lengthB
        if i == pending.count - 3 { pending[i + 1] = pending[i + 2] }
        pending.removeLast()
        // Elements of A before where B's first belongs, and of B after where A's last belongs, stay put.
        let skipped = try gallopRight(keys[baseB], in: keys, baseA, lengthA, hint: 0)
        let startA = baseA + skipped
        let countA = lengthA - skipped
        if countA == 0 { return }
        let countB = try gallopLeft(keys[startA + countA - 1], in: keys, baseB, lengthB, hint: lengthB - 1)
        if countB <= 0 { return }
        if countA <= countB {
            try mergeLow(startA, countA, baseB, countB)
        } else {
            try mergeHigh(startA, countA, baseB, countB)
        }
    }

    /// The position in `array[base..<base+count]` (relative to base) before the first element not less than `key`.
    private func gallopLeft(_ key: Value, in array: [Value], _ base: Int, _ count: Int, hint: Int) throws -> Int {
        var lastOffset = 0
        var offset = 1
        if try less(array[base + hint], key) {
            let maxOffset = count - hint
            while offset < maxOffset, try less(array[base + hint + offset], key) {
                lastOffset = offset
                offset = (offset << 1) + 1
            }
            offset = Swift.min(offset, maxOffset)
            lastOffset += hint
            offset += hint
        } else {
            let maxOffset = hint + 1
            while offset < maxOffset, !(try less(array[base + hint - offset], key)) {
                lastOffset = offset
                offset = (offset << 1) + 1
            }
            offset = Swift.min(offset, maxOffset)
            (lastOffset, offset) = (hint - offset, hint - lastOffset)
        }
        lastOffset += 1
        while lastOffset < offset {
            let middle = lastOffset + (offset - lastOffset) >> 1
            if try less(array[base + middle], key) { lastOffset = middle + 1 } else { offset = middle }
        }
        return offset
    }

    /// The position in `array[base..<base+count]` (relative to base) after the last element not greater than `key`.
    private func gallopRight(_ key: Value, in array: [Value], _ base: Int, _ count: Int, hint: Int) throws -> Int {
        var lastOffset = 0
        var offset = 1
        if try less(key, array[base + hint]) {
            let maxOffset = hint + 1
            while offset < maxOffset, try less(key, array[base + hint - offset]) {
                lastOffset = offset
                offset = (offset << 1) + 1
            }
            offset = Swift.min(offset, maxOffset)
            (lastOffset, offset) = (hint - offset, hint - lastOffset)
        } else {
            let maxOffset = count - hint
            while offset < maxOffset, !(try less(key, array[base + hint + offset])) {
                lastOffset = offset
                offset = (offset << 1) + 1
            }
            offset = Swift.min(offset, maxOffset)
            lastOffset += hint
            offset += hint
        }
        lastOffset += 1
        while lastOffset < offset {
            let middle = lastOffset + (offset - lastOffset) >> 1
            if try less(key, array[base + middle]) { offset = middle } else { lastOffset = middle + 1 }
        }
        return offset
    }

    private enum MergeEnd { case allPlaced, oneLeftOver }

    /// Merges run A = `[startA, startA + countA)` with the run B that follows it, front to back from
    /// a copy of A (the shorter run).
    private mutating func mergeLow(_ startA: Int, _ countA: Int, _ startB: Int, _ countB: Int) throws {
        let copyKeys = Array(keys[startA..<(startA + countA)])
        let copyPositions = Array(positions[startA..<(startA + countA)])
        var (na, nb) = (countA, countB)
        var (a, b, dest) = (0, startB, startA)
        var end = MergeEnd.allPlaced
        keys[dest] = keys[b]
        positions[dest] = positions[b]
        dest += 1
        b += 1
        nb -= 1
        merging: do {
            if nb == 0 { break merging }
            if na == 1 {
                end = .oneLeftOver
                break merging
            }
            var minGallop = self.minGallop
            while true {
                var (winsA, winsB) = (0, 0)
                while true {
                    if try less(keys[b], copyKeys[a]) {
                        keys[dest] = keys[b]
                        positions[dest] = positions[b]
                        dest += 1
                        b += 1
                        winsB += 1
                        winsA = 0
                        nb -= 1
                        if nb == 0 { break merging }
                        if winsB >= minGallop { break }
                    } else {
                        keys[dest] = copyKeys[a]
                        positions[dest] = copyPositions[a]
                        dest += 1
                        a += 1
                        winsA += 1
                        winsB = 0
                        na -= 1
                        if na == 1 {
                            end = .oneLeftOver
                            break merging
                        }
                        if winsA >= minGallop { break }
                    }
                }
                minGallop += 1
                repeat {
                    if minGallop > 1 { minGallop -= 1 }
                    self.minGallop = minGallop
                    winsA = try gallopRight(keys[b], in: copyKeys, a, na, hint: 0)
                    if winsA > 0 {
                        for _ in 0..<winsA {
                            keys[dest] = copyKeys[a]
                            positions[dest] = copyPositions[a]
                            dest += 1
                            a += 1
                        }
                        na -= winsA
                        if na == 1 {
                            end = .oneLeftOver
                            break merging
                        }
                        if na == 0 { break merging }
                    }
                    keys[dest] = keys[b]
                    positions[dest] = positions[b]
                    dest += 1
                    b += 1
                    nb -= 1
                    if nb == 0 { break merging }
                    winsB = try gallopLeft(copyKeys[a], in: keys, b, nb, hint: 0)
                    if winsB > 0 {
                        for _ in 0..<winsB {
                            keys[dest] = keys[b]
                            positions[dest] = positions[b]
                            dest += 1
                            b += 1
                        }
                        nb -= winsB
                        if nb == 0 { break merging }
                    }
                    keys[dest] = copyKeys[a]
                    positions[dest] = copyPositions[a]
                    dest += 1
                    a += 1
                    na -= 1
                    if na == 1 {
                        end = .oneLeftOver
                        break merging
                    }
                } while winsA >= TimSort.initialMinGallop || winsB >= TimSort.initialMinGallop
                minGallop += 1
                self.minGallop = minGallop
            }
        }
        switch end {
        case .allPlaced:
            for _ in 0..<na {
                keys[dest] = copyKeys[a]
                positions[dest] = copyPositions[a]
                dest += 1
                a += 1
            }
        case .oneLeftOver:
            // The last element of A belongs after what remains of B.
            for _ in 0..<nb {
                keys[dest] = keys[b]
                positions[dest] = positions[b]
                dest += 1
                b += 1
            }
            keys[dest] = copyKeys[a]
            positions[dest] = copyPositions[a]
        }
    }

    /// Merges run A = `[startA, startA + countA)` with the run B that follows it, back to front from
    /// a copy of B (the shorter run).
    private mutating func mergeHigh(_ startA: Int, _ countA: Int, _ startB: Int, _ countB: Int) throws {
        let copyKeys = Array(keys[startB..<(startB + countB)])
        let copyPositions = Array(positions[startB..<(startB + countB)])
        var (na, nb) = (countA, countB)
        var (a, b, dest) = (startA + countA - 1, countB - 1, startB + countB - 1)
        var end = MergeEnd.allPlaced
        keys[dest] = keys[a]
        positions[dest] = positions[a]
        dest -= 1
        a -= 1
        na -= 1
        merging: do {
            if na == 0 { break merging }
            if nb == 1 {
                end = .oneLeftOver
                break merging
            }
            var minGallop = self.minGallop
            while true {
                var (winsA, winsB) = (0, 0)
                while true {
                    if try less(copyKeys[b], keys[a]) {
                        keys[dest] = keys[a]
                        positions[dest] = positions[a]
                        dest -= 1
                        a -= 1
                        winsA += 1
                        winsB = 0
                        na -= 1
                        if na == 0 { break merging }
                        if winsA >= minGallop { break }
                    } else {
                        keys[dest] = copyKeys[b]
                        positions[dest] = copyPositions[b]
                        dest -= 1
                        b -= 1
                        winsB += 1
                        winsA = 0
                        nb -= 1
                        if nb == 1 {
                            end = .oneLeftOver
                            break merging
                        }
                        if winsB >= minGallop { break }
                    }
                }
                minGallop += 1
                repeat {
                    if minGallop > 1 { minGallop -= 1 }
                    self.minGallop = minGallop
                    winsA = try na - gallopRight(copyKeys[b], in: keys, startA, na, hint: na - 1)
                    if winsA > 0 {
                        for _ in 0..<winsA {
                            keys[dest] = keys[a]
                            positions[dest] = positions[a]
                            dest -= 1
                            a -= 1
                        }
                        na -= winsA
                        if na == 0 { break merging }
                    }
                    keys[dest] = copyKeys[b]
                    positions[dest] = copyPositions[b]
                    dest -= 1
                    b -= 1
                    nb -= 1
                    if nb == 1 {
                        end = .oneLeftOver
                        break merging
                    }
                    winsB = try nb - gallopLeft(keys[a], in: copyKeys, 0, nb, hint: nb - 1)
                    if winsB > 0 {
                        for _ in 0..<winsB {
                            keys[dest] = copyKeys[b]
                            positions[dest] = copyPositions[b]
                            dest -= 1
                            b -= 1
                        }
                        nb -= winsB
                        if nb == 1 {
                            end = .oneLeftOver
                            break merging
                        }
                        if nb == 0 { break merging }
                    }
                    keys[dest] = keys[a]
                    positions[dest] = positions[a]
                    dest -= 1
                    a -= 1
                    na -= 1
                    if na == 0 { break merging }
                } while winsA >= TimSort.initialMinGallop || winsB >= TimSort.initialMinGallop
                minGallop += 1
                self.minGallop = minGallop
            }
        }
        switch end {
        case .allPlaced:
            for k in 0..<nb {
                keys[dest - nb + 1 + k] = copyKeys[k]
                positions[dest - nb + 1 + k] = copyPositions[k]
            }
        case .oneLeftOver:
            // The first element of B belongs before what remains of A.
            for _ in 0..<na {
                keys[dest] = keys[a]
                positions[dest] = positions[a]
                dest -= 1
                a -= 1
            }
            keys[dest] = copyKeys[b]
            positions[dest] = copyPositions[b]
        }
    }
}
