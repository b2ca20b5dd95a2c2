import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Paths of the repository the tests run from.
enum CacheTestPaths {
    /// `<repo>`, from this file's place in `Tests/BattCommandsTests/Support/`.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `batt` binary `swift test` builds (or `$BATT_BINARY`, e.g. a release build for timings).
    static var batt: String {
        if let binary = ProcessInfo.processInfo.environment["BATT_BINARY"], !binary.isEmpty { return binary }
        return repository.appendingPathComponent(".build/debug/batt").path
    }

    static var hasBatt: Bool { FileManager.default.isExecutableFile(atPath: batt) }

    static var exampleTasks: String { repository.appendingPathComponent("Examples/tasks").path }

    /// The ids of the example tasks, sorted.
    static var exampleTaskIDs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: exampleTasks)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// A fresh folder under the system temporary directory, removed on deinit.
final class CacheTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("batt-cachecli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Creates `name` (and its parents) and returns its path.
    func folder(_ name: String) throws -> String {
        let path = path(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    deinit {
        // Undo chmods a test left behind, so everything can be removed.
        if let items = FileManager.default.enumerator(atPath: url.path) {
            for case let item as String in items {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path(item))
            }
        }
        try? FileManager.default.removeItem(at: url)
    }
}

/// The files of a folder and their bytes, to show that something left them alone.
struct CacheFolderSnapshot: Equatable {
    let files: [String: Data]

    init(_ folder: String) throws {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
        }
        self.files = files
    }

    var names: [String] { files.keys.sorted() }
}

/// What a finished `batt` process did.
struct BattResult {
    var status: Int32
    var killedBySignal: Bool
    var stdout: String
    var stderr: String
}

/// A `batt` process: started on creation, waited for or killed.
final class BattProcess {
    /// Root ignores permission bits; running as `nobody` makes a 0555 folder really read-only.
    static var canRunAsNobody: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    private let process = Process()
    private let outputFolder: CacheTestFolder

    /// Starts `batt arguments...` in `directory`.
    /// - Parameter asNobody: run as uid 65534 (only when ``canRunAsNobody``).
    init(_ arguments: [String], in directory: String, asNobody: Bool = false) throws {
        outputFolder = try CacheTestFolder()
        _ = FileManager.default.createFile(atPath: outputFolder.path("stdout"), contents: nil)
        _ = FileManager.default.createFile(atPath: outputFolder.path("stderr"), contents: nil)
        if asNobody {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CacheTestPaths.batt] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CacheTestPaths.batt)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["BATT_CACHE"] = nil
        environment["BATT_SOLVER_VERSION"] = nil
        environment["HOME"] = asNobody ? "/tmp" : environment["HOME"]
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: outputFolder.path("stdout"))
        process.standardError = FileHandle(forWritingAtPath: outputFolder.path("stderr"))
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Sends SIGKILL: no handler, no cleanup, as when a notebook kernel dies.
    func kill() {
        sendSignal(process.processIdentifier, SIGKILL)
    }

    /// Sends `signal` (SIGINT as Ctrl-C does, SIGTERM as a scheduler does).
    func send(_ signal: Int32) {
        sendSignal(process.processIdentifier, signal)
    }

    /// Waits for the end, at most `seconds`, killing a process that is still running then
    /// (it hangs); nil in that case.
    func wait(atMost seconds: Double) -> BattResult? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill()
            _ = wait()
            return nil
        }
        return wait()
    }

    func wait() -> BattResult {
        process.waitUntilExit()
        let read = { (name: String) in
            String(
                decoding: FileManager.default.contents(atPath: self.outputFolder.path(name)) ?? Data(), as: UTF8.self)
        }
        return BattResult(
            status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: read("stdout"), stderr: read("stderr"))
    }

    /// Runs `batt arguments...` to the end.
    static func run(_ arguments: [String], in directory: String, asNobody: Bool = false) throws -> BattResult {
        try BattProcess(arguments, in: directory, asNobody: asNobody).wait()
    }
}

/// `kill(2)`, out of reach of ``BattProcess/kill()``'s name.
private func sendSignal(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}

/// Lines of a `batt run --report` file.
enum CacheRunReport {
    /// Fields that legitimately differ between runs with the same verdicts: timings and where
    /// each answer came from (a re-run is served by the cache).
    static let runDependentFields: Set<String> = ["elapsed", "inline_cache", "verdict_cache"]

    /// Each line, without ``runDependentFields``, re-encoded with sorted keys.
    static func comparableLines(_ path: String) throws -> [String] {
        try objects(path).map { object in
            let kept = object.filter { !runDependentFields.contains($0.key) }
            return String(
                decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    /// The outcome of every (solver, task) the run validated or was served.
    static func verdicts(_ path: String) throws -> [CacheVerdictID: String] {
        var verdicts: [CacheVerdictID: String] = [:]
        for object in try objects(path) {
            guard let md5 = object["solver_md5"] as? String, let task = object["task"] as? String,
                let outcome = object["outcome"] as? String, outcome != "invalid"
            else { continue }
            verdicts[CacheVerdictID(solverMD5: md5, task: task)] = outcome
        }
        return verdicts
    }

    private static func objects(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return object
        }
    }
}

/// A verdict as the tests compare them: which solver on which task.
struct CacheVerdictID: Hashable, CustomStringConvertible {
    var solverMD5: String
    var task: String

    var description: String { "\(task)/\(solverMD5)" }
}
