import Dispatch

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

private struct UncheckedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
}
