import ArgumentParser
import BattCache
import BattPipeline
import Foundation

/// `--cache FILE`, as `batt run` takes it.
struct CacheFileOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The cache file (default: $BATT_CACHE, else ./batt-cache.sqlite).", valueName: "file"))
    var cache: String?

    /// The file to use: `--cache`, else `$BATT_CACHE`, else `batt-cache.sqlite`.
    var path: String {
        Self.resolve(cache, environment: ProcessInfo.processInfo.environment)
    }

    static func resolve(_ given: String?, environment: [String: String]) -> String {
        if let given { return given }
        if let variable = environment["BATT_CACHE"], !variable.isEmpty { return variable }
        return "batt-cache.sqlite"
    }
}

/// `--solver-version TAG`, as `batt run` takes it.
struct SolverVersionOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The tag you run with; verdicts of other tags are stale (default: $BATT_SOLVER_VERSION).", valueName: "tag")
    )
    var solverVersion: String?

    /// The version string verdicts are stored under, e.g. `batt-dsl-2+mytag`.
    var current: String {
        SolverVersion(tag: solverVersion ?? ProcessInfo.processInfo.environment["BATT_SOLVER_VERSION"]).description
    }
}

/// What a cache subcommand prints, and whether it failed.
struct CacheCommandOutput: Equatable {
    /// Standard output: the report, text or JSON.
    var text: String
    /// Lines for standard error, each printed as `batt: <line>`.
    var errors: [String] = []
    /// Exit with ``BattExitStatus/failure`` after printing.
    var failed = false
}

/// A `batt cache` subcommand: computes its output, which its `run()` prints through
/// ``printingOutput()``.
///
/// Keeping the work in ``execute()`` lets tests run a command in-process and read what it would print.
protocol CacheSubcommand: ParsableCommand {
    func execute() throws -> CacheCommandOutput
}

extension CacheSubcommand {
    /// Runs ``execute()`` and prints its output; errors become `batt: <message>` and exit status 1.
    func printingOutput() throws {
        // An interrupted export, seed or prune leaves no copy of the cache behind.
        TemporaryFiles.shared.removeOnInterrupt()
        let output: CacheCommandOutput
        do {
            output = try execute()
        } catch let error as CacheError {
            throw Self.failure(error.description)
        } catch let error as CacheCommandError {
            throw Self.failure(error.description)
        }
        // Unbuffered, so errors come after the report also when both go to one log.
        if !output.text.isEmpty { FileHandle.standardOutput.write(Data((output.text + "\n").utf8)) }
        for line in output.errors { Self.printError(line) }
        if output.failed { throw ExitCode(BattExitStatus.failure) }
    }

    static func failure(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(BattExitStatus.failure)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("batt: \(message)\n".utf8))
    }
}

/// A cache subcommand's reason to stop, beyond what ``CacheError`` covers.
struct CacheCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// Opening the cache a subcommand works on.
enum CacheOpening {
    /// Opens an existing cache, read-write when the file and folder allow it, else read-only.
    ///
    /// Never creates a file: a missing path is ``CacheError/fileNotFound(path:)``.
    static func existing(_ path: String, preferWritable: Bool) throws -> CacheStore {
        try requireExisting(path)
        guard preferWritable else { return try CacheStore(path: path, mode: .readOnly) }
        do {
            return try CacheStore(path: path, mode: .readWrite)
        } catch CacheError.notWritable {
            return try CacheStore(path: path, mode: .readOnly)
        }
    }

    /// Refuses a path with no file, before a read-write open would create one.
    static func requireExisting(_ path: String) throws {
        if path.isEmpty { throw CacheError.emptyPath }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CacheError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw CacheError.isDirectory(path: path) }
    }
}

extension CacheStore.AccessMode {
    /// How the file was opened, for reports.
    var label: String {
        switch self {
        case .readWrite: return "read-write"
        case .readOnly: return "read-only"
        case .immutable: return "read-only, immutable (a -wal file, if any, is not read)"
        case .privateCopy(let path): return "read-only, from a private copy at \(path)"
        case .inMemory: return "in memory"
        }
    }

    /// A short name for JSON.
    var name: String {
        switch self {
        case .readWrite: return "read-write"
        case .readOnly: return "read-only"
        case .immutable: return "immutable"
        case .privateCopy: return "private-copy"
        case .inMemory: return "in-memory"
        }
    }
}
