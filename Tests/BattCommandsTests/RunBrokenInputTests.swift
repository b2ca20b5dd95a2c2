import BattCache
import Foundation
import GRDB
import Testing

/// Input `batt run` cannot use: it exits 1 with a message saying what to do, and touches nothing.
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct RunBrokenInputTests {
    @Test func missingTasksPathExitsOneAndSaysWhatToPass() async throws {
        let missing = "/nonexistent/batt-tasks"
        let run = try await BattBinary.run([
            "run", "--tasks", missing, "--candidates", RunFixtures.candidates, "--no-cache",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("'\(missing)'"), "\(run)")
        #expect(run.stderr.contains("pass a folder of <id>.json"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test func missingCandidatesPathExitsOneAndSaysWhatToPass() async throws {
        let missing = "/nonexistent/batt-candidates.py"
        let run = try await BattBinary.run(["run", "--tasks", RunFixtures.tasks, "--candidates", missing, "--no-cache"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("'\(missing)'"), "\(run)")
        #expect(run.stderr.contains("pass --candidates"), "\(run)")
    }

    @Test(arguments: ["tasks", "candidates"])
    func aMissingInputCreatesNoCache(missing input: String) async throws {
        let folder = try RunFolder()
        let missing = folder.path("no-such-\(input)")
        let run = try await BattBinary.run([
            "run", "--tasks", input == "tasks" ? missing : RunFixtures.tasks,
            "--candidates", input == "candidates" ? missing : RunFixtures.candidates,
            "--cache", folder.path("cache.sqlite"),
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("'\(missing)'"), "\(run)")
        #expect(try folder.listing().isEmpty, "a mistyped path leaves no cache file behind")
    }

    @Test func missingSeedExitsOneNamesItAndCreatesNoCache() async throws {
        let folder = try RunFolder()
        let seed = folder.path("no-such-seed.sqlite")
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates,
            "--cache", folder.path("cache.sqlite"), "--seed", seed,
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("'\(seed)'"), "\(run)")
        #expect(try folder.listing().isEmpty)
    }

    /// Outside the repository there is no example to fall back on.
    @Test func runWithoutTasksOutsideTheRepositorySaysToPassTasks() async throws {
        let folder = try RunFolder()
        let run = try await BattBinary.run(["run", "--no-cache"], in: folder.url.path)
        #expect(run.status != 0, "\(run)")
        #expect(run.stderr.contains("--tasks"), "\(run)")
        #expect(try folder.listing().isEmpty)
    }

    /// Ways a cache file can be unusable, and words the refusal must contain.
    enum BadCache: String, CaseIterable, CustomTestStringConvertible {
        case garbage
        case truncatedHeader
        case truncatedMidPage
        case truncatedAtPageBoundary
        case newerSchema
        case newerSchemaInWALMode
        case notABattCache

        var testDescription: String { rawValue }

        var advice: String {
            switch self {
            case .garbage, .truncatedHeader, .truncatedMidPage, .truncatedAtPageBoundary:
                return "move it aside or point --cache to another file"
            case .newerSchema, .newerSchemaInWALMode: return "upgrade batt"
            case .notABattCache: return "point --cache to another file"
            }
        }

        /// Writes the bad cache at `path`.
        func make(at path: String) throws {
            switch self {
            case .garbage:
                let text = String(repeating: "this is not a database\n", count: 200)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            case .truncatedHeader, .truncatedMidPage, .truncatedAtPageBoundary:
                try RunBrokenInputTests.makeRealCache(at: path)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
                let keep =
                    switch self {
                    case .truncatedHeader: 60
                    case .truncatedMidPage: bytes.count - pageSize / 2
                    default: bytes.count - pageSize  // the last page lost, as by an interrupted copy
                    }
                try bytes.prefix(keep).write(to: URL(fileURLWithPath: path))
            case .newerSchema, .newerSchemaInWALMode:
                try RunBrokenInputTests.makeRealCache(at: path, walMode: self == .newerSchemaInWALMode)
                let queue = try DatabaseQueue(path: path)
                try queue.write { db in
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
                }
                try queue.close()
            case .notABattCache:
                let queue = try DatabaseQueue(path: path)
                try queue.write { db in
                    try db.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
                }
                try queue.close()
            }
        }
    }

    @Test(arguments: BadCache.allCases)
    func unusableCacheExitsOneSaysWhatToDoAndIsLeftByteForByte(_ kind: BadCache) async throws {
        let folder = try RunFolder()
        let cache = folder.path("cache.sqlite")
        try kind.make(at: cache)
        let before = try #require(FileManager.default.contents(atPath: cache))
        let listing = try folder.listing()

        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--cache", cache,
        ])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains(cache), "\(run)")
        #expect(run.stderr.contains(kind.advice), "\(run)")
        #expect(FileManager.default.contents(atPath: cache) == before, "the cache file was modified")
        #expect(try folder.listing() == listing, "files appeared next to the cache")
    }

    /// A cache made by this batt, all in one file: closing the last connection checkpoints
    /// the WAL and removes it. Unless `walMode`, the file is switched back to a rollback journal.
    static func makeRealCache(at path: String, walMode: Bool = false) throws {
        do {
            let store = try CacheStore(path: path)
            _ = store
        }
        guard !walMode else { return }
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try queue.close()
    }
}
