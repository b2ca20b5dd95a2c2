import BattCache
import BattLanguage
import Foundation

/// An MD5 digest as a fixed-size value: 16 bytes instead of a 32-character hex string.
public struct Digest16: Hashable, Sendable, Comparable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        (self.high, self.low) = (high, low)
    }

    /// The digest written as 32 lowercase hex digits; nil for any other text, so that `hex`
    /// gives back exactly the text it came from.
    public init?<Text: StringProtocol>(hex text: Text) {
        self.init(hexBytes: text.utf8)
    }

    /// The digest of 32 lowercase hex digits given as UTF-8 bytes; nil for any other bytes.
    public init?<Bytes: Sequence>(hexBytes: Bytes) where Bytes.Element == UInt8 {
        // Bytes in one buffer (a record's fields, a string's UTF-8) are read without iterating.
        if let parsed = hexBytes.withContiguousStorageIfAvailable(Digest16.parse) {
            guard let digest = parsed else { return nil }
            self = digest
            return
        }
        var words: (UInt64, UInt64) = (0, 0)
        var count = 0
        for byte in hexBytes {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            guard count < 32 else { return nil }
            if count < 16 { words.0 = words.0 << 4 | digit } else { words.1 = words.1 << 4 | digit }
            count += 1
        }
        guard count == 32 else { return nil }
        (high, low) = words
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Digest16? {
        guard bytes.count == 32 else { return nil }
        func word(_ start: Int) -> UInt64? {
            var value: UInt64 = 0
            for byte in bytes[start..<start + 16] {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte &- UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte &- UInt8(ascii: "a") &+ 10)
                default: return nil
                }
            }
            return value
        }
        guard let high = word(0), let low = word(16) else { return nil }
        return Digest16(high: high, low: low)
    }

    /// The bits of a digest are uniform: one word is hash enough.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(low)
    }

    /// In the order of their hex forms.
    public static func < (a: Digest16, b: Digest16) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// 32 lowercase hex digits.
    public var hex: String {
        MD5Hex.hex((0..<16).map { k in UInt8(truncatingIfNeeded: (k < 8 ? high : low) >> (56 - 8 * UInt64(k % 8))) })
    }
}

/// Strings kept once each and named by their index (task ids, paths, messages, solver md5s).
public struct InternTable: Sendable {
    public private(set) var strings: [String] = []
    private var ids: [String: Int32] = [:]

    public init() {}

    /// The index of `text`, added when new.
    public mutating func id(_ text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(strings.count)
        strings.append(text)
        ids[text] = id
        return id
    }

    /// The index of `text` when it is known.
    public func existingID(_ text: String) -> Int32? { ids[text] }

    /// Makes room for `count` strings in all; a table that must grow at least doubles, so
    /// reserving again and again never copies it each time.
    public mutating func reserveCapacity(atLeast count: Int) {
        if count > strings.capacity { strings.reserveCapacity(max(count, strings.capacity * 2)) }
        if count > ids.capacity { ids.reserveCapacity(max(count, ids.capacity * 2)) }
    }

    /// The string of index `id`; nil for -1 (no string).
    public subscript(id: Int32) -> String? { id < 0 ? nil : strings[Int(id)] }

    public var count: Int { strings.count }
}

/// Many strings in one byte buffer: one allocation instead of one per string.
public struct TextArena: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    public var count: Int { ends.count }

    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(bytes.count)
    }

    public mutating func append<Bytes: Collection>(bytes text: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
    }

    public subscript(index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }

    /// Forgets the strings from `count` on.
    mutating func truncate(to count: Int) {
        ends.removeLast(ends.count - count)
        bytes.removeLast(bytes.count - (ends.last ?? 0))
    }
}

/// One candidate in a few fixed-size fields; its name is in the table's arena at the same index.
struct CandidateRow: Sendable {
    /// The line of its `def`.
    var line: Int32
    /// The file: an index into ``CandidateTable/sources``.
    var source: Int32
    /// Index into ``CandidateTable/tasks``, or -1 when the candidate has no task.
    var task: Int32
    /// Index into ``CandidateTable/problems``: why it cannot run as far as its file tells; or -1.
    var problem: Int32
    /// Index into ``CandidateTable/bodies``, or -1 before the body is hashed (or when it cannot be).
    var body: Int32
    /// Where its text starts in its file and how many bytes it spans (to parse it again); -1 for
    /// candidates from a file's record.
    var offset: Int32
    var length: Int32
    /// Whether its task is not in the run's task set.
    var unknownTask: Bool
}

