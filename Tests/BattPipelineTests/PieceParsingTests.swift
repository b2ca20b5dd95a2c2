import BattCache
import BattLanguage
import Foundation
import Testing

@testable import BattPipeline

/// Candidate files are read a piece at a time into compact tables; the candidates must be the
/// ones one parse of the whole file gives, line numbers, diagnostics and functions included.
@Suite struct PieceParsingTests {
    /// A search-like file of `count` functions, with repeated bodies.
    static func source(functions count: Int, brokenAt broken: Int? = nil, duplicateAt duplicate: Int? = nil)
        -> String
    {
        var text = "from dsl import *\nfrom constants import *\n\n"
        for k in 0..<count {
            text += "def solve_3c9b0459_\(k == duplicate ? 0 : k)(S, I, C):\n"
            text += "    # a comment\n"
            text += "    t1 = rot90(I)\n"
            text += k == broken ? "    t2 = rot90(t1\n" : "    t2 = replace(t1, \(k % 10), (\(k % 7), -1))\n"
            text += "    return t2\n\n\n"
        }
        return text
    }

    /// Parses `source` written to a file, in pieces of about `pieceBytes` bytes.
    /// Parses `source` written to a file, in pieces of about `pieceBytes` bytes, keeping no syntax
    /// tree unless `keepingTrees` says how many.
    static func table(_ source: String, pieceBytes: Int, keepingTrees: Int = 0, in folder: TemporaryFolder) throws
        -> CandidateTable
    {
        let path = folder.path("big.py")
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        var timing = CandidateSource.ParseTiming()
        return CandidateSource.parse(
            try CandidateSource.read(path: path, defaultTaskID: nil), defaultTaskID: nil, pieceBytes: pieceBytes,
            keepingTrees: keepingTrees, timing: &timing)
    }

    @Test func keptTreesAreTheTreesParsedAgain() throws {
        let folder = try TemporaryFolder()
        let source = Self.source(functions: 400)
        let kept = try Self.table(source, pieceBytes: 2048, keepingTrees: 30, in: folder)
        let none = try Self.table(source, pieceBytes: 2048, in: folder)
        #expect(kept.keptFunctions.count == 30, "the first 30 (task, body) pairs")
        #expect(none.keptFunctions.isEmpty)
        for index in 0..<kept.count {
            #expect(kept.function(at: index) == none.function(at: index))
        }
    }

    @Test func piecesGiveTheFunctionsAndLinesOfOneWholeParse() throws {
        let folder = try TemporaryFolder()
        let source = Self.source(functions: 400)
        let whole = CandidateParser.parse(source: source, path: folder.path("big.py"))
        #expect(CandidateSource.pieceStarts(Array(source.utf8), every: 2048).count > 10)
        let table = try Self.table(source, pieceBytes: 2048, in: folder)
        #expect(table.count == whole.functions.count)
        #expect(table.diagnostics.isEmpty)
        for (index, function) in whole.functions.enumerated() {
            #expect(table.name(of: index) == function.name)
            #expect(table.line(of: index) == function.line)
            #expect(table.taskID(of: index) == "3c9b0459")
            #expect(table.bodyHash(of: index) == function.bodyHash)
            #expect(table.function(at: index) == function, "parsed again from its file, the same function")
        }
    }

    @Test func theSameBodyIsKeptOnce() throws {
        let folder = try TemporaryFolder()
        let table = try Self.table(Self.source(functions: 400), pieceBytes: 2048, in: folder)
        // Bodies differ only by k % 10 and k % 7: 70 of them.
        #expect(table.bodies.count == 70)
        #expect(Set((0..<table.count).compactMap(table.bodyHash(of:))).count == 70)
    }

