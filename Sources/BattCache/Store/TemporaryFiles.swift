import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files batt writes while it copies a cache (`export`, `--seed`, prune's scratch
/// copies), which can be as large as the cache itself.
///
/// Each is registered while it exists, so an interrupted command (SIGINT, SIGTERM) removes it
/// before it exits; a file left by a process killed outright (SIGKILL) carries that process's id
/// in its name, and the next command that writes next to it removes it once that process is gone.
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var signalSources: [any DispatchSourceSignal] = []

    func register(_ path: String) {
        lock.withLock { _ = paths.insert(path) }
    }

    func unregister(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
    }

    /// Removes every registered file or folder (and the SQLite files beside each).
    public func removeAll() {
        let current = lock.withLock { paths }
        for path in current {
            for file in [path, path + "-journal", path + "-wal", path + "-shm"] {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
    }

    /// On SIGINT and SIGTERM, removes the registered files, then exits with 128 + the signal's
    /// number, as the shell reports a process the signal ended. Installing twice is harmless.
    public func removeOnInterrupt() {
        lock.withLock {
            guard signalSources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.removeAll()
                    exit(128 + number)
                }
                source.resume()
                signalSources.append(source)
            }
        }
    }

    /// The name of a temporary copy of `destination`'s file, in its folder: hidden, and naming
    /// this process.
    static func partialName(for fileName: String) -> String {
        ".\(fileName).partial-\(getpid())-\(UUID().uuidString)"
    }

    /// Removes the temporary copies in `folder` whose process has ended, with their SQLite files.
    /// - Returns: how many copies went.
    @discardableResult
    static func removeStale(in folder: String) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(".") {
            guard let range = name.range(of: ".partial-") else { continue }
            let rest = name[range.upperBound...]
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            // Only the copy itself decides; its -journal, -wal, -shm go with it.
            guard !rest.hasSuffix("-journal"), !rest.hasSuffix("-wal"), !rest.hasSuffix("-shm") else { continue }
            guard kill(pid, 0) == -1, errno == ESRCH else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            for file in [path, path + "-journal", path + "-wal", path + "-shm"] {
                try? FileManager.default.removeItem(atPath: file)
            }
            removed += 1
        }
        return removed
    }
}