/// The candidates of a run as compact tables: one fixed-size row per candidate, names in one
/// arena, task ids, paths and messages interned, body hashes as 16-byte values, each unique body
/// once. Syntax trees are not kept: a candidate's function is parsed again from its file's bytes
/// when it is needed (``function(at:)``), which is only for the first of each body or solver.
public struct CandidateTable: Sendable {
    var rows: [CandidateRow] = []
    var names = TextArena()
    public internal(set) var tasks = InternTable()
    var problems = InternTable()
    /// Unique body hashes, in the order they were first met.
    var bodies: [Digest16] = []
    var bodyIDs: [Digest16: Int32] = [:]
    /// Each file candidates came from: its path, and its bytes when it was parsed.
    var sources: [(path: String, bytes: [UInt8])] = []
    public var diagnostics: [CandidateDiagnostic] = []
    /// Functions that could not be read at all (syntax errors).
    public var unreadableFunctions = 0
    /// Each file with the range of candidates it holds, to record what it held; empty when the
    /// candidates are not all the file holds (a shard).
    var files:
        [(file: CandidateSource.File, candidates: Range<Int>, diagnostics: [CandidateDiagnostic], unreadable: Int)] =
            []
    /// Whether the candidates came from the records of known files rather than a parse.
    public var fromRecords = false
    /// In direct mode, each body's solver md5 as the records say: an index into
    /// `recordedSolvers` per body (-1: none), as long as `bodies` once filled.
    var recordedSolverOfBody: [Int32] = []
    var recordedSolvers = InternTable()
    /// Syntax trees kept, by candidate: the few functions whose text cannot be cut out of their
    /// file to parse again (a `def` not at the start of its line), and the first candidate of
    /// each (task, body) until ``keptTreeLimit`` are kept, so that a run of ordinary size parses
    /// nothing twice while a run of a million candidates holds a bounded number of trees.
    var keptFunctions: [Int: CandidateFunction] = [:]
    /// The (task, body) pairs whose first candidate's tree is kept.
    var keptPairs: Set<UInt64> = []
    /// How many first-of-(task, body) trees are kept, by default and in this table.
    public static let keptTreeLimit = 16_384
    var keptTreeLimit = CandidateTable.keptTreeLimit

    public init() {}

    public var count: Int { rows.count }

    public func name(of index: Int) -> String { names[index] }
    public func path(of index: Int) -> String { sources[Int(rows[index].source)].path }
    public func line(of index: Int) -> Int { Int(rows[index].line) }
    public func taskID(of index: Int) -> String? { tasks[rows[index].task] }
    /// The md5 of the body's normal form, once hashed.
    public func bodyHash(of index: Int) -> String? { rows[index].body < 0 ? nil : bodies[Int(rows[index].body)].hex }
    public func problem(of index: Int) -> String? { problems[rows[index].problem] }

    /// Why the candidate cannot run in this run, if it cannot.
    public func reasonItCannotRun(_ index: Int) -> String? {
        let row = rows[index]
        if row.problem >= 0 { return problems[row.problem] }
        return row.unknownTask ? "task '\(tasks[row.task] ?? "")' is not in the task set" : nil
    }

    /// Whether the candidate can run (no problem, task known) and has a hashed body.
    func canRun(_ index: Int) -> Bool { rows[index].problem < 0 && !rows[index].unknownTask }

    /// Marks the candidates whose task is not among `knownTasks` (as reading them with
    /// `knownTasks` would have), and unmarks the others.
    mutating func markUnknownTasks(knowing knownTasks: Set<String>) {
        let unknown = tasks.strings.map { !knownTasks.contains($0) }
        for index in rows.indices where rows[index].task >= 0 {
            rows[index].unknownTask = unknown[Int(rows[index].task)]
        }
    }

    /// The solver md5 the records give for the body of md5 `hash`.
    public func recordedSolver(ofBody hash: String) -> String? {
        guard let digest = Digest16(hex: hash), let id = bodyIDs[digest], Int(id) < recordedSolverOfBody.count else {
            return nil
        }
        return recordedSolvers[recordedSolverOfBody[Int(id)]]
    }

    /// The body index of `hash`, added when new.
    /// Makes room for `count` more candidates of as many bodies and solvers, so a record's part
    /// does not grow the tables step by step. A table that must grow at least doubles: reserving
    /// exactly part after part would copy it once per part.
    mutating func reserveRecorded(_ count: Int) {
        func room(_ needed: Int, _ capacity: Int) -> Int? { needed > capacity ? max(needed, capacity * 2) : nil }
        if let size = room(rows.count + count, rows.capacity) { rows.reserveCapacity(size) }
        if let size = room(bodies.count + count, bodies.capacity) { bodies.reserveCapacity(size) }
        if let size = room(bodies.count + count, bodyIDs.capacity) { bodyIDs.reserveCapacity(size) }
        if let size = room(bodies.count + count, recordedSolverOfBody.capacity) {
            recordedSolverOfBody.reserveCapacity(size)
        }
        recordedSolvers.reserveCapacity(atLeast: recordedSolvers.count + count)
    }

