import BattCache
import BattDSL
import BattLanguage
import Foundation

/// A candidate file's problem that no function can be blamed for, or a function that did not parse.
public struct CandidateDiagnostic: Sendable, Codable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let functionName: String?
    public let message: String
    public let isError: Bool

    public var description: String {
        let function = functionName.map { " in \($0)" } ?? ""
        return "\(path):\(line):\(column):\(function) \(message)"
    }
}

/// Reads candidate solvers from a Python file or a folder tree of `.py` files.
public enum CandidateSource {
    /// One candidate file's bytes and what identifies its contents.
    public struct File: Sendable {
        public let path: String
        public let key: CandidateFileKey
        /// Why the file (or folder) at `path` could not be read, so it gave no candidates; it
        /// counts as one unreadable function.
        public var unreadable: String?
        /// A folder not walked again (a link loop), worth a note but no error.
        public var note: String?

        /// Whether the file was read and its bytes stand for it.
        public var isRead: Bool { unreadable == nil && note == nil }

        init(path: String, key: CandidateFileKey) {
            (self.path, self.key) = (path, key)
        }

        /// The file's bytes, read again (they are not kept: a run that knows the file by its
        /// digest never needs them); empty when it is no longer readable.
        public var bytes: [UInt8] {
            guard isRead, case .success(let bytes) = CandidateTree.contents(of: path) else { return [] }
            return bytes
        }

        /// An entry of the tree that holds no readable candidates.
        init(path: String, unreadable: String?, note: String?) {
            (self.path, self.unreadable, self.note) = (path, unreadable, note)
            key = CandidateFileKey(
                fileDigest: FileDigest.hex(of: Array(("unread:" + path).utf8)), context: "", languageVersion: "")
        }

        /// The diagnostic an entry that was not read gives.
        var diagnostic: CandidateDiagnostic? {
            if let unreadable {
                return CandidateDiagnostic(
                    path: path, line: 1, column: 1, functionName: nil, message: unreadable, isError: true)
            }
            if let note {
                return CandidateDiagnostic(
                    path: path, line: 1, column: 1, functionName: nil, message: note, isError: false)
            }
            return nil
        }

        /// The same file, its record depending on `languageVersion` (the evaluator's names).
        func keyed(languageVersion: String) -> File {
            var copy = File(
                path: path,
                key: CandidateFileKey(
                    fileDigest: key.fileDigest, context: key.context, languageVersion: languageVersion))
            copy.unreadable = unreadable
            copy.note = note
            return copy
        }
    }

    public enum LoadError: Error, CustomStringConvertible {
        case notFound(String)
        case noPythonFiles(String)
        case unreadable(String, String)

        public var description: String {
            switch self {
            case .notFound(let path):
                return "no candidates at '\(path)': pass --candidates with a .py file or a folder of .py files"
            case .noPythonFiles(let path):
                return "the folder '\(path)' holds no .py files: pass --candidates with a .py file or a folder of them"
            case .unreadable(let path, let reason):
                return "cannot read candidates from '\(path)': \(reason)"
            }
        }
    }

    /// Names what a file record depends on besides the file's bytes: the parser, normal form and
    /// inliner, and the runtime whose names the checker resolves.
    public static let languageVersion = Inliner.version + "/" + SolverVersion.runtime

