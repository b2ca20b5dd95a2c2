import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The cache paths `batt` is given: never waited on, never damaged, never left littered.
@Suite struct CacheHardeningCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let tasks = fixtures.appendingPathComponent("Tasks").path
    static let candidates = fixtures.appendingPathComponent("candidates.py").path

    // MARK: Item 6: FIFOs are refused before they are opened

    @Test(.enabled(if: CacheTestPaths.hasBatt, "needs the batt binary"))
    func aFIFOAsCacheSeedMergeSourceOrVerifiedFileIsRefusedNotWaitedOn() throws {
        let folder = try CacheTestFolder()
        let fifo = folder.path("pipe.sqlite")
        #expect(mkfifo(fifo, 0o644) == 0)
        let commands: [[String]] = [
            ["run", "--tasks", Self.tasks, "--candidates", Self.candidates, "--cache", fifo, "--quiet"],
            [
                "run", "--tasks", Self.tasks, "--candidates", Self.candidates, "--cache", folder.path("new.sqlite"),
                "--seed", fifo, "--quiet",
            ],
            ["cache", "merge", fifo, "--into", folder.path("merged.sqlite")],
            ["cache", "verify", "--cache", fifo],
            ["cache", "inspect", "--cache", fifo],
        ]
        for arguments in commands {
            let process = try BattProcess(arguments, in: folder.url.path)
            guard let result = process.wait(atMost: 60) else {
                Issue.record("batt \(arguments.joined(separator: " ")) blocked on the FIFO")
                continue
            }
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("FIFO (named pipe), not a regular file"), "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("new.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: folder.path("merged.sqlite")))
    }

    // MARK: Item 19: messages that name the file and say what to do

    @Test func devNullIsNoCache() throws {
        let folder = try CacheTestFolder()
        for arguments in [
            ["cache", "inspect", "--cache", "/dev/null"],
            ["cache", "merge", "/dev/null", "--into", folder.path("m.sqlite")],
            [
                "cache", "merge", try CacheFixture.cache(at: folder.path("s.sqlite"), verdicts: 3).path ?? "", "--into",
                "/dev/null",
            ],
            ["cache", "prune", "--stale", "--cache", "/dev/null"],
        ] {
            let error = #expect(throws: CacheError.self) { try CacheCommandLine.execute(arguments) }
            #expect(
                error?.description.contains("'/dev/null' is a character device, not a regular file") == true,
                "\(arguments): \(String(describing: error))")
        }
    }

    @Test func anEmptyCachePathGivenToACacheCommandSaysSo() throws {
        for arguments in [["cache", "inspect", "--cache", ""], ["cache", "verify", "--cache", ""]] {
            do {
                let output = try CacheCommandLine.execute(arguments)
                #expect(output.failed && output.text.contains("The cache path is empty"), "\(arguments)")
            } catch let error as CacheError {
                #expect(error == .emptyPath, "\(arguments)")
            }
        }
    }

    @Test(.enabled(if: CacheTestPaths.hasBatt, "needs the batt binary"))
    func anEmptyCachePathSaysSo() throws {
        let folder = try CacheTestFolder()
        let result = try BattProcess.run(
            ["run", "--tasks", Self.tasks, "--candidates", Self.candidates, "--cache", "", "--quiet"],
            in: folder.url.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("The cache path is empty"), "\(result.stderr)")
        #expect(!result.stderr.contains("WAL"), "\(result.stderr)")
    }

    @Test(.enabled(if: CacheTestPaths.hasBatt && BattProcess.canRunAsNobody, "needs the batt binary, root and setpriv"))
    func aMissingCacheInAReadOnlyFolderSaysItCannotBeCreatedThere() throws {
        let folder = try CacheTestFolder()
        let readOnly = try folder.folder("input")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
        let result = try BattProcess.run(
            [
                "run", "--tasks", Self.tasks, "--candidates", Self.candidates, "--cache",
                readOnly + "/batt-cache.sqlite",
                "--quiet",
            ], in: "/tmp", asNobody: true)
        #expect(result.status == 1)
        #expect(result.stderr.contains("none can be created there: its folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("open it read-write to create it"), "\(result.stderr)")
    }

    // MARK: Item 15: temporary copies of export and --seed

    @Test func aCopyLeftByAKilledExportIsRemovedByTheNextCommandWritingBesideIt() throws {
        let folder = try CacheTestFolder()
        let source = try CacheFixture.cache(at: folder.path("source.sqlite"), verdicts: 100)
        let out = try folder.folder("out")
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = out + "/.export.sqlite.partial-\(ended.processIdentifier)-\(UUID().uuidString)"
        let live = out + "/.other.sqlite.partial-\(getpid())-\(UUID().uuidString)"
        for file in [stale, stale + "-journal", live] {
            #expect(FileManager.default.createFile(atPath: file, contents: Data(repeating: 1, count: 4_096)))
        }

        _ = try source.export(to: out + "/export.sqlite")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(!FileManager.default.fileExists(atPath: stale + "-journal"))
        #expect(FileManager.default.fileExists(atPath: live), "a copy whose process runs is left alone")
        #expect(try FileSystem(out).hidden == [URL(fileURLWithPath: live).lastPathComponent])
    }

    @Test(
        .enabled(if: CacheTestPaths.hasBatt, "needs the batt binary"),
        arguments: [SIGINT, SIGTERM])
    func anInterruptedExportLeavesNoCopyBehind(signal: Int32) throws {
        let folder = try CacheTestFolder()
        let source = folder.path("source.sqlite")
        try CacheFixture.cache(at: source, verdicts: 150_000)
        let out = try folder.folder("out")
        let export = try BattProcess(["cache", "export", "--cache", source, "--out", out + "/export.sqlite"], in: out)
        var sawCopy = false
        while export.isRunning {
            if try FileSystem(out).hidden.contains(where: { $0.contains(".partial-") }) {
                sawCopy = true
                export.send(signal)
                break
            }
            usleep(200)
        }
        let result = export.wait()
        guard sawCopy else {
            // The export finished before its copy could be seen: nothing to interrupt.
            #expect(result.status == 0)
            return
        }
        // The signal may land after the copy was renamed into place: then the export is whole.
        // Either way no temporary copy is left.
        #expect(try FileSystem(out).hidden.isEmpty, "no temporary copy is left")
        if result.status == 0 {
            #expect(CacheStore.verify(path: out + "/export.sqlite").isOK)
        } else {
            #expect(result.status == 128 + signal, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/export.sqlite"))
        }
    }
}

