import ArgumentParser

/// `batt cache`: look after the verdict cache.
public struct CacheCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect, prune, merge, export and verify the verdict cache.",
        discussion: """
            Every subcommand takes --cache FILE (default: $BATT_CACHE, else ./batt-cache.sqlite), \
            as `batt run` does. Errors print `batt: <message>` and exit with status 1 (a malformed \
            command line: 64); a refused file is never modified.
            """,
        subcommands: [
            InspectCommand.self, PruneCommand.self, MergeCommand.self, ExportCommand.self, VerifyCommand.self,
        ]
    )

    public init() {}
}