    /// The `.py` files under `path` (links followed), sorted, or `path` itself when it is a file;
    /// with the entries that cannot be read.
    static func entries(at path: String) throws -> [CandidateTree.Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError.notFound(path)
        }
        guard isDirectory.boolValue else { return [.file(path)] }
        let entries = CandidateTree.walk(path)
        guard entries.contains(where: { if case .skipped = $0 { return false } else { return true } }) else {
            throw LoadError.noPythonFiles(path)
        }
        return entries
    }

    /// The `.py` files under `path`, sorted, or `path` itself when it is a file.
    public static func files(at path: String) throws -> [String] {
        try entries(at: path).compactMap { if case .file(let file) = $0 { return file } else { return nil } }
    }

    /// Reads every candidate file and digests its bytes. A file or sub-folder that cannot be read
    /// is an entry of its own (see ``File/unreadable``) and the others are still read.
    public static func read(path: String, defaultTaskID: String?) throws -> [File] {
        try entries(at: path).map { entry in
            switch entry {
            case .unreadable(let path, let reason):
                return File(path: path, unreadable: reason, note: nil)
            case .skipped(let path, let reason):
                return File(path: path, unreadable: nil, note: reason)
            case .file(let file):
                // Digested piece by piece: the bytes are read again only when the file is parsed.
                let digest: String
                switch CandidateTree.digest(of: file) {
                case .success(let read): digest = read
                case .failure(let error):
                    return File(
                        path: file, unreadable: "cannot read the file: \(error.reason); its candidates are left out",
                        note: nil)
                }
                return File(path: file, key: key(of: file, digest: digest, defaultTaskID: defaultTaskID))
            }
        }
    }

    /// What identifies the record of `file` whose bytes have the ``FileDigest`` `digest`.
    static func key(of file: String, digest: String, defaultTaskID: String?) -> CandidateFileKey {
        let context = "folder=\(taskID(inFolderOf: file) ?? "")|task=\(defaultTaskID ?? "")"
        return CandidateFileKey(fileDigest: digest, context: context, languageVersion: languageVersion)
    }

    /// Parses every candidate file and settles each function's task.
    public static func load(path: String, defaultTaskID: String?) throws -> CandidateTable {
        var timing = ParseTiming()
        return parse(try read(path: path, defaultTaskID: defaultTaskID), defaultTaskID: defaultTaskID, timing: &timing)
    }

    /// About how many bytes of a candidate file are parsed at once: a file is parsed a piece at a
    /// time, as many pieces at once as there are cores, and only the pieces in hand have syntax
    /// trees.
    public static let pieceBytes = 1 << 20

    /// How long parsing took, and checking names and hashing bodies.
    public struct ParseTiming: Sendable {
        public var parseSeconds = 0.0
        public var hashSeconds = 0.0
        public init() {}
    }

    /// Parses files a piece at a time into a table of candidates: settles each function's task,
    /// marks duplicate names, candidates without a task and candidates of tasks not in
    /// `knownTasks`, checks the names of the others with `check` and hashes their bodies. With a
    /// `shard`, only the candidates of its tasks are kept (and the files are not recordable).
    ///
    /// Pieces are cut before top-level `def` lines. A cut could in principle fall inside a string
    /// literal: a syntax error in any piece makes the whole file be parsed again in one go, so
    /// diagnostics are always those of one parse of the whole file.
    public static func parse(
        _ files: [File], defaultTaskID: String?, knownTasks: Set<String>? = nil, shard: Shard? = nil,
        check: @escaping @Sendable (CandidateFunction) -> String? = { unresolvedNames(in: $0) },
        pieceBytes: Int = CandidateSource.pieceBytes, keepingTrees treeLimit: Int = CandidateTable.keptTreeLimit,
        timing: inout ParseTiming
    ) -> CandidateTable {
        var table = CandidateTable()
        table.keptTreeLimit = treeLimit
        for file in files {
            if let diagnostic = file.diagnostic {
                table.diagnostics.append(diagnostic)
                if diagnostic.isError { table.unreadableFunctions += 1 }
                continue
            }
            let bytes: [UInt8]
            switch CandidateTree.contents(of: file.path) {
            case .success(let read): bytes = read
            case .failure(let error):
                table.diagnostics.append(
                    CandidateDiagnostic(
                        path: file.path, line: 1, column: 1, functionName: nil,
                        message: "cannot read the file: \(error.reason); its candidates are left out", isError: true))
                table.unreadableFunctions += 1
                continue
            }
            // The record describes the bytes parsed, should the file have changed since it was digested.
            let digest = FileDigest.hex(of: bytes)
            var parsedFile = file
            if digest != file.key.fileDigest {
                parsedFile = File(
                    path: file.path,
                    key: CandidateFileKey(
                        fileDigest: digest, context: file.key.context, languageVersion: file.key.languageVersion))
            }
            var reader = FileReader(
                source: Int32(table.sources.count), path: file.path, folderTask: taskID(inFolderOf: file.path),
                defaultTaskID: defaultTaskID, knownTasks: knownTasks, shard: shard, check: check)
            table.sources.append((file.path, bytes))
            let mark = table.mark
            let first = table.count
            if !reader.readInPieces(bytes, pieceBytes: pieceBytes, into: &table, timing: &timing) {
                table.rollBack(to: mark)
                reader.startOver()
                let started = Date()
                let whole = bytes.withUnsafeBufferPointer { CandidateParser.parse(utf8: $0, path: file.path) }
                timing.parseSeconds += Date().timeIntervalSince(started)
                reader.add(whole, bytes: bytes, range: 0..<bytes.count, lineOffset: 0, into: &table, timing: &timing)
            }
            table.endFile(parsedFile, from: first, diagnostics: reader.diagnostics, unreadable: reader.unreadable)
        }
        if let shard, shard.count > 1 { table.files = [] }
        return table
    }

    /// Reads the functions of one file into a table.
    struct FileReader {
        let source: Int32
        let path: String
        let folderTask: String?
        let defaultTaskID: String?
        let knownTasks: Set<String>?
        let shard: Shard?
        let check: @Sendable (CandidateFunction) -> String?
        var names = FunctionNames()
        var diagnostics: [CandidateDiagnostic] = []
        var unreadable = 0

        mutating func startOver() {
            names = FunctionNames()
            diagnostics = []
            unreadable = 0
        }

        /// Parses `bytes` a few pieces at a time; false when a piece had a syntax error.
        mutating func readInPieces(
            _ bytes: [UInt8], pieceBytes: Int, into table: inout CandidateTable, timing: inout ParseTiming
        ) -> Bool {
            let starts = pieceStarts(bytes, every: pieceBytes)
            let ranges = zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
            let atOnce = max(1, ProcessInfo.processInfo.activeProcessorCount)
            var lineOffset = 0
            var next = 0
            while next < ranges.count {
                let batch = Array(ranges[next..<min(next + atOnce, ranges.count)])
                next += batch.count
                let path = self.path
                let started = Date()
                let pieces = ParallelLoop.map(batch, chunkSize: 1) { range in
                    bytes[range].withUnsafeBufferPointer { CandidateParser.parse(utf8: $0, path: path) }
                }
                timing.parseSeconds += Date().timeIntervalSince(started)
                if pieces.contains(where: \.hasErrors) { return false }
                for (piece, range) in zip(pieces, batch) {
                    lineOffset += add(
                        piece, bytes: bytes, range: range, lineOffset: lineOffset, into: &table, timing: &timing)
                }
            }
            return true
        }

        /// Adds the functions and diagnostics of one parsed piece, `range` of the file, whose
        /// first line is line `lineOffset + 1` of the file. - Returns: the lines the piece spans.
        @discardableResult
        mutating func add(
            _ piece: ParsedSource, bytes: [UInt8], range: Range<Int>, lineOffset: Int,
            into table: inout CandidateTable, timing: inout ParseTiming
        ) -> Int {
            // A duplicate name is reported with the candidate it makes unusable, below.
            for diagnostic in piece.diagnostics where diagnostic.kind != .duplicateFunction {
                diagnostics.append(
                    CandidateDiagnostic(
                        path: diagnostic.path, line: diagnostic.line + lineOffset, column: diagnostic.column,
                        functionName: diagnostic.functionName, message: diagnostic.message,
                        isError: diagnostic.severity == .error))
                // Each error the parser reports costs its function (a syntax error, or an integer
                // literal too large for 64 bits): that function could not be read.
                if diagnostic.severity == .error && [.syntax, .integerOutOfRange].contains(diagnostic.kind) {
                    unreadable += 1
                }
            }
            let (starts, lines) = lineStarts(piece.functions.map(\.line), in: bytes, range: range)
            struct Pending {
                var function: CandidateFunction
                var taskID: String?
                var problem: String?
                var offset: Int
                var length: Int
            }
            var pending: [Pending] = []
            pending.reserveCapacity(piece.functions.count)
            for (k, function) in piece.functions.enumerated() {
                let function = lineOffset == 0 ? function : function.movedDown(by: lineOffset)
                let taskID = function.taskID ?? folderTask ?? defaultTaskID
                var problem: String?
                if let firstLine = names.firstLine(of: function.name, recordingAt: function.line) {
                    problem = "duplicate function name '\(function.name)' (first defined at line \(firstLine))"
                } else if taskID == nil {
                    problem =
                        "no task for '\(function.name)': name it solve_<task>, put it in a solve_<task>/ folder, or pass --task"
                }
                // A shard keeps only its tasks' candidates (each still counts for duplicate names).
                if let shard, !shard.holds(taskID: taskID) { continue }
                let end = k + 1 < starts.count ? starts[k + 1] : range.upperBound
                // A `def` not at the start of its line could not be parsed again on its own: keep it.
                if starts[k] >= bytes.count || bytes[starts[k]] != UInt8(ascii: "d") {
                    pending.append(
                        Pending(function: function, taskID: taskID, problem: problem, offset: -1, length: 0))
                    continue
                }
                pending.append(
                    Pending(
                        function: function, taskID: taskID, problem: problem, offset: starts[k],
                        length: end - starts[k]))
            }
            let started = Date()
            let check = self.check
            let checked = ParallelLoop.map(pending, chunkSize: 64) { item -> (problem: String?, body: Digest16?) in
                guard item.problem == nil else { return (item.problem, nil) }
                if let problem = check(item.function) { return (problem, nil) }
                return (nil, Digest16(hex: item.function.bodyHash))
            }
            timing.hashSeconds += Date().timeIntervalSince(started)
            for (item, outcome) in zip(pending, checked) {
                var task: Int32 = -1
                var unknownTask = false
                if let taskID = item.taskID {
                    task = table.tasks.id(taskID)
                    unknownTask = knownTasks.map { !$0.contains(taskID) } ?? false
                }
                var problem: Int32 = -1
                if let message = outcome.problem { problem = table.problems.id(message) }
                var body: Int32 = -1
                if let hash = outcome.body { body = table.bodyID(hash) }
                table.rows.append(
                    CandidateRow(
                        line: Int32(item.function.line), source: source, task: task, problem: problem, body: body,
                        offset: Int32(item.offset), length: Int32(item.length), unknownTask: unknownTask))
                table.names.append(item.function.name)
                if item.offset < 0 {
                    table.keptFunctions[table.count - 1] = item.function
                } else if body >= 0, table.keptPairs.count < table.keptTreeLimit,
                    table.keptPairs.insert(UInt64(UInt32(bitPattern: task)) << 32 | UInt64(body)).inserted
                {
                    table.keptFunctions[table.count - 1] = item.function
                }
            }
            return lines
        }
    }

    /// The offset in `bytes` of the start of each of `lines` (1-based, ascending, counted from
    /// `range`'s start), and how many line breaks `range` holds.
    static func lineStarts(_ lines: [Int], in bytes: [UInt8], range: Range<Int>) -> (starts: [Int], lines: Int) {
        var starts: [Int] = []
        starts.reserveCapacity(lines.count)
        var line = 1
        var wanted = 0
        bytes.withUnsafeBufferPointer { buffer in
            var offset = range.lowerBound
            while wanted < lines.count && lines[wanted] <= line {
                starts.append(offset)
                wanted += 1
            }
            while offset < range.upperBound {
                if buffer[offset] == 0x0A {
                    line += 1
                    while wanted < lines.count && lines[wanted] <= line {
                        starts.append(min(offset + 1, range.upperBound))
                        wanted += 1
                    }
                }
                offset += 1
            }
        }
        while starts.count < lines.count { starts.append(range.upperBound) }
        return (starts, line - 1)
    }

    /// Offsets where the pieces start: 0, then the start of the first line beginning with
    /// `def ` after each further `every` bytes.
    static func pieceStarts(_ bytes: [UInt8], every: Int) -> [Int] {
        pieceStarts(bytes, pieces: max(1, bytes.count / max(1, every)))
    }

    /// Offsets where the pieces start: 0, then the start of the first line beginning with
    /// `def ` after each equal share of the file.
    static func pieceStarts(_ bytes: [UInt8], pieces: Int) -> [Int] {
        var starts = [0]
        let prefix: [UInt8] = Array("\ndef ".utf8)
        for k in 1..<max(1, pieces) {
            var i = max(starts[starts.count - 1], bytes.count * k / pieces)
            while i + prefix.count <= bytes.count {
                if bytes[i] == 0x0A && bytes[i + 1] == prefix[1] && bytes[i + 2] == prefix[2]
                    && bytes[i + 3] == prefix[3] && bytes[i + 4] == prefix[4]
                {
                    if i + 1 > starts[starts.count - 1] { starts.append(i + 1) }
                    break
                }
                i += 1
            }
        }
        return starts
    }

    /// The names a function reads that it cannot resolve, as one message; nil when all resolve.
    public static func unresolvedNames(
        in function: CandidateFunction, scope: NameScope = NameScope(names: Primitives.knownNames, modules: nil)
    ) -> String? {
        let problems = CandidateChecker.check(function, knownNames: scope.names)
            .filter { $0.severity == .error }
        guard let first = problems.first else { return nil }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
        guard let modules = scope.modules else { return first.message + more }
        // A Python DSL: say which modules were searched.
        return "\(first.message) (modules searched: \(modules.joined(separator: ", ")))" + more
    }

    /// The task of a `solve_<task>/` folder somewhere above `file`.
    static func taskID(inFolderOf file: String) -> String? {
        var components = (file as NSString).pathComponents
        components.removeLast()
        for component in components.reversed() {
            if let id = CandidateFunction.taskID(inFunctionName: component) { return id }
        }
        return nil
    }
}

extension CandidateFunction {
    /// The same function, as if it stood `lines` lines further down its file.
    func movedDown(by lines: Int) -> CandidateFunction {
        var moved = self
        moved.line += lines
        moved.returnLine = returnLine.map { $0 + lines }
        moved.statements = statements.map { statement in
            var statement = statement
            statement.line += lines
            return statement
        }
        return moved
    }
}
