import BattCache
import BattLanguage
import Foundation

// MARK: Records of known files (direct mode)

extension CandidateSource {
    /// The records of the files a run just parsed, ready to store: one line per function
    /// (`F`, line, name, task, body hash, solver md5, problem) and per diagnostic (`D`, line,
    /// column, function, is-error, message), fields separated by tabs, the count of functions
    /// that could not be read (`U`) and the count of parts (`P`). `solver` gives each
    /// candidate's solver md5, if it has one.
    /// How many functions one part of a record holds.
    static let recordPartFunctions = 16_384

    /// Each in parts: the first holds the `U`, `P` and `D` lines, each further one the `F` lines
    /// of up to ``recordPartFunctions`` functions.
    public static func recordParts(of table: CandidateTable, solver: (Int) -> String?) -> [CandidateFileKey: [String]] {
        var records: [CandidateFileKey: [String]] = [:]
        for entry in table.files {
            var text: [UInt8] = []
            func append(_ fields: [String]) {
                for (k, value) in fields.enumerated() {
                    if k > 0 { text.append(0x09) }
                    appendField(value, to: &text)
                }
            }
            var parts: [String] = [""]
            for index in entry.candidates {
                if (index - entry.candidates.lowerBound) % recordPartFunctions == 0 {
                    if !text.isEmpty { parts.append(String(decoding: text, as: UTF8.self)) }
                    text.removeAll(keepingCapacity: true)
                } else {
                    text.append(0x0A)
                }
                let row = table.rows[index]
                text.append(contentsOf: "F\t\(row.line)\t".utf8)
                appendField(table.names[index], to: &text)
                text.append(0x09)
                appendField(table.tasks[row.task] ?? "", to: &text)
                text.append(0x09)
                if row.body >= 0 { text.append(contentsOf: table.bodies[Int(row.body)].hex.utf8) }
                text.append(0x09)
                appendField(solver(index) ?? "", to: &text)
                text.append(0x09)
                appendField(table.problems[row.problem] ?? "", to: &text)
            }
            if !text.isEmpty { parts.append(String(decoding: text, as: UTF8.self)) }
            // The first part: the count of unreadable functions, how many parts there are (so a
            // lost part is found out), and the diagnostics.
            text.removeAll(keepingCapacity: true)
            text.append(contentsOf: "U\t\(entry.unreadable)\nP\t\(parts.count)".utf8)
            for d in entry.diagnostics {
                text.append(0x0A)
                append(["D", "\(d.line)", "\(d.column)", d.functionName ?? "", d.isError ? "1" : "0", d.message])
            }
            parts[0] = String(decoding: text, as: UTF8.self)
            records[entry.file.key] = parts
        }
        return records
    }

