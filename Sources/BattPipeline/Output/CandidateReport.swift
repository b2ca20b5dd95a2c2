import Foundation

/// The `--report` file: one JSON object per candidate, one per line, in candidate order.
public enum CandidateReport {
    /// How many bytes of lines are gathered before they are written.
    static let chunkBytes = 1 << 20

    /// Writes the lines a chunk at a time, so the whole report is never in memory at once.
    public static func write<Results: Sequence>(_ results: Results, to path: String) throws
    where Results.Element == CandidateResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        OutputFile.removeStaleTemporaries(in: OutputFile.folder(of: OutputFile.resolvedTarget(path)))
        try OutputFile.write(to: path, what: "the report") { emit in
            var data = Data()
            data.reserveCapacity(chunkBytes + 4096)
            for result in results {
                data.append(try encoder.encode(result))
                data.append(0x0A)
                if data.count >= chunkBytes {
                    try emit(data)
                    data.removeAll(keepingCapacity: true)
                }
            }
            try emit(data)
        }
    }
}