    @Test func aSyntaxErrorInAnyPieceGivesTheDiagnosticsOfOneWholeParse() throws {
        let folder = try TemporaryFolder()
        let source = Self.source(functions: 400, brokenAt: 300)
        let whole = CandidateParser.parse(source: source, path: folder.path("big.py"))
        let table = try Self.table(source, pieceBytes: 2048, in: folder)
        #expect(!whole.diagnostics.isEmpty)
        #expect(table.diagnostics.map(\.line) == whole.diagnostics.map(\.line))
        #expect(table.diagnostics.map(\.message) == whole.diagnostics.map(\.message))
        #expect(table.unreadableFunctions == 1)
        #expect(table.count == whole.functions.count)
        for (index, function) in whole.functions.enumerated() {
            #expect(table.line(of: index) == function.line)
            #expect(table.function(at: index) == function)
        }
    }

    @Test func aDuplicateNameInALaterPieceIsFoundWithTheLineOfTheFirst() throws {
        let folder = try TemporaryFolder()
        let table = try Self.table(Self.source(functions: 400, duplicateAt: 350), pieceBytes: 2048, in: folder)
        let firstLine = table.line(of: 0)
        #expect(
            table.problem(of: 350) == "duplicate function name 'solve_3c9b0459_0' (first defined at line \(firstLine))")
        #expect(table.bodyHash(of: 350) == nil, "a candidate that cannot run is not hashed")
        #expect((0..<table.count).filter { table.problem(of: $0) != nil } == [350])
    }

    @Test func aRecordReadBackGivesTheSameCandidates() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("big.py")
        try Self.source(functions: 200, brokenAt: 50, duplicateAt: 120).write(
            toFile: path, atomically: true, encoding: .utf8)
        let files = try CandidateSource.read(path: path, defaultTaskID: nil)
        var timing = CandidateSource.ParseTiming()
        let parsed = CandidateSource.parse(
            files, defaultTaskID: nil, pieceBytes: 1024, keepingTrees: 0, timing: &timing)
        let records = CandidateSource.recordParts(of: parsed) { $0 % 3 == 0 ? "solver\($0 % 5)" : nil }
        let known = try #require(Self.fromRecords(files, records))
        #expect(known.fromRecords)
        #expect(known.count == parsed.count)
        for index in 0..<parsed.count {
            #expect(known.name(of: index) == parsed.name(of: index))
            #expect(known.line(of: index) == parsed.line(of: index))
            #expect(known.taskID(of: index) == parsed.taskID(of: index))
            #expect(known.bodyHash(of: index) == parsed.bodyHash(of: index))
            #expect(known.problem(of: index) == parsed.problem(of: index))
            #expect(known.path(of: index) == parsed.path(of: index))
        }
        #expect(known.diagnostics.map(\.description) == parsed.diagnostics.map(\.description))
        #expect(known.unreadableFunctions == parsed.unreadableFunctions)
        // The solver recorded for a body is the one of its candidates that had one.
        for index in 0..<parsed.count {
            guard let hash = parsed.bodyHash(of: index) else { continue }
            #expect(known.recordedSolver(ofBody: hash) != nil || index % 3 != 0)
            #expect(known.recordedSolver(ofBody: hash)?.hasPrefix("solver") ?? true)
        }
    }

    /// The candidates of records handed over a part at a time.
    static func fromRecords(_ files: [CandidateSource.File], _ records: [CandidateFileKey: [String]])
        -> CandidateTable?
    {
        CandidateSource.fromRecords(files) { key, each in
            guard let parts = records[key] else { return false }
            for part in parts { try each(part) }
            return true
        }
    }

    @Test func aRecordIsStoredInPartsAndALostPartIsNoRecord() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("big.py")
        try Self.source(functions: 2 * CandidateSource.recordPartFunctions + 10).write(
            toFile: path, atomically: true, encoding: .utf8)
        let files = try CandidateSource.read(path: path, defaultTaskID: nil)
        var timing = CandidateSource.ParseTiming()
        let parsed = CandidateSource.parse(files, defaultTaskID: nil, timing: &timing)
        let parts = try #require(CandidateSource.recordParts(of: parsed) { _ in nil }[files[0].key])
        #expect(parts.count == 4, "the header, then three parts of functions")
        #expect(Self.fromRecords(files, [files[0].key: parts])?.count == parsed.count)
        for lost in parts.indices {
            var damaged = parts
            damaged.remove(at: lost)
            #expect(Self.fromRecords(files, [files[0].key: damaged]) == nil, "part \(lost) lost")
        }
    }

    @Test func aRecordWrittenBeforePartsIsOnePart() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("one.py")
        try Self.source(functions: 2).write(toFile: path, atomically: true, encoding: .utf8)
        let files = try CandidateSource.read(path: path, defaultTaskID: nil)
        let body = MD5Hex.digest(of: Array("body".utf8))
        let record =
            "U\t0\nF\t4\tsolve_3c9b0459_0\t3c9b0459\t\(body)\tsolver\t\nF\t10\tsolve_3c9b0459_1\t3c9b0459\t\t\t"
        let known = try #require(CandidateSource.fromRecords(files, records: [files[0].key: record]))
        #expect(known.count == 2)
        #expect(known.bodyHash(of: 0) == body && known.recordedSolver(ofBody: body) == "solver")
        #expect(known.line(of: 1) == 10 && known.bodyHash(of: 1) == nil)
    }

    @Test func aRecordWithAMalformedBodyHashIsNoRecord() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("one.py")
        try Self.source(functions: 2).write(toFile: path, atomically: true, encoding: .utf8)
        let files = try CandidateSource.read(path: path, defaultTaskID: nil)
        let record = "U\t0\nF\t4\tsolve_3c9b0459_0\t3c9b0459\tNOT-A-HASH\t\t"
        #expect(CandidateSource.fromRecords(files, records: [files[0].key: record]) == nil)
    }

    @Test func digestsRoundTripThroughSixteenBytes() {
        let hex = MD5Hex.digest(of: Array("def solve(I):\n    return I\n".utf8))
        let digest = Digest16(hex: hex)
        #expect(digest?.hex == hex)
        #expect(MemoryLayout<Digest16>.size == 16)
        #expect(Digest16(hex: hex.uppercased()) == nil, "only the lowercase form batt writes")
        #expect(Digest16(hex: String(hex.dropLast())) == nil)
        #expect(Digest16(hex: hex + "0") == nil)
        #expect(Digest16(hex: "00000000000000000000000000000001") == Digest16(high: 0, low: 1))
        // Bytes in one buffer and bytes given one by one read alike.
        let middleG = String(hex.prefix(20)) + "g" + String(hex.dropFirst(21))
        for text in [hex, hex.uppercased(), middleG, String(hex.dropLast()), hex + "0"] {
            let oneByOne = Digest16(hexBytes: text.utf8.lazy.map { $0 })
            #expect(Digest16(hexBytes: Array(text.utf8)) == oneByOne, "\(text)")
        }
        #expect(Digest16(hex: middleG) == nil)
    }

    @Test func internedStringsAndTheNameArenaGiveBackWhatWasStored() {
        var table = InternTable()
        #expect(table.id("a1a1a1a1") == 0)
        #expect(table.id("b2b2b2b2") == 1)
        #expect(table.id("a1a1a1a1") == 0)
        #expect(table[1] == "b2b2b2b2" && table[-1] == nil)
        var arena = TextArena()
        let names = ["solve_a1a1a1a1_0", "", "solve_b2b2b2b2_long_name_\(String(repeating: "x", count: 40))", "é"]
        for name in names { arena.append(name) }
        #expect((0..<arena.count).map { arena[$0] } == names)
    }

    @Test func theDigestOfAFileReadInPiecesIsTheDigestOfItsBytes() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("big.py")
        let source = Self.source(functions: 30_000)
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try CandidateTree.digest(of: path).get() == FileDigest.hex(of: Array(source.utf8)))
    }
}
