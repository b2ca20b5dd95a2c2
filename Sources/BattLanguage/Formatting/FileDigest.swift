import Crypto

/// What a file's bytes are known by in the records kept of files (candidate files, task files):
/// the lowercase hex SHA-256 of the bytes.
///
/// Not md5, as solver identities are: a file is megabytes and is hashed on every run, warm runs
/// included, and SHA-256 runs on the CPU's SHA instructions at more than twice md5's speed.
public enum FileDigest {
    /// The digest of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        MD5Hex.hex(SHA256.hash(data: bytes))
    }

    /// The digest of bytes given a piece at a time.
    public struct Hasher {
        private var sha = SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            sha.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }

        /// The digest of every byte given.
        public func finish() -> String { MD5Hex.hex(sha.finalize()) }
    }
}
