import Crypto
import Foundation
import Testing

@testable import BattTasks

/// A folder of task files is read with the SHA-256 of each file's bytes; a file whose digest the
/// caller already knows keeps the fingerprint given for it and is decoded only on demand.
@Suite struct TaskFilesTests {
    static func sha256(ofFile path: String) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func aFolderGivesTheSHA256OfEachReadableFileInNameOrder() throws {
        let files = try TaskLoader.read(path: Fixtures.examples)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.fileDigests == (try names.map { try Self.sha256(ofFile: Fixtures.examples + "/" + $0) }))
    }

    @Test func withNothingKnownEveryTaskIsDecodedAndEveryDigestIsNew() throws {
        let set = try TaskLoader.read(path: Fixtures.examples).load()
        #expect(set.isDecoded)
        #expect(set.ids == (try TaskLoader.load(path: Fixtures.examples)).ids)
        #expect(Set(set.newlyDigested.keys) == Set(try TaskLoader.read(path: Fixtures.examples).fileDigests))
        for task in set.sortedTasks {
            let digest = try Self.sha256(ofFile: task.source)
            #expect(set.newlyDigested[digest] == task.fingerprint)
        }
    }

    @Test func aKnownFileIsFingerprintedWithoutBeingDecoded() throws {
        let decoded = try TaskLoader.load(path: Fixtures.examples)
        let first = try #require(decoded.sortedTasks.first)
        let digest = try Self.sha256(ofFile: first.source)
        let set = try TaskLoader.read(path: Fixtures.examples).load(knowing: [digest: first.fingerprint])
        #expect(set[first.id] == nil)
        #expect(set.contains(first.id))
        #expect(set.fingerprint(of: first.id) == first.fingerprint)
        #expect(set.ids == decoded.ids)
        #expect(!set.isDecoded)
        #expect(set.newlyDigested[digest] == nil)
        #expect(set.newlyDigested.count == decoded.count - 1)

        let all = set.decodingAll()
        #expect(all.isDecoded)
        #expect(all[first.id] == first)
        #expect(all.newlyDigested[digest] == nil)
    }

    @Test func aFingerprintRememberedWronglyIsReplacedByWhatTheBytesDecodeTo() throws {
        let decoded = try TaskLoader.load(path: Fixtures.examples)
        let first = try #require(decoded.sortedTasks.first)
        let wrong = TaskFingerprint(hex: String(repeating: "0", count: 32))
        let digest = try Self.sha256(ofFile: first.source)
        let set = try TaskLoader.read(path: Fixtures.examples).load(knowing: [digest: wrong])
        #expect(set.fingerprint(of: first.id) == wrong)

        let all = set.decodingAll()
        #expect(all.fingerprint(of: first.id) == first.fingerprint)
        #expect(all.newlyDigested[digest] == first.fingerprint)
    }

    @Test func diagnosticsKeepTheirOrderWhateverIsKnown() throws {
        let folder = Fixtures.path("Malformed")
        let plain = try TaskLoader.load(path: folder)
        let good = try #require(plain.sortedTasks.first)
        let known = [try Self.sha256(ofFile: good.source): good.fingerprint]
        let set = try TaskLoader.read(path: folder).load(knowing: known)
        #expect(set.diagnostics == plain.diagnostics)
        #expect(set.ids == plain.ids)
        #expect(set.decodingAll().diagnostics == plain.diagnostics)
    }

    @Test func otherLayoutsAreDecodedWhenRead() throws {
        let files = try TaskLoader.read(path: Fixtures.path("combined.json"))
        #expect(files.fileDigests.isEmpty)
        let set = files.load()
        #expect(set.isDecoded)
        #expect(set.newlyDigested.isEmpty)
        #expect(set.ids == (try TaskLoader.load(path: Fixtures.path("combined.json"))).ids)
    }
}
