import Foundation

/// Paths of the test fixtures and the example tasks, found from this file's location.
enum Fixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        testsFolder.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    static let examples = repository.appendingPathComponent("Examples/tasks").path

    /// ARC-AGI-1 training tasks in the shared workspace: `<repo>/../shared/data/arc-agi-1/training`,
    /// or one level further up for a worktree kept in a sub-folder (`/work/wt/<name>`).
    static let arcAGI1Training: String = {
        let candidates = [
            repository.deletingLastPathComponent(), repository.deletingLastPathComponent().deletingLastPathComponent(),
        ]
        .map { $0.appendingPathComponent("shared/data/arc-agi-1/training").path }
        return candidates.first(where: isFolder) ?? candidates[0]
    }()

    static var arcAGI1TrainingExists: Bool { isFolder(arcAGI1Training) }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// A fresh empty folder, removed when `body` returns.
    static func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batt-tasks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder.path)
    }
}
