import Foundation
import Testing

@testable import BattPipeline

/// `--report` is written a chunk at a time from the run's compact tables: the file must be the
/// lines of every result, in candidate order, whatever the number of chunks.
@Suite struct StreamingReportTests {
    static func results(_ count: Int) -> [CandidateResult] {
        (0..<count).map { k in
            CandidateResult(
                task: "a1a1a1a1", function: "solve_a1a1a1a1_\(k)", file: "/tmp/candidates.py", line: 1 + 5 * k,
                bodyHash: String(repeating: "0", count: 32), solverMD5: nil, inlineCache: .none,
                verdictCache: .none, outcome: "invalid",
                message: "name 'f\(k)' is not defined " + String(repeating: "x", count: 200))
        }
    }

    @Test func aReportOfManyChunksHoldsEveryLineInOrder() throws {
        let folder = try TemporaryFolder()
        let results = Self.results(8_000)
        let path = folder.path("report.jsonl")
        try CandidateReport.write(results, to: path)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 2 * CandidateReport.chunkBytes, "the report spans several chunks")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var whole = Data()
        for result in results {
            whole.append(try encoder.encode(result))
            whole.append(0x0A)
        }
        #expect(bytes == whole, "byte for byte the report written at once")
    }

    @Test func anEmptyRunWritesAnEmptyReport() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("report.jsonl")
        try CandidateReport.write([CandidateResult](), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

}
