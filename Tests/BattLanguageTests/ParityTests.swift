import Foundation
import Testing

@testable import BattLanguage

/// Compares inlined md5s with the reference Python inliner when two files are provided:
/// `BATT_PARITY_SOURCE` (a corpus such as arc-dsl's `solvers.py`) and `BATT_PARITY_FILE`
/// (`name<TAB>md5` lines: the md5 of the reference inliner's output for each function renamed
/// to `solve`). Skipped otherwise, as the corpus is not part of this repository.
@Suite struct ParityTests {
    static let sourcePath = ProcessInfo.processInfo.environment["BATT_PARITY_SOURCE"]
    static let expectationsPath = ProcessInfo.processInfo.environment["BATT_PARITY_FILE"]

    @Test(.enabled(if: sourcePath != nil && expectationsPath != nil, "set BATT_PARITY_SOURCE and BATT_PARITY_FILE"))
    func inlinedMD5sMatchTheReferenceInliner() throws {
        let source = try String(contentsOfFile: try #require(Self.sourcePath), encoding: .utf8)
        let expectations = try String(contentsOfFile: try #require(Self.expectationsPath), encoding: .utf8)
        var expected: [String: String] = [:]
        for line in expectations.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { expected[String(fields[0])] = String(fields[1]) }
        }
        let parsed = CandidateParser.parse(source: source, path: Self.sourcePath ?? "")
        #expect(!parsed.hasErrors, "\(parsed.diagnostics.prefix(5))")
        var matches = 0
        var mismatches: [String] = []
        var compared: Set<String> = []
        // The reference materialises every text, so compare texts beyond the default cap too.
        let inliner = Inliner(textCap: 1 << 28)
        for function in parsed.functions {
            guard let md5 = expected[function.name] else { continue }
            compared.insert(function.name)
            if try inliner.inline(function).identity == md5 { matches += 1 } else { mismatches.append(function.name) }
        }
        print("parity: \(matches)/\(expected.count) inlined md5s match the reference")
        #expect(matches == expected.count, "mismatched: \(mismatches.prefix(20))")
        #expect(
            compared.count == expected.count,
            "functions missing from the source: \(Set(expected.keys).subtracting(compared).prefix(5))")
    }
}
