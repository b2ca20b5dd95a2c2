import BattLanguage
import Testing

/// Files are known by the SHA-256 of their bytes, in lowercase hex, whether hashed whole or a
/// piece at a time.
@Suite struct FileDigestTests {
    @Test func theDigestIsTheSHA256OfTheBytes() {
        // FIPS 180-2's test vectors.
        #expect(FileDigest.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileDigest.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func piecesHashAsTheWholeDoes() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = FileDigest.Hasher()
        for start in stride(from: 0, to: bytes.count, by: 4097) {
            bytes[start..<min(start + 4097, bytes.count)].withUnsafeBufferPointer { hasher.update($0) }
        }
        #expect(hasher.finish() == FileDigest.hex(of: bytes))
    }
}
