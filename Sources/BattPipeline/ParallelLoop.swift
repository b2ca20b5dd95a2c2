import BattDSL
import Dispatch
import Foundation

/// A data-parallel map over an array for short, synchronous, CPU-bound work, spread over the
/// cores in contiguous chunks. Results are in input order.
public enum ParallelLoop {
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], chunkSize: Int = 256, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard elements.count > chunkSize else { return elements.map(transform) }
        let chunks = (elements.count + chunkSize - 1) / chunkSize
        var slots = [Result?](repeating: nil, count: elements.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own slots, so the shared buffer is never written twice.
            let output = UncheckedBuffer(base: buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * chunkSize
                for index in start..<min(start + chunkSize, elements.count) {
                    output.base[index] = transform(elements[index])
                }
            }
        }
        return slots.map { $0! }
    }
}

extension ParallelLoop {
    /// Runs `body` for each of `0..<count` on the calling thread and up to `workers - 1` threads more,
    /// each thread taking the next index in turn. Returns the CPU time of the threads other than
    /// the caller's, which the caller's own clock does not see.
    public static func run(count: Int, workers: Int, _ body: @escaping (Int) -> Void) -> UInt64 {
        let width = max(1, min(workers, count))
        guard width > 1 else {
            for index in 0..<count { body(index) }
            return 0
        }
        let next = IndexCounter()
        let helpers = CPUTally()
        // Helpers get the caller's stack size: how deep a program may recurse depends on it.
        let stackSize = EvaluationContext.currentThreadStackSize()
        let shared = UncheckedBody(body: body)
        let finished = DispatchGroup()
        for _ in 1..<width {
            finished.enter()
            let thread = Thread {
                let start = ThreadClock.cpuNanoseconds()
                while let index = next.take(below: count) { shared.body(index) }
                helpers.add(ThreadClock.cpuNanoseconds() &- start)
                finished.leave()
            }
            if stackSize > 0 { thread.stackSize = stackSize }
            thread.start()
        }
        while let index = next.take(below: count) { body(index) }
        finished.wait()
        return helpers.total
    }
}

/// What the threads of `ParallelLoop.run` compute, one result per index: each thread sets only
/// the indices it takes.
final class IndexedResults<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result]

    init(count: Int, empty: Result) { results = [Result](repeating: empty, count: count) }

    func set(_ index: Int, _ result: Result) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = result
    }

    var all: [Result] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}

/// The calling thread's CPU time (validation runs synchronously on the thread that called it).
enum ThreadClock {
    static func cpuNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

private final class IndexCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

private final class CPUTally: @unchecked Sendable {
    private let lock = NSLock()
    private var nanoseconds: UInt64 = 0

    func add(_ more: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        nanoseconds &+= more
    }

    var total: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return nanoseconds
    }
}

/// A body the threads of `run` share: it writes only what its index owns.
private struct UncheckedBody: @unchecked Sendable {
    let body: (Int) -> Void
}

private struct UncheckedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
}

extension ParallelLoop {
    /// Runs `work` on a thread of its own, awaited without holding one of Swift concurrency's
    /// threads: blocking reads started this way run alongside the caller even when the
    /// cooperative threads (one per core) are all busy.
    public static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
