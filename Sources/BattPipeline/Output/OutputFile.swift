import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an output file (`--report`, the files of `--emit`) the way its destination allows.
///
/// - Nothing there, or a regular file: written to a temporary file beside it, then renamed over
///   it, so a reader never sees half a file.
/// - A symbolic link: followed, so the file it names gets the output (created if missing).
/// - A FIFO, a device or a socket (`/dev/null`, a pipe): written through, in place; renaming
///   over it would replace the device with a regular file.
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N` (or a link to one): written to
///   that open descriptor, after what the process already wrote there, whatever it refers to.
/// - A folder: refused.
///
/// Temporary files are named `.batt-tmp.<pid>.<n>.<name>`; one left by a killed run is removed
/// by the next write into its folder (``removeStaleTemporaries(in:)``), and one in flight when
/// SIGINT or SIGTERM arrives is removed before the process ends.
public enum OutputFile {
    static let temporaryPrefix = ".batt-tmp."

    /// Writes `data` to `path`; `what` names the output in messages ("the report").
    public static func write(_ data: Data, to path: String, what: String) throws(PipelineError) {
        do {
            try write(to: path, what: what) { emit in try emit(data) }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .output("cannot write \(what) '\(path)': \(error)")
        }
    }

    /// Writes what `produce` hands its `emit` function, piece by piece, to `path`, the way
    /// ``write(_:to:what:)`` writes one piece. An error `produce` throws is rethrown, and a
    /// temporary file is removed, not renamed over the target.
    public static func write(
        to path: String, what: String, _ produce: (_ emit: (Data) throws -> Void) throws -> Void
    ) throws {
        if let descriptor = descriptor(named: path) {
            try produce { data in
                if let code = writeAll(descriptor, data) {
                    throw failure(what, path, reason(code), advice: advice(for: code, folder: folder(of: path)))
                }
            }
            return
        }
        let target = resolvedTarget(path)
        var status = stat()
        if stat(target, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                try replace(target, mode: status.st_mode & 0o777, given: path, what: what, produce)
            case S_IFDIR:
                throw failure(what, path, "it is a folder", advice: "give the path of a file to write")
            default:
                try writeThrough(path, what: what, produce)
            }
        } else if errno == ENOENT {
            try replace(target, mode: nil, given: path, what: what, produce)
        } else {
            let code = errno
            throw failure(what, path, reason(code), advice: advice(for: code, folder: folder(of: target)))
        }
    }

    /// The open descriptor `path` names (`/dev/stdout` is 1), following links; nil for other paths.
    static func descriptor(named path: String) -> Int32? {
        var current = path
        for _ in 0..<40 {
            switch current {
            case "/dev/stdin": return 0
            case "/dev/stdout": return 1
            case "/dev/stderr": return 2
            default: break
            }
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where current.hasPrefix(prefix) {
                if let number = Int32(current.dropFirst(prefix.count)), fcntl(number, F_GETFD) >= 0 || number <= 2 {
                    return number
                }
            }
            guard let next = linkDestination(current) else { return nil }
            current = next
        }
        return nil
    }

    /// Where the symbolic link at `path` points, as a path; nil when `path` is no link.
    private static func linkDestination(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
            let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
        else { return nil }
        return destination.hasPrefix("/")
            ? destination : (folder(of: path) as NSString).appendingPathComponent(destination)
    }

    /// `path` with every symbolic link followed, also when the last one names a missing file.
    static func resolvedTarget(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let next = linkDestination(current) else { return current }
            current = next
        }
        return current
    }

    /// Writes a temporary file beside `target` and renames it over `target`.
    private static func replace(
        _ target: String, mode: mode_t?, given path: String, what: String,
        _ produce: (_ emit: (Data) throws -> Void) throws -> Void
    ) throws {
        let folder = folder(of: target)
        let name = (target as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(
            "\(temporaryPrefix)\(getpid()).\(TemporaryRegistry.nextNumber()).\(name)")
        let registration = TemporaryRegistry.register(temporary)
        defer { TemporaryRegistry.release(registration) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let code = errno
            throw failure(what, path, reason(code), advice: advice(for: code, folder: folder))
        }
        // Keeps the mode of the file it replaces.
        if let mode { _ = fchmod(descriptor, mode) }
        do {
            try produce { data in
                if let code = writeAll(descriptor, data) {
                    throw failure(what, path, reason(code), advice: advice(for: code, folder: folder))
                }
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(what, path, reason(code), advice: advice(for: code, folder: folder))
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(what, path, reason(code), advice: advice(for: code, folder: folder))
        }
    }

    /// Writes into an existing FIFO, device or socket, in place.
    private static func writeThrough(
        _ path: String, what: String, _ produce: (_ emit: (Data) throws -> Void) throws -> Void
    ) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw failure(what, path, reason(code), advice: advice(for: code, folder: folder(of: path)))
        }
        defer { close(descriptor) }
        try produce { data in
            if let code = writeAll(descriptor, data) {
                throw failure(what, path, reason(code), advice: advice(for: code, folder: folder(of: path)))
            }
        }
    }

    /// Writes every byte; the `errno` of the failure, if any.
    private static func writeAll(_ descriptor: Int32, _ data: Data) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let count = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
    }

    /// Removes the temporary files that runs no longer alive left in `folder`.
    public static func removeStaleTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            let fields = name.dropFirst(temporaryPrefix.count).split(separator: ".", maxSplits: 2)
            guard fields.count == 3, let pid = pid_t(fields[0]) else { continue }
            // A live process's file is still being written (another run writing here too).
            if pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

    private static func advice(for code: Int32, folder: String) -> String {
        switch code {
        case ENOENT, ENOTDIR: return "create the folder '\(folder)' first, or choose another path"
        case EACCES, EPERM: return "choose a path you may write to, or change the permissions of '\(folder)'"
        case EROFS: return "'\(folder)' is on a read-only file system: choose a path on a writable one"
        case ENOSPC, EDQUOT: return "free some space, or choose a path on another disk"
        case EISDIR: return "give the path of a file to write"
        default: return "check the path and its folder"
        }
    }

    private static func failure(_ what: String, _ path: String, _ reason: String, advice: String) -> PipelineError {
        .output("cannot write \(what) '\(path)': \(reason); \(advice)")
    }
}

/// `write(2)`, under a name the static `write` above does not hide.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}

/// The temporary output files being written, so a signal handler can remove them.
///
/// Each writer claims a slot of its own and releases it when its file is renamed or removed, so
/// writers on several threads (tests, or a report written while solvers are emitted) never clear
/// each other's path. The paths live in buffers allocated once, which the handler reads without
/// allocating or locking (only async-signal-safe calls).
enum TemporaryRegistry {
    private static let slotCount = 16
    private static let capacity = Int(PATH_MAX) + 1
    /// Slot `i` is `capacity` bytes from `i * capacity`: a flag byte (1 while it holds a whole path),
    /// then the path.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * capacity)
        buffer.initialize(repeating: 0, count: slotCount * capacity)
        return buffer
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var claimed = [Bool](repeating: false, count: slotCount)
    nonisolated(unsafe) private static var counter = 0
    nonisolated(unsafe) private static var previousInterrupt = sigaction()
    nonisolated(unsafe) private static var previousTerminate = sigaction()
    private static let installHandlers: Void = {
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { signal in TemporaryRegistry.handle(signal) }
        #else
            action.__sigaction_u.__sa_handler = { signal in TemporaryRegistry.handle(signal) }
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, &previousInterrupt)
        sigaction(SIGTERM, &action, &previousTerminate)
    }()

    static func nextNumber() -> Int {
        lock.withLock {
            counter += 1
            return counter
        }
    }

    /// Registers `path` for removal on SIGINT or SIGTERM; the slot to hand to ``release(_:)``, or
    /// nil when every slot is taken (the file is then left for ``OutputFile/removeStaleTemporaries(in:)``).
    static func register(_ path: String) -> Int? {
        _ = installHandlers
        guard
            let index = lock.withLock({ () -> Int? in
                guard let free = claimed.firstIndex(of: false) else { return nil }
                claimed[free] = true
                return free
            })
        else { return nil }
        let slot = slots + index * capacity
        slot[0] = 0
        path.withCString { source in _ = strncpy(slot + 1, source, capacity - 2) }
        slot[capacity - 1] = 0
        // Marks the slot as holding a path only once the path is whole.
        slot[0] = 1
        return index
    }

    static func release(_ index: Int?) {
        guard let index else { return }
        slots[index * capacity] = 0
        lock.withLock { claimed[index] = false }
    }

    /// Removes the temporary files in flight, then lets the signal do what it did before.
    private static func handle(_ signal: Int32) {
        for index in 0..<slotCount {
            let slot = slots + index * capacity
            if slot[0] == 1 { unlink(slot + 1) }
        }
        var previous = signal == SIGINT ? previousInterrupt : previousTerminate
        sigaction(signal, &previous, nil)
        raise(signal)
    }
}
