import ArgumentParser
import Foundation
import Testing

@testable import BattCommands

/// Every numeric option of every command refuses what is out of its range (0, negative, huge,
/// infinite, NaN, overflowing units) at parsing, with the range in the message, and accepts
/// its bounds (issue 8, items 4 and 19; the acceptance's option-range test).
@Suite struct OptionRangeTests {
    /// One numeric option of one command, the range its messages quote, and values on both sides.
    struct NumericOption: Sendable, CustomTestStringConvertible {
        /// The command words and any options the command needs to parse at all.
        var command: [String]
        var option: String
        /// Words every refusal of this option contains.
        var range: String
        var refused: [String]
        var accepted: [String]

        var testDescription: String { (command.prefix(2) + [option]).joined(separator: " ") }
    }

    static let wild = ["-1", "inf", "-inf", "nan", "1e30", "99999999999999999999", "", "soon"]

    static let options: [NumericOption] = [
        NumericOption(
            command: ["run"], option: "--timeout", range: "more than 0 and at most 1d (86400s)",
            refused: wild + ["0", "0s", "-0", "2e10", "86401", "1e30d", "1e400ms", "infs", "nanms"],
            accepted: ["1ms", "0.5", "1s", "2m", "24h", "1d", "86400"]),
        NumericOption(
            command: ["run"], option: "--jobs", range: "from 1 to 1024",
            refused: wild + ["0", "1025", "1.5", "2e3", "-9223372036854775808"], accepted: ["1", "2", "1024"]),
        NumericOption(
            command: ["run"], option: "--budget", range: "from 1 to 1000000000000",
            refused: wild + ["0", "1000000000001", "9223372036854775807", "1e6"],
            accepted: ["1", "16000000", "1000000000000"]),
        NumericOption(
            command: ["run", "--dsl", "dsl.py"], option: "--worker-memory", range: "from 1MB to 1PB",
            refused: wild + ["0", "999999", "1e30GB", "1.1PB", "-5MB", "infGB", "nanKB"],
            accepted: ["1MB", "512MB", "2GB", "1PB"]),
        NumericOption(
            command: ["submit", "--tasks", "challenges.json"], option: "--timeout",
            range: "more than 0 and at most 1d (86400s)",
            refused: wild + ["0", "0s", "2e10", "86401", "1e30d", "infs"], accepted: ["1ms", "1s", "1d"]),
        NumericOption(
            command: ["submit", "--tasks", "challenges.json"], option: "--jobs", range: "from 1 to 1024",
            refused: wild + ["0", "1025", "1.5"], accepted: ["1", "1024"]),
        NumericOption(
            command: ["submit", "--tasks", "challenges.json"], option: "--budget", range: "from 1 to 1000000000000",
            refused: wild + ["0", "1000000000001"], accepted: ["1", "1000000000000"]),
        NumericOption(
            command: ["submit", "--tasks", "challenges.json"], option: "--max-solvers", range: "from 1 to 1000000",
            refused: wild + ["0", "1000001"], accepted: ["1", "1000000"]),
        NumericOption(
            command: ["run", "--shard", "env"], option: "--shard-count", range: "from 1 to 100000",
            refused: wild + ["0", "100001", "1e30"], accepted: ["1", "4", "100000"]),
        NumericOption(
            command: ["run"], option: "--shard", range: "1 to 100000",
            refused: ["-1/4", "4/4", "0/0", "0/100001", "1e30/2", "inf/nan", "0/99999999999999999999", ""],
            accepted: ["0/1", "3/4", "99999/100000", "env"]),
        NumericOption(
            command: ["cache", "inspect"], option: "--limit", range: "from 0 to 1000000000",
            refused: wild + ["1000000001", "9223372036854775807"], accepted: ["0", "20", "1000000000"]),
        NumericOption(
            command: ["cache", "inspect"], option: "--runs", range: "from 0 to 1000000000",
            refused: wild + ["1000000001"], accepted: ["0", "10", "1000000000"]),
        NumericOption(
            command: ["cache", "inspect"], option: "--top", range: "from 0 to 1000000000",
            refused: wild + ["1000000001"], accepted: ["0", "10", "1000000000"]),
        NumericOption(
            command: ["cache", "prune"], option: "--older-than", range: "from 0s to 36500d (100 years)",
            refused: wild + ["7", "1e30d", "36501d", "1e400s", "-7d", "infd", "nand", "5300w"],
            accepted: ["0s", "90s", "30m", "12h", "7d", "36500d"]),
        NumericOption(
            command: ["cache", "prune"], option: "--max-size", range: "from 0 to 1PB",
            refused: wild + ["1e30GB", "1.1PB", "1001TB", "-5MB", "infGB", "nanKB", "1e400B", "9223372036854775807"],
            accepted: ["0", "512", "100MB", "1.5GB", "512KiB", "1PB", "1000000000000000"]),
        NumericOption(
            command: ["cache", "prune", "--stale"], option: "--list", range: "from 0 to 1000000000 or 'all'",
            refused: wild + ["1000000001", "some"], accepted: ["0", "20", "all", "ALL", "1000000000"]),
    ]

