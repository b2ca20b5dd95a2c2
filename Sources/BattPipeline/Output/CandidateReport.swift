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
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PipelineError.output("cannot write the report '\(path)': \(error.localizedDescription)")
        }
    }
}
