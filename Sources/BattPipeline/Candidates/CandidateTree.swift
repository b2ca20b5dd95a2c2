import BattLanguage
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `.py` files of a candidate folder tree, and what could not be read in it.
///
/// Symbolic links are followed, to files and to folders alike; a folder met a second time (a
/// link back to a folder above it, or two links to one folder) is listed once, with a note. A
/// sub-folder that cannot be listed, or a `.py` entry that is not a readable regular file, is
/// one `problem` each, and the walk goes on.
struct CandidateTree {
    enum Entry: Equatable {
        /// A regular `.py` file to read.
        case file(String)
        /// A folder or `.py` file that cannot be read, and why.
        case unreadable(String, String)
        /// A folder not walked again, and why (not an error).
        case skipped(String, String)

        var path: String {
            switch self {
            case .file(let path), .unreadable(let path, _), .skipped(let path, _): return path
            }
        }
    }

    private(set) var entries: [Entry] = []
    private var walked: [FileIdentity: String] = [:]

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// Walks the folder at `root` (which may itself be a link to a folder).
    static func walk(_ root: String) -> [Entry] {
        var tree = CandidateTree()
        tree.walkFolder(root)
        // Sorted by whole path, as one sorted listing of the tree would be.
        return tree.entries.sorted { $0.path < $1.path }
    }

    private mutating func walkFolder(_ folder: String) {
        var status = stat()
        guard stat(folder, &status) == 0 else {
            entries.append(.unreadable(folder, "cannot read the folder: \(Self.lastError())"))
            return
        }
        let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        if let first = walked[identity] {
            entries.append(
                .skipped(folder, "not read again: it is the folder '\(first)' (a symbolic link loop or a second link)"))
            return
        }
        walked[identity] = folder
        guard let names = Self.names(in: folder) else {
            entries.append(
                .unreadable(
                    folder,
                    "cannot list the folder: \(Self.lastError()); its candidates are left out (check its permissions)"))
            return
        }
        for name in names.sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            var entry = stat()
            guard stat(path, &entry) == 0 else {
                // A dangling link or a vanished entry: worth a word if it looked like a candidate
                // file, or if it is a link that loops (it may have been meant as a folder).
                if name.hasSuffix(".py") {
                    entries.append(.unreadable(path, "cannot read the file: \(Self.lastError())"))
                } else if errno == ELOOP {
                    entries.append(.skipped(path, "not followed: the symbolic link loops"))
                }
                continue
            }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR:
                walkFolder(path)
            case S_IFREG where name.hasSuffix(".py"):
                entries.append(.file(path))
            default:
                if name.hasSuffix(".py") {
                    entries.append(.unreadable(path, "not a regular file (a FIFO, socket or device); it is not read"))
                }
            }
        }
    }

    /// The names in `folder`, or nil (with `errno` set) when it cannot be listed.
    private static func names(in folder: String) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The bytes of a candidate file, or why they cannot be had.
    static func contents(of path: String) -> Result<[UInt8], CandidateReadError> {
        var bytes: [UInt8] = []
        return readPieces(path, reserving: { bytes.reserveCapacity($0) }, each: { bytes.append(contentsOf: $0) })
            .map { bytes }
    }

    /// The ``FileDigest`` of a candidate file's bytes, read a piece at a time, or why they cannot
    /// be had.
    static func digest(of path: String) -> Result<String, CandidateReadError> {
        var hasher = FileDigest.Hasher()
        return readPieces(path, reserving: { _ in }, each: { hasher.update($0) }).map { hasher.finish() }
    }

    /// Reads a regular file a piece at a time.
    private static func readPieces(
        _ path: String, reserving: (Int) -> Void, each: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Result<Void, CandidateReadError> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(CandidateReadError(reason: lastError())) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(CandidateReadError(reason: lastError())) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return .failure(CandidateReadError(reason: "not a regular file"))
        }
        reserving(max(Int(status.st_size), 0))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .success(()) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(CandidateReadError(reason: lastError()))
            }
            chunk.withUnsafeBufferPointer { each(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    static func lastError() -> String { String(cString: strerror(errno)).lowercased() }
}

/// Why one candidate file could not be read.
struct CandidateReadError: Error {
    let reason: String
}
