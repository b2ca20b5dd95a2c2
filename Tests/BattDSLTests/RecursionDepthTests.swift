import Foundation
import Testing

@testable import BattDSL

/// Composed functions nest as deep as CPython's default recursion limit lets arc-dsl's lambdas
/// nest (measured with CPython 3.11 on a solver called from a module's top level), and beyond
/// that raise RecursionError, an ordinary error, without ever overflowing the thread's stack.
@Suite struct RecursionDepthTests {
    static let grid = "((1, 2), (3, 4))"
    static let mirrored = "((2, 1), (4, 3))"

    /// Chains built once and kept for the whole test run: releasing a chain of n functions
    /// recurses n deep, which the test runner's threads need not have stack for.
    static let chains = [990, 997, 998, 5_000].reduce(into: [Int: Function]()) { $0[$1] = composedChain($1) }

    /// `n` vmirrors composed one by one, as `x2 = compose(x1, vmirror)` lines build them.
    static func composedChain(_ n: Int) -> Function {
        let vmirror = Function(Primitives.named("vmirror")!)
        var function = vmirror
        for _ in 1..<n { function = Function(.composed(function, vmirror)) }
        return function
    }

    @Test(
        arguments: [
            // CPython: power(vmirror, 997) runs, 998 raises (its generator expression is frame 1,001).
            ("power(vmirror, 940)(\(grid))", grid),
            ("power(vmirror, 997)(\(grid))", mirrored),
            ("power(vmirror, 998)(\(grid))", "RecursionError"),
            ("power(vmirror, 999)", "RecursionError"),
            ("power(vmirror, 100000)", "RecursionError"),
            ("power(vmirror, 9223372036854775808)", "RecursionError"),
            ("power(vmirror, 0)", "RecursionError"),
            // A power of a power nests one inside the other: 500 + 498 frames fit, 500 + 499 do not.
            ("power(power(vmirror, 500), 498)(\(grid))", grid),
            ("power(power(vmirror, 500), 499)(\(grid))", "RecursionError"),
            // compose calls inner, then outer: their depths do not add up.
            ("compose(power(vmirror, 500), power(vmirror, 498))(\(grid))", grid),
            // A lambda around the power is one frame more.
            ("fork(astuple, power(vmirror, 996), identity)(\(grid))", "(\(grid), \(grid))"),
            ("fork(astuple, power(vmirror, 997), identity)(\(grid))", "RecursionError"),
        ] as [(String, String)])
    func powerNestsUpToCPythonsLimit(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    /// Runs `body` on a thread of its own with `stackSize` bytes of stack, and returns its outcome.
    static func onThread(
        stackSize: Int, _ body: @escaping @Sendable () throws -> Value
    ) -> Result<Value, DSLError> {
        final class Outcome: @unchecked Sendable {
            var result: Result<Value, DSLError> = .failure(.typeError("did not run"))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                outcome.result = .success(try body())
            } catch let error as DSLError {
                outcome.result = .failure(error)
            } catch {
                outcome.result = .failure(.typeError("\(error)"))
            }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return outcome.result
    }

    static let largeStack = 16 << 20

    @Test(arguments: [(997, true), (998, false), (5_000, false)])
    func composedChainsNestUpToCPythonsLimit(length: Int, runs: Bool) throws {
        let input = try Value(literal: Self.grid)
        let result = Self.onThread(stackSize: Self.largeStack) {
            let context = EvaluationContext(timeLimit: 10)
            defer { precondition(context.frameDepth == EvaluationContext.solverFrameDepth) }
            return try Self.chains[length]!.call1(input, context)
        }
        if runs {
            #expect(try result.get() == Value(literal: Self.mirrored))
        } else {
            #expect(result == .failure(.recursion("maximum recursion depth exceeded")))
        }
    }

    /// Primitives that call functions do so from frames of their own, as dsl.py's do.
    @Test(
        arguments: [
            // apply's frame and its generator expression: two frames fewer for the function.
            ("apply(power(vmirror, 995), (((1, 2),),))", "(((2, 1),),)"),
            ("apply(power(vmirror, 996), (((1, 2),),))", "RecursionError"),
            ("sfilter((((1, 2),),), power(vmirror, 995))", "(((1, 2),),)"),
            ("sfilter((((1, 2),),), power(vmirror, 996))", "RecursionError"),
            // mapply: its own frame, then apply's and its generator expression.
            ("mapply(power(vmirror, 994), (((1, 2),),))", "((1, 2),)"),
            ("mapply(power(vmirror, 995), (((1, 2),),))", "RecursionError"),
            // argmax and valmax call their key from C, which CPython 3.11 counts as two frames.
            ("argmax((((1, 2),),), power(vmirror, 995))", "((1, 2),)"),
            ("argmax((((1, 2),),), power(vmirror, 996))", "RecursionError"),
            ("valmax((((1, 2),),), power(vmirror, 995))", "((2, 1),)"),
            ("valmax((((1, 2),),), power(vmirror, 996))", "RecursionError"),
            // order (sorted calling its key) and extract (next running its generator): three.
            ("order((((1, 2),),), power(vmirror, 994))", "(((1, 2),),)"),
            ("order((((1, 2),),), power(vmirror, 995))", "RecursionError"),
            ("extract((((1, 2),),), power(vmirror, 994))", "((1, 2),)"),
            ("extract((((1, 2),),), power(vmirror, 995))", "RecursionError"),
        ] as [(String, String)])
    func higherOrderPrimitivesCountTheirOwnFrames(expression: String, expected: String) throws {
        try PythonCallExpression.check(expression, expected)
    }

    /// On a thread with a small stack, a chain within CPython's limit stops with RecursionError
    /// before it can overflow the stack.
    /// A chain too deep for any call keeps no parts beyond the limit: building, calling, printing
    /// and releasing a chain of 200,000 stays shallow, on a thread with a small stack too.
    @Test func chainsBeyondTheLimitStayShallow() throws {
        let input = try Value(literal: "((1, 2),)")
        let result = Self.onThread(stackSize: 512 * 1024) {
            let chain = Self.composedChain(200_000)
            #expect(chain.nesting == 199_999)
            #expect(chain.description == "<lambda nesting 199999 calls>")
            return try chain.call1(input, EvaluationContext(timeLimit: 10))
        }
        #expect(result == .failure(.recursion("maximum recursion depth exceeded")))
        let bound = Function(.leftBound(Self.chains[5_000]!, .int(1)))
        #expect(bound.nesting == 5_000)
        // dsl.py's lbind of a one-argument function: lambda y, z, a.
        #expect(bound.parameterNames == ["y", "z", "a"])
    }

    @Test func aSmallStackStopsDeepCallsCleanly() throws {
        let input = try Value(literal: "((1, 2),)")
        let result = Self.onThread(stackSize: Self.largeStack) {
            let chain = Self.chains[990]!
            let deep = Self.onThread(stackSize: 192 * 1024) {
                try chain.call1(input, EvaluationContext(timeLimit: 10))
            }
            if case .failure(let error) = deep { throw error }
            return try deep.get()
        }
        #expect(result == .failure(.recursion("maximum recursion depth exceeded")))
    }

    @Test func theSameChainRunsOnALargerStack() throws {
        let input = try Value(literal: "((1, 2),)")
        let result = Self.onThread(stackSize: Self.largeStack) {
            try Self.chains[990]!.call1(input, EvaluationContext(timeLimit: 10))
        }
        #expect(try result.get() == Value(literal: "((1, 2),)"))
    }
}
