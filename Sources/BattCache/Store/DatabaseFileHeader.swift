import Foundation

/// The first 100 bytes of an SQLite file, read without SQLite so that a file
/// that is not a database is refused before anything can write to it.
struct DatabaseFileHeader: Equatable {
    static let magic = Array("SQLite format 3\0".utf8)

    let pageSize: Int
    /// 1 for rollback journal, 2 for WAL.
    let writeVersion: UInt8
    let readVersion: UInt8

    /// Checks the file at `path` of `fileSize` bytes.
    /// - Returns: nil for an empty file, which SQLite treats as a new database.
    /// - Throws: `CacheError.notADatabase` with the reason.
    static func read(path: String, fileSize: Int) throws -> DatabaseFileHeader? {
        if fileSize == 0 { return nil }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CacheError.unreadable(path: path, reason: "it cannot be opened for reading")
        }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard bytes.count >= 16, Array(bytes[0..<16]) == magic else {
            throw CacheError.notADatabase(path: path, reason: "no SQLite header")
        }
        guard bytes.count == 100 else {
            throw CacheError.notADatabase(path: path, reason: "truncated to \(fileSize) bytes")
        }
        let rawPageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw CacheError.notADatabase(path: path, reason: "invalid page size \(rawPageSize) in header")
        }
        guard fileSize % pageSize == 0 else {
            throw CacheError.notADatabase(
                path: path,
                reason: "truncated: \(fileSize) bytes is not a whole number of \(pageSize)-byte pages")
        }
        let header = DatabaseFileHeader(pageSize: pageSize, writeVersion: bytes[18], readVersion: bytes[19])
        guard (1...2).contains(header.writeVersion), (1...2).contains(header.readVersion) else {
            throw CacheError.notADatabase(
                path: path, reason: "unknown file format version \(header.writeVersion).\(header.readVersion)")
        }
        return header
    }

    var isWAL: Bool { writeVersion == 2 || readVersion == 2 }
}
