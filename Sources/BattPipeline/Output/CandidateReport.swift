import Foundation

/// The `--report` file: one JSON object per candidate, one per line, in candidate order.
public enum CandidateReport {
    public static func write(_ results: [CandidateResult], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for result in results {
            data.append(try encoder.encode(result))
            data.append(0x0A)
        }
        OutputFile.removeStaleTemporaries(in: OutputFile.folder(of: OutputFile.resolvedTarget(path)))
        try OutputFile.write(data, to: path, what: "the report")
    }
}
