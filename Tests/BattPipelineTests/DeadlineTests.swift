import BattDSL
import Foundation
import Testing

@testable import BattPipeline

/// A time limit's deadline saturates at "no deadline" rather than wrapping round the clock
/// (issue 8, item 2).
@Suite struct DeadlineTests {
    /// 2^64 ns is 18446744073.7 s: this limit fits in UInt64 nanoseconds, but added to a clock
    /// that has run for more than 0.7 s it wraps to a deadline in the past.
    static let limitNearTheWrap = 18_446_744_073.0

    @Test(arguments: [1.0, 1e10, limitNearTheWrap, 2e10, 1e30, .infinity])
    func theDeadlineIsNeverBeforeTheStart(_ seconds: Double) {
        for start: UInt64 in [0, EvaluationContext.now(), 1 << 63, UInt64.max - 1_000, UInt64.max] {
            let deadline = EvaluationContext.deadline(after: seconds, from: start)
            #expect(deadline >= start, "start \(start), limit \(seconds) s")
            if Double(UInt64.max - start) <= seconds * 1e9 { #expect(deadline == .max) }
        }
    }

    @Test func aSmallLimitIsExact() {
        #expect(EvaluationContext.deadline(after: 1.5, from: 1_000) == 1_500_001_000)
        #expect(EvaluationContext.deadline(after: 0, from: 1_000) == 1_000)
        #expect(EvaluationContext.deadline(after: -3, from: 1_000) == 1_000)
        #expect(EvaluationContext.deadline(after: .nan, from: 1_000) == 1_000)
    }

    @Test(arguments: [limitNearTheWrap, 1e30])
    func aHugeLimitTimesNothingOut(_ seconds: Double) async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.looksAtTheClock, cache: nil, timeLimit: seconds))
        #expect(outcome.result("solve_c3c3c3c3")?.outcome == "correct", "\(outcome.summary.outcomes)")
    }

    @Test func aContextWithAHugeLimitHasNotRunOutOfTime() throws {
        let context = EvaluationContext(timeLimit: Self.limitNearTheWrap)
        #expect(throws: Never.self) { try context.checkClock() }
    }
}
