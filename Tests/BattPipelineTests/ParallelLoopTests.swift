import Foundation
import Testing

@testable import BattPipeline

/// `ParallelLoop.run` hands every index to exactly one thread, whatever the number of workers.
@Suite struct ParallelLoopTests {
    @Test(arguments: [1, 2, 3, 8])
    func everyIndexRunsExactlyOnce(workers: Int) {
        let visits = Visits(count: 1_000)
        _ = ParallelLoop.run(count: 1_000, workers: workers) { index in visits.add(index) }
        #expect(visits.counts == [Int](repeating: 1, count: 1_000))
    }

    @Test func noWorkRunsNothing() {
        let visits = Visits(count: 1)
        #expect(ParallelLoop.run(count: 0, workers: 4) { index in visits.add(index) } == 0)
        #expect(visits.counts == [0])
    }

    @Test func oneWorkerRunsOnTheCallingThreadAlone() {
        let caller = Thread.current
        let others = Visits(count: 1)
        let helperCPU = ParallelLoop.run(count: 50, workers: 1) { _ in
            if Thread.current != caller { others.add(0) }
        }
        #expect(helperCPU == 0)
        #expect(others.counts == [0])
    }
}

private final class Visits: @unchecked Sendable {
    private let lock = NSLock()
    private var visits: [Int]

    init(count: Int) { visits = [Int](repeating: 0, count: count) }

    func add(_ index: Int) {
        lock.lock()
        defer { lock.unlock() }
        visits[index] += 1
    }

    var counts: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return visits
    }
}
