import Crypto

/// Lowercase hexadecimal MD5 digests, the identity format of solver bodies and inlined solvers.
public enum MD5Hex {
    /// The lowercase hex MD5 digest of `bytes`.
    public static func digest(of bytes: [UInt8]) -> String {
        hex(Insecure.MD5.hash(data: bytes))
    }

    /// An MD5 digest of bytes given a piece at a time.
    public struct Hasher {
        private var md5 = Insecure.MD5()

        public init() {}

        public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            md5.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }

        /// The lowercase hex digest of every byte given.
        public func finish() -> String { hex(md5.finalize()) }
    }

    /// The lowercase hex form of a digest (of any length).
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let alphabet: StaticString = "0123456789abcdef"
        var characters: [UInt8] = []
        characters.reserveCapacity(max(32, 2 * digest.underestimatedCount))
        alphabet.withUTF8Buffer { table in
            for byte in digest {
                characters.append(table[Int(byte >> 4)])
                characters.append(table[Int(byte & 0x0f)])
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
