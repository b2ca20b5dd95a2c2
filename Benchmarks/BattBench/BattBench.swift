import ArgumentParser

/// `batt-bench`: timings of batt's phases, run as a command (never as timed tests).
@main
struct BattBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batt-bench",
        abstract: "Time batt's pipeline phases on a generated workload, or its inliner on a candidate file.",
        discussion: "Benchmarks/run.sh drives these and the side-by-side comparison with the reference pipeline.",
        subcommands: [SyntheticCommand.self, InlineCommand.self, PythonPoolCommand.self, SearchWorkloadCommand.self]
    )
}
