#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The limits of one evaluation: a deadline and a budget of elements it may create.
///
/// Primitives charge the budget for the elements they build (cells, set members, tuple items)
/// and thereby also poll the clock, so long primitives stop promptly. Not shared across threads:
/// each evaluation owns its context, so its counters skip the runtime's exclusivity checks.
public final class EvaluationContext {
    public let deadlineNanoseconds: UInt64
    @exclusivity(unchecked) public private(set) var remainingBudget: Int
    @exclusivity(unchecked) private var chargedSinceClockCheck = 0
    /// How many charged elements may pass between two looks at the clock.
    private let clockCheckInterval = 2048
    /// What one call of a function value counts toward the next look at the clock: a call can
    /// do much more work than building one element.
    public static let callWeight = 32
    /// The depth of CPython's frame stack that the code being evaluated stands for (see `enterFrame`).
    @exclusivity(unchecked) public internal(set) var frameDepth = EvaluationContext.solverFrameDepth
    /// The lowest address this thread's stack may grow to before calls stop; 0 until first needed.
    @exclusivity(unchecked) var stackFloor: UInt = 0

    /// - Parameters:
    ///   - timeLimit: seconds from now; nil for no deadline.
    ///   - budget: how many elements the evaluation may create in all.
    public init(timeLimit: Double?, budget: Int = 50_000_000) {
        if let timeLimit {
            deadlineNanoseconds = EvaluationContext.deadline(after: timeLimit, from: EvaluationContext.now())
        } else {
            deadlineNanoseconds = .max
        }
        remainingBudget = budget
    }

    /// A context with an absolute deadline (from `now()`), so several evaluations can share one.
    public init(deadlineNanoseconds: UInt64, budget: Int) {
        self.deadlineNanoseconds = deadlineNanoseconds
        remainingBudget = budget
    }

    /// The clock reading `seconds` after `start`, saturating at `UInt64.max` (no deadline) rather
    /// than wrapping: a wrapped deadline lies in the past and would time every evaluation out.
    /// A negative or NaN limit is a deadline of `start` itself.
    public static func deadline(after seconds: Double, from start: UInt64) -> UInt64 {
        guard seconds > 0 else { return start }
        let nanoseconds = seconds * 1e9
        let room = UInt64.max - start
        // Double(room) may round up past `room`; anything at or beyond it saturates.
        guard nanoseconds < Double(room) else { return .max }
        return start + min(UInt64(nanoseconds), room)
    }

    @inlinable public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Spends `amount` of the budget; throws when it or the time runs out.
    @inline(__always) public func charge(_ amount: Int) throws {
        remainingBudget &-= amount
        chargedSinceClockCheck &+= amount
        if remainingBudget < 0 { throw DSLError.budgetExceeded }
        if chargedSinceClockCheck >= clockCheckInterval { try checkClock() }
    }

    /// Counts `amount` steps of work that create nothing, so long loops still notice the deadline.
    @inline(__always) public func tick(_ amount: Int = 1) throws {
        chargedSinceClockCheck &+= amount
        if chargedSinceClockCheck >= clockCheckInterval { try checkClock() }
    }

    /// Looks at the clock, throwing when the deadline has passed.
    public func checkClock() throws {
        chargedSinceClockCheck = 0
        if deadlineNanoseconds != .max && EvaluationContext.now() >= deadlineNanoseconds { throw DSLError.timeout }
    }

    /// Charges for `count` elements, refusing sizes that could never fit before allocating them.
    @inline(__always) public func reserve(_ count: Int) throws {
        if count > remainingBudget {
            remainingBudget = -1
            throw DSLError.budgetExceeded
        }
        try charge(max(count, 1))
    }
}