    mutating func bodyID(_ hash: Digest16) -> Int32 {
        if let id = bodyIDs[hash] { return id }
        let id = Int32(bodies.count)
        bodies.append(hash)
        bodyIDs[hash] = id
        return id
    }

    /// The candidate's function, parsed again from its file; nil for candidates from records.
    public func function(at index: Int) -> CandidateFunction? {
        if let kept = keptFunctions[index] { return kept }
        let row = rows[index]
        guard row.offset >= 0 else { return nil }
        let source = sources[Int(row.source)]
        let range = Int(row.offset)..<Int(row.offset) + Int(row.length)
        let parsed = source.bytes[range].withUnsafeBufferPointer {
            CandidateParser.parse(utf8: $0, path: source.path)
        }
        guard let function = parsed.functions.first else { return nil }
        return function.movedDown(by: Int(row.line) - function.line)
    }

    /// Where the table stands, to go back to it (``rollBack(to:)``).
    struct Mark {
        let rows: Int
        let bodies: Int
        let diagnostics: Int
        let unreadable: Int
    }

    /// Closes `file`'s candidates, from `first` to the last added, with what its reader found.
    mutating func endFile(
        _ file: CandidateSource.File, from first: Int, diagnostics: [CandidateDiagnostic], unreadable: Int
    ) {
        self.diagnostics += diagnostics
        unreadableFunctions += unreadable
        files.append((file, first..<count, diagnostics, unreadable))
    }

    var mark: Mark {
        Mark(rows: rows.count, bodies: bodies.count, diagnostics: diagnostics.count, unreadable: unreadableFunctions)
    }

    /// Forgets every candidate, body and diagnostic added since `mark`.
    mutating func rollBack(to mark: Mark) {
        for index in mark.rows..<rows.count {
            keptFunctions[index] = nil
            let row = rows[index]
            if row.body >= 0 { keptPairs.remove(UInt64(UInt32(bitPattern: row.task)) << 32 | UInt64(row.body)) }
        }
        rows.removeLast(rows.count - mark.rows)
        names.truncate(to: mark.rows)
        for hash in bodies[mark.bodies...] { bodyIDs[hash] = nil }
        bodies.removeLast(bodies.count - mark.bodies)
        diagnostics.removeLast(diagnostics.count - mark.diagnostics)
        unreadableFunctions = mark.unreadable
    }
}

/// Which names a file has defined so far and where, without a String per name.
struct FunctionNames {
    private var arena = TextArena()
    private var lines: [Int32] = []
    private var byHash: [Int: Int32] = [:]
    private var others: [String: Int32] = [:]

    /// The line where `name` was first defined, if it was; otherwise records it at `line`.
    mutating func firstLine(of name: String, recordingAt line: Int) -> Int? {
        let hash = name.hashValue
        if let entry = byHash[hash] {
            if arena[Int(entry)] == name { return Int(lines[Int(entry)]) }
            if let other = others[name] { return Int(other) }
            others[name] = Int32(line)
            return nil
        }
        byHash[hash] = Int32(lines.count)
        arena.append(name)
        lines.append(Int32(line))
        return nil
    }
}

/// A value per pair (a, b) of indices with b below a known bound: the first pair of each b in an
/// array slot, the few other pairs (the same body on another task, say) in a dictionary. Most
/// lookups then touch one array slot, not a hash table of a million entries.
struct PairMap {
    private var firstA: [Int32]
    private var firstValue: [Int32]
    private var others: [UInt64: Int32] = [:]

    init(bCount: Int) {
        firstA = [Int32](repeating: Int32.min, count: bCount)
        firstValue = [Int32](repeating: 0, count: bCount)
    }

    /// The value of (a, b), set to `value` when the pair is new; and whether it was new.
    mutating func value(_ a: Int32, _ b: Int32, orInsert value: Int32) -> (value: Int32, inserted: Bool) {
        let slot = Int(b)
        if firstA[slot] == Int32.min {
            firstA[slot] = a
            firstValue[slot] = value
            return (value, true)
        }
        if firstA[slot] == a { return (firstValue[slot], false) }
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        if let existing = others[key] { return (existing, false) }
        others[key] = value
        return (value, true)
    }
}
