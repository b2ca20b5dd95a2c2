/// Runs work items concurrently, at most `jobs` at a time, with structured concurrency.
///
/// Results come back to `collect` on the caller's task as they complete (so the caller can store
/// them in batches); the returned array is in input order whatever the completion order, which
/// keeps every run's results identical for any job count.
public enum BoundedParallelism {
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        jobs: Int,
        _ work: @escaping @Sendable (Item) async -> Result,
        collect: (Int, Result) async throws -> Void = { _, _ in }
    ) async rethrows -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        let width = max(1, jobs)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            while next < min(width, items.count) {
                let index = next
                group.addTask { (index, await work(items[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                try await collect(index, result)
                if next < items.count {
                    let index = next
                    group.addTask { (index, await work(items[index])) }
                    next += 1
                }
            }
        }
        return results.map { $0! }
    }
}
