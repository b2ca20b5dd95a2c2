import Foundation
import Testing

@testable import BattPipeline

/// A candidate tree with entries that cannot be read, and links, loops and odd files in it
/// (issue 8, items 16 and 17).
@Suite struct CandidateTreeTests {
    /// A folder holding a copy of `mixed.py` and whatever `setUp` adds.
    func tree(_ setUp: (TemporaryFolder, String) throws -> Void) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let root = folder.path("candidates")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = try FileManager.default.copyItem(atPath: Fixtures.mixed, toPath: root + "/mixed.py")
        try setUp(folder, root)
        return (folder, root)
    }

    @Test func oneUnreadableFileIsReportedAndTheOthersStillRun() async throws {
        let (folder, root) = try tree { _, root in
            // Unreadable even for root: a dangling link, a FIFO, and a file whose read fails.
            try FileManager.default.createSymbolicLink(
                atPath: root + "/dangling.py", withDestinationPath: "/nonexistent/x.py")
            #expect(mkfifo(root + "/pipe.py", 0o644) == 0)
            try FileManager.default.createSymbolicLink(atPath: root + "/eio.py", withDestinationPath: "/proc/self/mem")
        }
        _ = folder
        let outcome = try await run(.fixture(candidates: root, cache: nil))
        #expect(outcome.summary.candidates == 10, "every candidate of mixed.py still runs")
        #expect(outcome.summary.unreadable == 3)
        let diagnostics = outcome.summary.diagnostics
        #expect(diagnostics.contains { $0.hasPrefix(root + "/dangling.py:") && $0.contains("no such file") })
        #expect(diagnostics.contains { $0.hasPrefix(root + "/pipe.py:") && $0.contains("not a regular file") })
        #expect(diagnostics.contains { $0.hasPrefix(root + "/eio.py:") && $0.contains("cannot read the file") })
    }

    @Test(.enabled(if: geteuid() != 0, "root reads folders whatever their permissions"))
    func anUnreadableSubFolderIsReportedNotSkippedSilently() async throws {
        let (folder, root) = try tree { _, root in
            try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixtures.mixed, toPath: root + "/locked/more.py")
            #expect(chmod(root + "/locked", 0) == 0)
        }
        defer { chmod(root + "/locked", 0o755) }
        _ = folder
        let outcome = try await run(.fixture(candidates: root, cache: nil))
        #expect(outcome.summary.candidates == 10)
        #expect(outcome.summary.unreadable == 1)
        #expect(outcome.summary.diagnostics.contains { $0.hasPrefix(root + "/locked:") && $0.contains("cannot list") })
    }

    @Test func aCandidatesPathThatIsALinkToAFolderIsFollowed() async throws {
        let folder = try TemporaryFolder()
        let link = folder.path("linked")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Fixtures.folders)
        let direct = try await run(.fixture(candidates: Fixtures.folders, cache: nil))
        let linked = try await run(.fixture(candidates: link, cache: nil))
        #expect(linked.summary.candidates == direct.summary.candidates)
        #expect(linked.summary.candidates > 0)
        #expect(linked.results.map(\.outcome) == direct.results.map(\.outcome))
    }

    @Test func linkedSubFoldersAreFollowedAndALoopIsWalkedOnce() async throws {
        let (folder, root) = try tree { folder, root in
            let elsewhere = folder.path("elsewhere")
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: Fixtures.bad("syntax_in_middle.py"), toPath: elsewhere + "/more.py")
            try FileManager.default.createSymbolicLink(atPath: root + "/sub", withDestinationPath: elsewhere)
            // A link back to the root: a loop.
            try FileManager.default.createSymbolicLink(atPath: elsewhere + "/back", withDestinationPath: root)
            // A link to itself, which no stat can follow.
            try FileManager.default.createSymbolicLink(atPath: root + "/self", withDestinationPath: root + "/self")
        }
        _ = folder
        let outcome = try await run(.fixture(candidates: root, cache: nil))
        #expect(outcome.summary.candidates == 10 + 2, "mixed.py once, and the linked folder's two readable functions")
        #expect(outcome.summary.unreadable == 1, "the syntax error in more.py; the loop is no error")
        #expect(
            outcome.summary.diagnostics.contains { $0.hasPrefix(root + "/sub/back:") && $0.contains("not read again") })
    }

    @Test func aHugeIntegerLiteralCountsAsAnUnreadableFunction() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("huge_integer.py"), cache: nil))
        #expect(outcome.summary.unreadable == 1)
        #expect(outcome.results.map(\.function) == ["solve_a1a1a1a1"])
        #expect(outcome.summary.diagnostics.contains { $0.contains("out of range") })
    }
}