/// The names in a folder.
struct FileSystem {
    let names: [String]

    init(_ folder: String) throws {
        names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    var hidden: [String] { names.filter { $0.hasPrefix(".") } }
}

/// A real full disk: a 1 MB tmpfs, mounted when the tests run as root and may mount.
@Suite struct FullDiskTests {
    /// Mounts a tmpfs of `size` on a new folder; nil when this machine does not allow it.
    final class SmallDisk {
        let folder: CacheTestFolder
        var path: String { folder.url.path }

        init?(size: String) {
            guard getuid() == 0, CacheTestPaths.hasBatt, let folder = try? CacheTestFolder() else { return nil }
            self.folder = folder
            guard Self.mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.url.path]) else { return nil }
        }

        deinit { _ = Self.mount(["-u", folder.url.path], tool: "/bin/umount") }

        @discardableResult
        static func mount(_ arguments: [String], tool: String = "/bin/mount") -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = tool == "/bin/umount" ? arguments.filter { $0 != "-u" } : arguments
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }

    static var canMount: Bool { SmallDisk(size: "64k") != nil }

    @Test(.enabled(if: canMount, "needs root, mount and the batt binary"))
    func aRunOnAFullDiskFinishesReportsAndExitsWithStatus4() throws {
        let disk = try #require(SmallDisk(size: "1m"))
        let work = try CacheTestFolder()
        let candidates = work.path("many.py")
        try CacheCandidates.file(CacheCandidates.functions(count: 4_000, tasks: ["a1a1a1a1", "b2b2b2b2"], seed: 3))
            .write(toFile: candidates, atomically: true, encoding: .utf8)
        let cache = disk.path + "/batt-cache.sqlite"
        let report = work.path("report.jsonl")
        let result = try BattProcess.run(
            [
                "run", "--tasks", CacheHardeningCommandTests.tasks, "--candidates", candidates, "--cache", cache,
                "--report", report,
            ], in: work.url.path)
        #expect(result.status == BattExitStatus.cacheDiskFull, "\(result.stderr)")
        #expect(result.stdout.contains("THE DISK IS FULL"), "\(result.stdout)")
        #expect(result.stdout.contains("were not stored"))
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4_000, "the report is written")
        #expect(lines.contains { $0.contains("\"stored\":false") })
        let verify = try BattProcess.run(["cache", "verify", "--cache", cache], in: work.url.path)
        #expect(verify.status == 0, "the cache stays sound: \(verify.stdout)")
    }
}
