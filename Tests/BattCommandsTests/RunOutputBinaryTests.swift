import Foundation
import Testing

/// `--report` through the executable: to standard output it goes after what batt printed
/// there, and a path it cannot write is a message saying what to do (issue 8, items 13, 19).
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct RunOutputBinaryTests {
    @Test func aReportToDevStdoutIsWrittenToStandardOutput() async throws {
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--no-cache",
            "--report", "/dev/stdout", "--quiet",
        ])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n")
        let functions = try RunFixtures.functionCount(RunFixtures.candidates)
        #expect(lines.filter { $0.hasPrefix("{\"body_hash\"") }.count == functions, "\(run)")
        #expect(run.stdout.contains("\(functions) candidates"), "the totals still follow \(run)")
    }

    @Test func aReportInAMissingFolderExitsOneSayingToCreateIt() async throws {
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--no-cache",
            "--report", "/nonexistent/batt/report.jsonl",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("cannot write the report '/nonexistent/batt/report.jsonl'"), "\(run)")
        #expect(run.stderr.contains("create the folder '/nonexistent/batt' first"), "\(run)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"), "\(run)")
    }
}
