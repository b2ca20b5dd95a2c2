import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

/// Files that are not usable caches are refused by every command, with a clear message,
/// and left exactly as they were (no bytes changed, no -wal/-shm/-journal created).
@Suite struct CacheRefusalTests {
    /// A file that is not a cache this batt may use, and what the refusal says about it.
    enum BadFile: String, CaseIterable, CustomTestStringConvertible {
        case garbage
        case text
        case truncatedMidPage
        case truncatedAtPageBoundary
        case newerSchema
        case otherApplication

        var testDescription: String { rawValue }

        /// Words the error message must contain.
        var reason: String {
            switch self {
            case .garbage, .text: return "no SQLite header"
            case .truncatedMidPage: return "truncated"
            case .truncatedAtPageBoundary: return "malformed"
            case .newerSchema: return "newer batt"
            case .otherApplication: return "not a batt cache"
            }
        }

        /// Writes the file at `path`.
        func write(to path: String, scratch: CacheTestFolder) throws {
            switch self {
            case .garbage:
                var random = SplitMix(seed: 42)
                try Data((0..<8192).map { _ in UInt8(random.next(256)) }).write(to: URL(fileURLWithPath: path))
            case .text:
                try "verdicts: none\n".write(toFile: path, atomically: true, encoding: .utf8)
            case .truncatedMidPage, .truncatedAtPageBoundary:
                let whole = scratch.path("whole.sqlite")
                _ = try CacheFixture.cache(at: scratch.path("source.sqlite"), verdicts: 2_000).export(to: whole)
                let bytes = try #require(FileManager.default.contents(atPath: whole))
                try bytes.prefix(self == .truncatedMidPage ? 5_000 : 3 * 4096).write(to: URL(fileURLWithPath: path))
            case .newerSchema:
                try CacheFixture.newerSchemaCache(at: path)
            case .otherApplication:
                try CacheFixture.foreignDatabase(at: path)
            }
        }
    }

    /// A cache command line naming the bad file `BAD`, a good cache `GOOD` and a new path `NEW`.
    static let commandLines: [[String]] = [
        ["cache", "inspect", "--cache", "BAD"],
        ["cache", "inspect", "--cache", "BAD", "--task", "task1", "--json"],
        ["cache", "inspect", "--cache", "BAD", "--solver", CacheFixture.md5(1)],
        ["cache", "prune", "--cache", "BAD", "--stale"],
        ["cache", "prune", "--cache", "BAD", "--max-size", "1KB", "--dry-run"],
        ["cache", "export", "--cache", "BAD", "--out", "NEW"],
        ["cache", "merge", "BAD", "--into", "NEW"],
        ["cache", "merge", "GOOD", "--into", "BAD"],
        ["cache", "verify", "--cache", "BAD"],
    ]

    /// The bad file alone in a folder, a good cache elsewhere, and the folder's state.
    struct Scene {
        let folder: CacheTestFolder
        let bad: String
        let good: String
        let new: String
        let before: CacheFolderSnapshot

        init(_ kind: BadFile) throws {
            folder = try CacheTestFolder()
            let badFolder = try folder.folder("bad")
            bad = badFolder + "/batt-cache.sqlite"
            try kind.write(to: bad, scratch: CacheTestFolder())
            good = folder.path("good.sqlite")
            _ = try CacheFixture.cache(at: good, verdicts: 10).export(to: folder.path("good-export.sqlite"))
            new = folder.path("new.sqlite")
            before = try CacheFolderSnapshot(badFolder)
        }

        func arguments(_ line: [String]) -> [String] {
            line.map { ["BAD": bad, "GOOD": folder.path("good-export.sqlite"), "NEW": new][$0] ?? $0 }
        }

        func expectUntouched(_ line: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let after = try CacheFolderSnapshot(URL(fileURLWithPath: bad).deletingLastPathComponent().path)
            #expect(after.names == before.names, "\(line)", sourceLocation: sourceLocation)
            #expect(after == before, "\(line) changed the file", sourceLocation: sourceLocation)
            #expect(
                !FileManager.default.fileExists(atPath: new), "\(line) created \(new)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: BadFile.allCases)
    func everyCommandRefusesTheFileInProcessAndLeavesItAlone(kind: BadFile) throws {
        let scene = try Scene(kind)
        for line in Self.commandLines {
            let arguments = scene.arguments(line)
            do {
                let output = try CacheCommandLine.execute(arguments)
                // Only verify reports instead of throwing.
                #expect(line[1] == "verify" && output.failed, "\(line) did not refuse")
                #expect(output.text.contains(kind.reason), "\(line): \(output.text)")
                #expect(output.text.contains("recover: "), "\(line): \(output.text)")
            } catch let error as CacheError {
                #expect(error.description.contains(kind.reason), "\(line): \(error)")
            }
            try scene.expectUntouched(line)
        }
    }

    @Test(
        .enabled(if: CacheTestPaths.hasBatt, "needs the batt binary that swift test builds"),
        arguments: BadFile.allCases)
    func theBinaryPrintsOneClearErrorExitsWithStatusOneAndLeavesTheFileAlone(kind: BadFile) throws {
        let scene = try Scene(kind)
        let run = [
            "run", "--tasks", CacheTestPaths.exampleTasks, "--candidates",
            CacheTestPaths.repository.appendingPathComponent("Examples/candidates.py").path, "--cache", "BAD",
        ]
        for line in Self.commandLines + [run] {
            let result = try BattProcess.run(scene.arguments(line), in: scene.folder.url.path)
            #expect(result.status == 1, "\(line): \(result.stderr)")
            #expect(result.stderr.hasPrefix("batt: "), "\(line): \(result.stderr)")
            #expect((result.stderr + result.stdout).contains(kind.reason), "\(line): \(result.stderr)")
            try scene.expectUntouched(line)
        }
    }
}
