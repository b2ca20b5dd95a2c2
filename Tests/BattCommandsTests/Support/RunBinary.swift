import Foundation

/// What one run of the `batt` executable did.
struct BattRun: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// stdout parsed as one JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw RunTestError("stdout is not one JSON object:\n\(stdout)")
        }
        return object
    }
}

struct RunTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The built `batt` executable (`<repo>/.build/debug/batt`, which `swift test` builds) and the repository.
enum BattBinary {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // BattCommandsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let path = repository.appendingPathComponent(".build/debug/batt").path

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs `batt arguments` in `directory` (default: the repository) without the user's
    /// `BATT_*` variables, plus `environment`; through `launcher` (such as `setpriv ...`) if given.
    static func run(
        _ arguments: [String], in directory: String = repository.path,
        environment: [String: String] = [:], launcher: [String] = []
    ) async throws -> BattRun {
        let output = try RunFolder()
        let stdoutPath = output.path("stdout")
        let stderrPath = output.path("stderr")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher.first ?? path)
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BATT_") }
        variables.merge(environment) { _, new in new }
        process.environment = variables
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return BattRun(
            status: status,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}

/// Paths of the fixture files and of the example shipped in the repository.
enum RunFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    static let tasks = path("Tasks")
    static let candidates = path("candidates.py")
    static let unreadable = path("unreadable.py")

    static let exampleTasks = BattBinary.repository.appendingPathComponent("Examples/tasks").path
    static let exampleCandidates = BattBinary.repository.appendingPathComponent("Examples/candidates.py").path

    /// The example's task ids that some example candidate is named for.
    static func exampleTasksWithCandidates() throws -> [String] {
        let source = try String(contentsOfFile: exampleCandidates, encoding: .utf8)
        return try FileManager.default.contentsOfDirectory(atPath: exampleTasks)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }
            .filter { source.contains("def solve_\($0)") }
            .sorted()
    }

    /// How many functions `file` defines at the top level.
    static func functionCount(_ file: String) throws -> Int {
        try String(contentsOfFile: file, encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("def ") }.count
    }
}

/// A fresh folder under the system temporary directory, removed on deinit.
final class RunFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("batt-run-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}