    /// A record field: tabs and line breaks, which never occur in names, hashes or batt's own
    /// messages, become spaces so the record stays one line per entry.
    private static func appendField(_ value: String, to text: inout [UInt8]) {
        for byte in value.utf8 {
            text.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte)
        }
    }

    /// The candidates of files whose records the cache holds, with each body's solver md5 in
    /// ``CandidateTable/recordedSolvers``; nil unless it holds every file's. Candidates of tasks
    /// not in `knownTasks` are marked; with a `shard`, only its tasks' candidates are kept.
    public static func fromRecords(
        _ files: [File], records: [CandidateFileKey: String], knownTasks: Set<String>? = nil, shard: Shard? = nil
    ) -> CandidateTable? {
        fromRecords(files, knownTasks: knownTasks, shard: shard) { key, each in
            guard let text = records[key] else { return false }
            try each(text)
            return true
        }
    }

    /// The candidates of files whose records `read` hands over a part at a time (it returns
    /// whether the record exists); nil unless every file has a record batt wrote.
    public static func fromRecords(
        _ files: [File], knownTasks: Set<String>? = nil, shard: Shard? = nil,
        reading read: (CandidateFileKey, (String) throws -> Void) throws -> Bool
    ) -> CandidateTable? {
        struct NotARecord: Error {}
        var table = CandidateTable()
        table.fromRecords = true
        for file in files {
            if let diagnostic = file.diagnostic {
                table.diagnostics.append(diagnostic)
                if diagnostic.isError { table.unreadableFunctions += 1 }
                continue
            }
            var reader = RecordReader(
                file: file, source: Int32(table.sources.count), knownTasks: knownTasks, shard: shard)
            table.sources.append((file.path, []))
            let first = table.count
            var firstPart = true
            let found = try? read(file.key) { part in
                // Every record batt writes starts with its "U" line: anything else is not one of ours.
                if firstPart, !part.hasPrefix("U\t") { throw NotARecord() }
                firstPart = false
                var part = part
                guard reader.read(&part, into: &table) else { throw NotARecord() }
            }
            // A record in parts says how many; one written before parts is one.
            guard found == true, reader.partsRead == (reader.expectedParts ?? 1) else { return nil }
            table.endFile(file, from: first, diagnostics: reader.diagnostics, unreadable: reader.unreadable)
        }
        if let shard, shard.count > 1 { table.files = [] }
        return table
    }

    /// Reads the lines of one file's record into a table.
    struct RecordReader {
        let file: File
        let source: Int32
        let knownTasks: Set<String>?
        let shard: Shard?
        var diagnostics: [CandidateDiagnostic] = []
        var unreadable = 0
        /// How many parts the record says it has (nil: one, written before parts), and how many
        /// were read.
        var expectedParts: Int?
        var partsRead = 0
        /// The task field of the last function line and what it gave: a file's functions come
        /// task by task, so most lines repeat the line before.
        var lastTask: (field: [UInt8], id: Int32, unknown: Bool, held: Bool)? = nil

        /// Reads one part; false when a line is not one batt writes.
        mutating func read(_ text: inout String, into table: inout CandidateTable) -> Bool {
            partsRead += 1
            return text.withUTF8 { buffer -> Bool in
                guard let base = buffer.baseAddress else { return true }
                /// Where the next `byte` at or after `start` is, before `end`; `end` when none is.
                func find(_ byte: UInt8, from start: Int, before end: Int) -> Int {
                    guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return end }
                    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                // A part is mostly function lines, one per line.
                var lineCount = 1
                var position = find(0x0A, from: 0, before: buffer.count)
                while position < buffer.count {
                    lineCount += 1
                    position = find(0x0A, from: position + 1, before: buffer.count)
                }
                table.reserveRecorded(lineCount)
                var start = 0
                var fields: [Range<Int>] = []
                fields.reserveCapacity(8)
                while start < buffer.count {
                    let end = find(0x0A, from: start, before: buffer.count)
                    fields.removeAll(keepingCapacity: true)
                    var fieldStart = start
                    var tab = find(0x09, from: start, before: end)
                    while tab < end {
                        fields.append(fieldStart..<tab)
                        fieldStart = tab + 1
                        tab = find(0x09, from: fieldStart, before: end)
                    }
                    fields.append(fieldStart..<end)
                    start = end + 1
                    guard readLine(buffer, fields, into: &table) else { return false }
                }
                return true
            }
        }

        private mutating func readLine(
            _ buffer: UnsafeBufferPointer<UInt8>, _ fields: [Range<Int>], into table: inout CandidateTable
        ) -> Bool {
            func bytes(_ k: Int) -> Slice<UnsafeBufferPointer<UInt8>> { buffer[fields[k]] }
            func string(_ k: Int) -> String { String(decoding: buffer[fields[k]], as: UTF8.self) }
            func number(_ k: Int) -> Int? {
                let field = buffer[fields[k]]
                guard !field.isEmpty, field.count <= 18 else { return nil }
                var value = 0
                var negative = false
                for (position, byte) in field.enumerated() {
                    if position == 0 && byte == UInt8(ascii: "-") && field.count > 1 {
                        negative = true
                        continue
                    }
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return negative ? -value : value
            }
            guard fields[0].count == 1 else { return false }
            switch buffer[fields[0].lowerBound] {
            case UInt8(ascii: "U"):
                guard fields.count == 2, let count = number(1) else { return false }
                unreadable = count
            case UInt8(ascii: "P"):
                guard fields.count == 2, let count = number(1), count >= 1, expectedParts == nil else { return false }
                expectedParts = count
            case UInt8(ascii: "F"):
                guard fields.count == 7, let line = number(1), let line32 = Int32(exactly: line) else { return false }
                var bodyID: Int32 = -1
                if !bytes(4).isEmpty {
                    guard let digest = Digest16(hexBytes: bytes(4)) else { return false }
                    bodyID = table.bodyID(digest)
                    if table.recordedSolverOfBody.count < table.bodies.count {
                        table.recordedSolverOfBody.append(-1)
                    }
                    // Every candidate of a body names the same solver: the first one named stands.
                    if !bytes(5).isEmpty, table.recordedSolverOfBody[Int(bodyID)] < 0 {
                        table.recordedSolverOfBody[Int(bodyID)] = table.recordedSolvers.id(string(5))
                    }
                }
                let (task, unknownTask, held) = task(of: bytes(3), into: &table)
                guard held else { return true }
                let problem = bytes(6).isEmpty ? -1 : table.problems.id(string(6))
                table.rows.append(
                    CandidateRow(
                        line: line32, source: source, task: task, problem: problem, body: bodyID, offset: -1,
                        length: 0, unknownTask: unknownTask))
                table.names.append(bytes: bytes(2))
            case UInt8(ascii: "D"):
                guard fields.count == 6, let line = number(1), let column = number(2) else { return false }
                diagnostics.append(
                    CandidateDiagnostic(
                        path: file.path, line: line, column: column, functionName: bytes(3).isEmpty ? nil : string(3),
                        message: string(5), isError: bytes(4).elementsEqual("1".utf8)))
            default:
                return false
            }
            return true
        }

        /// The interned task of a function line's task field (-1: none), whether the run knows
        /// no such task, and whether the shard holds it.
        private mutating func task(
            of field: Slice<UnsafeBufferPointer<UInt8>>, into table: inout CandidateTable
        ) -> (id: Int32, unknown: Bool, held: Bool) {
            if let lastTask, lastTask.field.elementsEqual(field) {
                return (lastTask.id, lastTask.unknown, lastTask.held)
            }
            let taskID = field.isEmpty ? nil : String(decoding: field, as: UTF8.self)
            var task: Int32 = -1
            var unknown = false
            let held = shard.map { $0.holds(taskID: taskID) } ?? true
            if held, let taskID {
                task = table.tasks.id(taskID)
                unknown = knownTasks.map { !$0.contains(taskID) } ?? false
            }
            lastTask = (Array(field), task, unknown, held)
            return (task, unknown, held)
        }
    }
}
