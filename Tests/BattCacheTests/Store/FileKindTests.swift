import Foundation
import Testing

@testable import BattCache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a cache path may name: a regular file (or nothing yet), reached directly or through a
/// symbolic link, by one name only.
@Suite struct FileKindTests {
    /// Opens `path` on another thread, so that an open that blocks (a FIFO) fails the test
    /// instead of hanging the suite; a blocked open is released by opening the FIFO's other end.
    static func openWithoutHanging(_ path: String, mode: CacheStore.OpenMode) -> Result<CacheStore, CacheError>? {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            do { box.result = .success(try CacheStore(path: path, mode: mode)) } catch let error as CacheError {
                box.result = .failure(error)
            } catch {
                box.result = .failure(.sqlite(path: path, message: "\(error)"))
            }
            done.signal()
        }.start()
        if done.wait(timeout: .now() + 20) == .timedOut {
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            return nil
        }
        return box.result
    }

    final class ResultBox: @unchecked Sendable {
        var result: Result<CacheStore, CacheError>?
    }

    @Test(arguments: [CacheStore.OpenMode.readWrite, .readOnly])
    func aFIFOIsRefusedBeforeItIsOpened(mode: CacheStore.OpenMode) throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path("cache.sqlite")
        #expect(mkfifo(fifo, 0o644) == 0)
        let result = try #require(Self.openWithoutHanging(fifo, mode: mode), "opening a FIFO blocked")
        #expect(throws: CacheError.notARegularFile(path: fifo, kind: "a FIFO (named pipe)")) { try result.get() }
        #expect(
            CacheError.notARegularFile(path: fifo, kind: "a FIFO (named pipe)").description.contains("regular file"))
    }

    @Test func verifyOfAFIFOIsAProblemNotAHang() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path("cache.sqlite")
        #expect(mkfifo(fifo, 0o644) == 0)
        let box = VerifyBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.report = CacheStore.verify(path: fifo)
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + 20) == .success else {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            Issue.record("verify of a FIFO blocked")
            return
        }
        let report = try #require(box.report)
        #expect(!report.isOK && report.problems.contains { $0.contains("FIFO") })
    }

    final class VerifyBox: @unchecked Sendable {
        var report: VerifyReport?
    }

    @Test(arguments: [CacheStore.OpenMode.readWrite, .readOnly])
    func aDeviceIsNoCache(mode: CacheStore.OpenMode) throws {
        let error = #expect(throws: CacheError.self) { try CacheStore(path: "/dev/null", mode: mode) }
        #expect(error == .notARegularFile(path: "/dev/null", kind: "a character device"))
        #expect(error?.description.contains("'/dev/null' is a character device, not a regular file") == true)
    }

    @Test func anEmptyPathIsRefusedSayingWhatToGive() throws {
        let error = #expect(throws: CacheError.self) { try CacheStore(path: "", mode: .readWrite) }
        #expect(error == .emptyPath)
        #expect(error?.description.contains("--no-cache") == true)
    }

    @Test func aCacheReachedThroughASymbolicLinkIsSizedAndCheckedThroughTheLink() throws {
        let folder = try TemporaryFolder()
        let target = folder.path("real.sqlite")
        do {
            let store = try CacheStore(path: target)
            try store.insert(verdicts: (1...200).map { Fixture.verdict($0) })
        }
        let link = folder.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        let report = CacheStore.verify(path: link)
        #expect(report.isOK, "\(report.problems)")
        #expect(report.verdicts == 200)

        let store = try CacheStore(path: link)
        #expect(store.path == link)
        try store.insert(verdicts: [Fixture.verdict(201)])
        #expect(try store.inspect().fileBytes == CacheStore.fileSize(target))
        #expect(try store.inspect().fileBytes > 4_096)
        // SQLite's own files sit by the file, not by the link.
        #expect(FileManager.default.fileExists(atPath: target + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: link + "-wal"))
        #expect(CacheStore.verify(path: link).isOK)
    }

    @Test func aHardLinkedCacheIsRefusedReadWriteAndReadOnlyWithAWarning() throws {
        let folder = try TemporaryFolder()
        let first = folder.path("one.sqlite")
        do { try CacheStore(path: first).insert(verdicts: [Fixture.verdict(1)]) }
        let second = folder.path("two.sqlite")
        #expect(link(first, second) == 0)

        for name in [first, second] {
            let error = #expect(throws: CacheError.self) { try CacheStore(path: name, mode: .readWrite) }
            #expect(error == .hardLinked(path: name, links: 2))
            #expect(error?.description.contains("corrupt") == true)
        }
        let reader = try CacheStore(path: second, mode: .readOnly)
        #expect(reader.warnings.contains { $0.contains("2 hard links") })
        #expect(try reader.verdictCount() == 1)

        unlink(second)
        #expect(try CacheStore(path: first, mode: .readWrite).verdictCount() == 1)
    }

    @Test func aDamagedCacheIsNamedNotARawSQLiteError() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        do { try CacheStore(path: path).insert(verdicts: (1...3_000).map { Fixture.verdict($0) }) }
        let store = try CacheStore(path: path)
        // Scribble over b-tree pages in the middle of the file, as a bad disk would.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let pages = Int(try handle.seekToEnd()) / 4_096
        try handle.seek(toOffset: UInt64(pages / 2 * 4_096))
        handle.write(Data(repeating: 0xA5, count: 4 * 4_096))
        try handle.close()

        let failures: [() throws -> Void] = [
            { _ = try store.inspect() },
            { _ = try store.prune(PruneOptions(outcomes: [.wrong])) },
            { _ = try store.verdicts(for: (1...3_000).map { Fixture.key($0) }) },
        ]
        var damaged = 0
        for operation in failures {
            do {
                try operation()
            } catch let error as CacheError {
                #expect(!error.description.contains("SQLite error 11"), "\(error)")
                if case .damaged = error {
                    damaged += 1
                    #expect(error.description.contains("batt cache verify"))
                }
            }
        }
        #expect(damaged > 0, "the scribbled pages are found by some operation")
    }
}
