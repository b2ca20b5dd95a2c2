import ArgumentParser

/// The `batt` command: validate candidate ARC-DSL solver programs with a shared verdict cache.
public struct Batt: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "batt",
        abstract: "Validate candidate ARC-DSL solvers quickly, remembering every verdict in a SQLite cache."
    )

    public init() {}
}
