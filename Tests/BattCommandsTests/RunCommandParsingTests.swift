import ArgumentParser
import Foundation
import Testing

@testable import BattCommands

/// `batt run`'s options, parsed in-process.
@Suite struct RunCommandParsingTests {
    func parse(_ arguments: [String]) throws -> RunCommand {
        let command = try Batt.parseAsRoot(["run"] + arguments)
        return try #require(command as? RunCommand)
    }

    func refusal(_ arguments: [String]) -> String {
        do {
            _ = try Batt.parseAsRoot(["run"] + arguments)
            return "accepted"
        } catch {
            return Batt.message(for: error)
        }
    }

    @Test func defaultsAreAOneSecondLimitOneJobPerCoreAndTheDefaultBudget() throws {
        let command = try parse([])
        #expect(command.limits.timeout == TimeLimit(seconds: 1))
        #expect(command.limits.jobs == nil, "no --jobs: one job per core")
        #expect(command.limits.budget == 16_000_000)
        #expect(!command.noCache && !command.json && !command.quiet)
        #expect(command.cache == nil && command.seed == nil && command.task == nil)
    }

    @Test(arguments: [("1s", 1.0), ("500ms", 0.5), ("2.5", 2.5), ("2m", 120.0)])
    func timeoutAcceptsSecondsAndUnits(_ text: String, _ seconds: Double) throws {
        #expect(try parse(["--timeout", text]).limits.timeout.seconds == seconds)
    }

    @Test(arguments: ["0", "-1s", "soon", ""])
    func timeoutRefusesWhatIsNotAPositiveDuration(_ text: String) {
        #expect(refusal(["--timeout", text]).contains("--timeout"))
    }

    @Test func everyOptionReachesTheCommand() throws {
        let command = try parse([
            "--tasks", "t", "--candidates", "c.py", "--task", "007bbfb7", "--cache", "x.sqlite", "--seed", "old.sqlite",
            "--jobs", "3", "--solver-version", "v2", "--budget", "1000", "--report", "r.jsonl", "--emit", "out",
            "--json", "--quiet",
        ])
        #expect(command.tasks == "t")
        #expect(command.candidates == "c.py")
        #expect(command.task == "007bbfb7")
        #expect(command.cache == "x.sqlite")
        #expect(command.seed == "old.sqlite")
        #expect(command.limits.jobs == 3)
        #expect(command.solverVersion == "v2")
        #expect(command.limits.budget == 1000)
        #expect(command.report == "r.jsonl")
        #expect(command.emit == "out")
        #expect(command.json && command.quiet)
    }

    @Test func jobsBelowOneIsRefused() {
        #expect(refusal(["--jobs", "0"]).contains("expected a whole number from 1 to 1024"))
    }

    @Test func budgetBelowOneIsRefused() {
        #expect(refusal(["--budget", "0"]).contains("expected a whole number from 1 to 1000000000000"))
    }

    @Test(arguments: ["x/../../../victim", "..", "a\\b", ""])
    func aTaskIDThatCannotBeAFolderNameIsRefused(_ id: String) {
        let message = refusal(["--task", id])
        #expect(message.contains("--task") && message.contains("is refused"), "\(message)")
    }

    @Test(arguments: [["--cache", "x.sqlite"], ["--seed", "old.sqlite"]])
    func noCacheWithACacheOrASeedIsRefused(_ extra: [String]) {
        #expect(refusal(["--no-cache"] + extra).contains("--no-cache cannot be combined with --cache or --seed"))
    }
}
