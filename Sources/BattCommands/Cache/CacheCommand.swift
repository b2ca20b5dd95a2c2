import ArgumentParser

/// `batt cache`: look after the verdict cache.
public struct CacheCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect, prune, merge, export and verify the verdict cache.",
        subcommands: []
    )

    public init() {}
}
