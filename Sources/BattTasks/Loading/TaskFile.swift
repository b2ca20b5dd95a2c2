#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading task files from disk, with failures that say why.
enum TaskFile {
    struct ReadError: Error {
        let reason: String
    }

    /// The largest `<id>.json` in a folder of task files: ARC tasks are a few kB.
    static let maximumTaskFileBytes = 16 << 20
    /// The largest file of many tasks (combined JSON, Kaggle challenges or solutions).
    static let maximumCollectionBytes = 1 << 30

    /// The bytes of the file at `path`, refusing more than `maximumBytes`: by its size before
    /// reading, and while reading for a file whose size is not known in advance (or grows).
    ///
    /// With `regularOnly`, a FIFO, socket or device is refused before anything is read (opening
    /// does not wait for a FIFO's writer): what a folder of task files holds must be files.
    static func contents(of path: String, maximumBytes: Int, regularOnly: Bool = false) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, regularOnly ? O_RDONLY | O_NONBLOCK : O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(reason: lastErrorReason()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(reason: lastErrorReason()) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw ReadError(reason: "it is a folder") }
        if regularOnly && (status.st_mode & S_IFMT) != S_IFREG {
            throw ReadError(reason: "it is not a regular file (a FIFO, socket or device); it was not read")
        }
        let size = Int(status.st_size)
        if size > maximumBytes { throw tooLarge(size, maximumBytes) }
        // A file of known size is read straight into a buffer one byte larger: that byte only
        // fills when the file grew since `fstat`, or its size was not known (a FIFO, /dev/zero).
        var failure: ReadError?
        var bytes = [UInt8](unsafeUninitializedCapacity: max(size, 0) + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got == 0 { return }
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = ReadError(reason: lastErrorReason())
                    return
                }
                count += got
            }
        }
        if let failure { throw failure }
        if bytes.count <= size { return bytes }
        if bytes.count > maximumBytes { throw tooLarge(nil, maximumBytes) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(reason: lastErrorReason())
            }
            if bytes.count + count > maximumBytes { throw tooLarge(nil, maximumBytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func tooLarge(_ size: Int?, _ maximum: Int) -> ReadError {
        let what = size.map { "it is \(megabytes($0))" } ?? "it holds more than \(megabytes(maximum))"
        let kind = maximum == maximumTaskFileBytes ? "a task file" : "a file of tasks"
        return ReadError(
            reason:
                "\(what), and \(kind) may be at most \(megabytes(maximum)); it was not read (split it, or check it is the file you meant)"
        )
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// The JSON document in the file at `path`, or the diagnostic saying why there is none.
    static func readJSON(
        _ path: String, taskID: String?, maximumBytes: Int = maximumCollectionBytes, regularOnly: Bool = false
    ) -> Result<JSONParser.Document, TaskDiagnostic> {
        let bytes: [UInt8]
        do throws(ReadError) {
            bytes = try contents(of: path, maximumBytes: maximumBytes, regularOnly: regularOnly)
        } catch {
            return .failure(cannotRead(path, taskID: taskID, error))
        }
        do throws(JSONSyntaxError) {
            return .success(try JSONParser.parseDocument(bytes))
        } catch {
            return .failure(TaskDiagnostic(file: path, taskID: taskID, pair: nil, message: error.description))
        }
    }

    /// The diagnostic of a file that could not be read.
    static func cannotRead(_ path: String, taskID: String?, _ error: ReadError) -> TaskDiagnostic {
        TaskDiagnostic(file: path, taskID: taskID, pair: nil, message: "cannot read the file: \(error.reason)")
    }

    private static func lastErrorReason() -> String {
        String(cString: strerror(errno))
    }
}

/// Path manipulation on plain strings (`/`-separated), so sources read as the user wrote them.
enum TaskPath {
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func lastComponent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? trimmed
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file name without its last extension: the task id of `<id>.json`.
    static func stem(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The sibling of `path` whose name ends in `newSuffix` instead of `oldSuffix`.
    static func replacingSuffix(_ oldSuffix: String, with newSuffix: String, in path: String) -> String {
        String(path.dropLast(oldSuffix.count)) + newSuffix
    }
}
