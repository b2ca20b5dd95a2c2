import ArgumentParser

/// The `batt` command: validate candidate ARC-DSL solvers with a shared verdict cache.
public struct Batt: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "batt",
        abstract: "Validate candidate ARC-DSL solvers quickly, remembering every verdict in a SQLite cache.",
        version: BattVersion.current,
        subcommands: [RunCommand.self, CacheCommand.self, SubmitCommand.self],
        defaultSubcommand: nil
    )

    public init() {}
}

/// The release of batt.
public enum BattVersion {
    public static let current = "0.1.0"
}

/// Exit statuses `batt` documents.
public enum BattExitStatus {
    /// The run completed, whatever the verdicts.
    public static let success: Int32 = 0
    /// Unusable input or cache: nothing was run.
    public static let failure: Int32 = 1
    /// The run completed, but some candidate functions could not be read (syntax errors).
    public static let someCandidatesUnreadable: Int32 = 3
    /// The run completed and reported, but the disk holding the cache filled up: some verdicts
    /// were not stored (the report says how many and which).
    public static let cacheDiskFull: Int32 = 4
}