    func message(_ arguments: [String]) -> String? {
        do {
            _ = try Batt.parseAsRoot(arguments)
            return nil
        } catch {
            return Batt.message(for: error)
        }
    }

    @Test(arguments: options)
    func outOfRangeValuesAreRefusedWithTheRange(_ numeric: NumericOption) {
        for value in numeric.refused {
            let refusal = message(numeric.command + [numeric.option, value])
            #expect(refusal?.contains(numeric.range) == true, "\(numeric.option) \(value): \(refusal ?? "accepted")")
            #expect(refusal?.contains("'\(value)'") == true, "the message quotes the value")
            #expect(refusal?.contains(numeric.option) == true)
            #expect(refusal?.contains("Missing value") == false)
        }
    }

    @Test(arguments: options)
    func valuesInRangeAreAccepted(_ numeric: NumericOption) {
        for value in numeric.accepted {
            let refusal = message(numeric.command + [numeric.option, value])
            #expect(refusal == nil, "\(numeric.option) \(value): \(refusal ?? "")")
        }
    }

    @Test func refusalsExitWithTheUsageStatus() {
        do {
            _ = try Batt.parseAsRoot(["run", "--timeout", "inf"])
            Issue.record("accepted")
        } catch {
            #expect(Batt.exitCode(for: error) == ExitCode(64))
        }
    }

    @Test func theParsedValuesAreExact() throws {
        let run = try #require(try Batt.parseAsRoot(["run", "--timeout", "1d", "--jobs", "1024"]) as? RunCommand)
        #expect(run.limits.timeout.seconds == 86_400 && run.limits.jobs == 1024)
        let prune = try #require(
            try Batt.parseAsRoot(["cache", "prune", "--older-than", "36500d", "--max-size", "1PB"]) as? PruneCommand)
        #expect(prune.olderThan.map(\.milliseconds) == Int64(3_153_600_000_000), "36500 days")
        #expect(prune.maxSize?.bytes == 1_000_000_000_000_000)
    }
}

/// The same refusals through the built executable: a message and exit 64, never a signal.
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct OptionRangeBinaryTests {
    @Test(arguments: [
        ["run", "--timeout", "inf"], ["run", "--timeout", "1e30"], ["run", "--timeout", "2e10"],
        ["run", "--timeout", "nan"], ["run", "--jobs", "-1"], ["cache", "prune", "--older-than", "1e30d"],
        ["cache", "prune", "--max-size", "1e30GB"], ["cache", "inspect", "--top", "-1"],
        ["run", "--dsl", "dsl.py", "--worker-memory", "1e30GB"], ["submit", "--tasks", "c.json", "--timeout", "inf"],
        ["submit", "--tasks", "c.json", "--max-solvers", "-1"],
    ])
    func outOfRangeValuesExit64WithTheRange(_ arguments: [String]) async throws {
        let folder = try RunFolder()
        let result = try await BattBinary.run(arguments + ["--cache", folder.path("none.sqlite")], in: folder.url.path)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("invalid for '\(arguments[arguments.count - 2])"), "\(result)")
        #expect(result.stderr.contains("from ") || result.stderr.contains("more than 0"), "\(result)")
        #expect(try folder.listing() == [], "nothing was created")
    }
}
