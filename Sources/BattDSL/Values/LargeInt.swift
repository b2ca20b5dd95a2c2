import BigInt

/// An int outside `Int`'s range, as Python's unbounded ints make it.
///
/// A `Value` holds one of these only when the number does not fit in 64 bits, so every number has
/// one representation and a big result that comes back into range is `.int` again. Boxed, so the
/// rare big case costs `Value` no size.
public final class LargeInt: Sendable {
    public let value: BigInt

    init(_ value: BigInt) { self.value = value }

    /// The most bits an int may have; a larger result is the size budget running out, as an
    /// unbounded int would otherwise grow until the machine's memory does.
    public static let maximumBitWidth = 1 << 19
}

extension Value {
    /// The int `n` in its canonical representation: `.int` when it fits in 64 bits.
    public static func integer(_ n: BigInt) -> Value {
        if let small = Int(exactly: n) { return .int(small) }
        return .bigInt(LargeInt(n))
    }

    /// The int `n`, charging `context` for its words and refusing one beyond the size limit.
    static func integer(_ n: BigInt, _ context: EvaluationContext) throws -> Value {
        if let small = Int(exactly: n) { return .int(small) }
        let bits = n.magnitude.bitWidth
        if bits > LargeInt.maximumBitWidth { throw DSLError.budgetExceeded }
        try context.charge(bits / 64 + 1)
        return .bigInt(LargeInt(n))
    }

    /// This value as an unbounded int, when it is one.
    @inlinable public var bigIntValue: BigInt? {
        switch self {
        case .int(let n): return BigInt(n)
        case .bigInt(let big): return big.value
        default: return nil
        }
    }

    /// Whether this is an int beyond 64 bits.
    @inlinable public var isLargeInt: Bool {
        if case .bigInt = self { return true }
        return false
    }

    /// Refuses, before computing it, a result of about `bits` bits that the size limit would refuse.
    static func requireBitWidth(_ bits: Int) throws {
        if bits > LargeInt.maximumBitWidth + 1 { throw DSLError.budgetExceeded }
    }

    /// Python's text of a big int; beyond a few thousand digits (where CPython 3.11 refuses to
    /// print ints too) only its size, so a message never costs quadratic time.
    static func largeIntDescription(_ n: BigInt) -> String {
        if n.magnitude.bitWidth <= 4096 { return String(n) }
        return "<int of \(n.magnitude.bitWidth) bits>"
    }
}
