import Foundation
import Testing

/// A candidate sub-folder that cannot be listed is reported and the run goes on (issue 8,
/// item 16). Root lists every folder, so as root the run is made as `nobody` through setpriv.
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct UnreadableCandidatesBinaryTests {
    static let setpriv = "/usr/bin/setpriv"

    /// How to run batt as a user the folder's permissions apply to; nil when there is none.
    static var launcher: [String]? {
        if geteuid() != 0 { return [] }
        guard FileManager.default.isExecutableFile(atPath: setpriv) else { return nil }
        return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    }

    @Test(.enabled(if: launcher != nil, "running as root without setpriv to drop privileges"))
    func anUnlistableSubFolderIsReportedAndTheOtherCandidatesRun() async throws {
        let folder = try RunFolder()
        let root = folder.path("candidates")
        try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: RunFixtures.candidates, toPath: root + "/good.py")
        try FileManager.default.copyItem(atPath: RunFixtures.candidates, toPath: root + "/locked/more.py")
        #expect(chmod(folder.url.path, 0o755) == 0 && chmod(root + "/locked", 0) == 0)
        defer { chmod(root + "/locked", 0o755) }
        let run = try await BattBinary.run(
            ["run", "--tasks", RunFixtures.tasks, "--candidates", root, "--no-cache"], in: folder.url.path,
            launcher: try #require(Self.launcher))
        #expect(run.status == 3, "one unreadable entry: exit 3 \(run)")
        let output = run.stdout + run.stderr
        #expect(output.contains("\(root)/locked:1:1: cannot list the folder: permission denied"), "\(run)")
        let functions = try RunFixtures.functionCount(RunFixtures.candidates)
        #expect(output.contains("\(functions) candidates"), "every candidate of good.py still runs \(run)")
    }
}
