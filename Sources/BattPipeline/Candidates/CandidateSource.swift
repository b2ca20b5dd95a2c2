import BattCache
import BattDSL
import BattLanguage
import Foundation

/// One candidate solver as read from the candidate files, with the task it is for.
public struct Candidate: Sendable {
    public let name: String
    public let path: String
    public let line: Int
    /// The parsed function; nil when the candidate came from a known file's record (direct mode).
    public let function: CandidateFunction?
    /// The task: from the function name, else a `solve_<task>` folder, else `--task`.
    public let taskID: String?
    /// Why the candidate cannot run, if it cannot (undefined name, duplicate, no task...), as far
    /// as its file alone tells.
    public var problem: String?
    /// Set when the candidate's task is not in the task set of this run.
    public var unknownTask = false
    /// The md5 of the body's normal form, once known.
    public var bodyHash: String?

    init(function: CandidateFunction, taskID: String?) {
        (name, path, line, self.function, self.taskID) = (function.name, function.path, function.line, function, taskID)
    }

    init(name: String, path: String, line: Int, taskID: String?, problem: String?, bodyHash: String?) {
        (self.name, self.path, self.line, function, self.taskID) = (name, path, line, nil, taskID)
        (self.problem, self.bodyHash) = (problem, bodyHash)
    }

    /// Why the candidate cannot run in this run, if it cannot.
    public var reasonItCannotRun: String? {
        problem ?? (unknownTask ? "task '\(taskID ?? "")' is not in the task set" : nil)
    }
}

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
        public let bytes: [UInt8]
        public let key: CandidateFileKey
        /// Why the file (or folder) at `path` could not be read, so it gave no candidates; it
        /// counts as one unreadable function.
        public var unreadable: String?
        /// A folder not walked again (a link loop), worth a note but no error.
        public var note: String?

        /// Whether the file was read and its bytes stand for it.
        public var isRead: Bool { unreadable == nil && note == nil }

        init(path: String, bytes: [UInt8], key: CandidateFileKey) {
            (self.path, self.bytes, self.key) = (path, bytes, key)
        }

        /// An entry of the tree that holds no readable candidates.
        init(path: String, unreadable: String?, note: String?) {
            (self.path, bytes, self.unreadable, self.note) = (path, [], unreadable, note)
            key = CandidateFileKey(
                fileDigest: MD5Hex.digest(of: Array(("unread:" + path).utf8)), context: "", languageVersion: "")
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
                path: path, bytes: bytes,
                key: CandidateFileKey(
                    fileDigest: key.fileDigest, context: key.context, languageVersion: languageVersion))
            copy.unreadable = unreadable
            copy.note = note
            return copy
        }
    }

    public struct Loaded: Sendable {
        public var candidates: [Candidate]
        public var diagnostics: [CandidateDiagnostic]
        /// Functions that could not be read at all (syntax errors).
        public var unreadableFunctions: Int
        /// Each file with the range of `candidates` it holds, to record what it held.
        public var files: [(file: File, candidates: Range<Int>, diagnostics: [CandidateDiagnostic], unreadable: Int)]
        /// Whether the candidates came from the records of known files rather than a parse.
        public var fromRecords: Bool
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
                let bytes: [UInt8]
                switch CandidateTree.contents(of: file) {
                case .success(let read): bytes = read
                case .failure(let error):
                    return File(
                        path: file, unreadable: "cannot read the file: \(error.reason); its candidates are left out",
                        note: nil)
                }
                let context = "folder=\(taskID(inFolderOf: file) ?? "")|task=\(defaultTaskID ?? "")"
                return File(
                    path: file, bytes: bytes,
                    key: CandidateFileKey(
                        fileDigest: MD5Hex.digest(of: bytes), context: context, languageVersion: languageVersion))
            }
        }
    }

    /// Parses every candidate file and settles each function's task.
    public static func load(path: String, defaultTaskID: String?) throws -> Loaded {
        parse(try read(path: path, defaultTaskID: defaultTaskID), defaultTaskID: defaultTaskID)
    }

    /// Parses files and settles each function's task.
    public static func parse(_ files: [File], defaultTaskID: String?) -> Loaded {
        var loaded = Loaded(candidates: [], diagnostics: [], unreadableFunctions: 0, files: [], fromRecords: false)
        for file in files {
            if let diagnostic = file.diagnostic {
                loaded.diagnostics.append(diagnostic)
                if diagnostic.isError { loaded.unreadableFunctions += 1 }
                continue
            }
            let parsed = parse(file.bytes, path: file.path)
            let first = loaded.candidates.count
            var fileDiagnostics: [CandidateDiagnostic] = []
            var unreadable = 0
            // A duplicate name is reported with the candidate it makes unusable, below.
            for diagnostic in parsed.diagnostics where diagnostic.kind != .duplicateFunction {
                fileDiagnostics.append(
                    CandidateDiagnostic(
                        path: diagnostic.path, line: diagnostic.line, column: diagnostic.column,
                        functionName: diagnostic.functionName, message: diagnostic.message,
                        isError: diagnostic.severity == .error))
                // Each error the parser reports costs its function (a syntax error, or an integer
                // literal too large for 64 bits): that function could not be read.
                if diagnostic.severity == .error && [.syntax, .integerOutOfRange].contains(diagnostic.kind) {
                    unreadable += 1
                }
            }
            let folderTask = taskID(inFolderOf: file.path)
            var seenNames: [String: Int] = [:]
            for function in parsed.functions {
                let taskID = function.taskID ?? folderTask ?? defaultTaskID
                var candidate = Candidate(function: function, taskID: taskID)
                if let firstLine = seenNames[function.name] {
                    candidate.problem =
                        "duplicate function name '\(function.name)' (first defined at line \(firstLine))"
                } else if taskID == nil {
                    candidate.problem =
                        "no task for '\(function.name)': name it solve_<task>, put it in a solve_<task>/ folder, or pass --task"
                }
                seenNames[function.name] = seenNames[function.name] ?? function.line
                loaded.candidates.append(candidate)
            }
            loaded.diagnostics += fileDiagnostics
            loaded.unreadableFunctions += unreadable
            loaded.files.append((file, first..<loaded.candidates.count, fileDiagnostics, unreadable))
        }
        return loaded
    }

    /// Marks candidates whose task is not in the task set.
    public static func markUnknownTasks(_ loaded: inout Loaded, knownTasks: Set<String>) {
        for index in loaded.candidates.indices {
            if let taskID = loaded.candidates[index].taskID, !knownTasks.contains(taskID) {
                loaded.candidates[index].unknownTask = true
            }
        }
    }

    // MARK: Records of known files (direct mode)

    /// The records of the files a run just parsed, ready to store: one line per function
    /// (`F`, line, name, task, body hash, solver md5, problem) and per diagnostic (`D`, line,
    /// column, function, is-error, message), fields separated by tabs, and the count of functions
    /// that could not be read (`U`).
    public static func records(of loaded: Loaded, solvers: [String?]) -> [CandidateFileKey: String] {
        var records: [CandidateFileKey: String] = [:]
        for entry in loaded.files {
            var lines = ["U\t\(entry.unreadable)"]
            for index in entry.candidates {
                let c = loaded.candidates[index]
                lines.append(
                    [
                        "F", "\(c.line)", c.name, c.taskID ?? "", c.bodyHash ?? "", solvers[index] ?? "",
                        c.problem ?? "",
                    ].map(field).joined(separator: "\t"))
            }
            for d in entry.diagnostics {
                lines.append(
                    ["D", "\(d.line)", "\(d.column)", d.functionName ?? "", d.isError ? "1" : "0", d.message]
                        .map(field).joined(separator: "\t"))
            }
            records[entry.file.key] = lines.joined(separator: "\n")
        }
        return records
    }

    /// A record field: tabs and line breaks, which never occur in names, hashes or batt's own
    /// messages, become spaces so the record stays one line per entry.
    private static func field(_ text: String) -> String {
        text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" })
            ? String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : text
    }

    /// The candidates of files whose records the cache holds, with each body's solver md5;
    /// nil unless it holds every file's.
    public static func fromRecords(_ files: [File], records: [CandidateFileKey: String]) -> (Loaded, [String: String])?
    {
        var loaded = Loaded(candidates: [], diagnostics: [], unreadableFunctions: 0, files: [], fromRecords: true)
        var solverOfBody: [String: String] = [:]
        for file in files {
            if let diagnostic = file.diagnostic {
                loaded.diagnostics.append(diagnostic)
                if diagnostic.isError { loaded.unreadableFunctions += 1 }
                continue
            }
            // Every record batt writes starts with its "U" line: anything else is not one of ours.
            guard let text = records[file.key], text.hasPrefix("U\t") else { return nil }
            let first = loaded.candidates.count
            var diagnostics: [CandidateDiagnostic] = []
            var unreadable = 0
            // Fields are cut from the UTF-8 bytes: records hold thousands of lines.
            var bytes = text.utf8[...]
            while !bytes.isEmpty {
                let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
                let f = bytes[bytes.startIndex..<end].split(separator: 0x09, omittingEmptySubsequences: false)
                    .map { String(decoding: $0, as: UTF8.self) }
                bytes = end == bytes.endIndex ? bytes[end...] : bytes[bytes.index(after: end)...]
                switch f.first {
                case "U"?:
                    guard f.count == 2, let count = Int(f[1]) else { return nil }
                    unreadable = count
                case "F"?:
                    guard f.count == 7, let number = Int(f[1]) else { return nil }
                    let body = f[4].isEmpty ? nil : f[4]
                    if let body, !f[5].isEmpty { solverOfBody[body] = f[5] }
                    loaded.candidates.append(
                        Candidate(
                            name: f[2], path: file.path, line: number, taskID: f[3].isEmpty ? nil : f[3],
                            problem: f[6].isEmpty ? nil : f[6], bodyHash: body))
                case "D"?:
                    guard f.count == 6, let number = Int(f[1]), let column = Int(f[2]) else { return nil }
                    diagnostics.append(
                        CandidateDiagnostic(
                            path: file.path, line: number, column: column, functionName: f[3].isEmpty ? nil : f[3],
                            message: f[5], isError: f[4] == "1"))
                default:
                    return nil
                }
            }
            loaded.diagnostics += diagnostics
            loaded.unreadableFunctions += unreadable
            loaded.files.append((file, first..<loaded.candidates.count, diagnostics, unreadable))
        }
        return (loaded, solverOfBody)
    }

    /// Files at least this large are parsed in pieces, one per core.
    static let parallelParseThreshold = 256 * 1024

    /// Parses a file; a large one in pieces cut before top-level `def` lines, parsed at once.
    ///
    /// A cut could in principle fall inside a string literal; any syntax error in a piece
    /// therefore makes the whole file be parsed again in one go, so diagnostics are always exact.
    static func parse(_ bytes: [UInt8], path: String) -> ParsedSource {
        let cuts = pieceStarts(bytes, pieces: 2)
        guard bytes.count >= parallelParseThreshold, cuts.count > 1 else {
            return bytes.withUnsafeBufferPointer { CandidateParser.parse(utf8: $0, path: path) }
        }
        let ranges = zip(cuts, cuts.dropFirst() + [bytes.count]).map { $0..<$1 }
        let pieces = ParallelLoop.map(ranges, chunkSize: 1) { range in
            bytes[range].withUnsafeBufferPointer { CandidateParser.parse(utf8: $0, path: path) }
        }
        if pieces.contains(where: \.hasErrors) {
            return bytes.withUnsafeBufferPointer { CandidateParser.parse(utf8: $0, path: path) }
        }
        var whole = pieces[0]
        var lineOffset = bytes[ranges[0]].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        for (piece, range) in zip(pieces.dropFirst(), ranges.dropFirst()) {
            whole.functions += piece.functions.map { $0.movedDown(by: lineOffset) }
            whole.diagnostics += piece.diagnostics.map {
                var d = $0
                d.line += lineOffset
                return d
            }
            lineOffset += bytes[range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        return whole
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
                    starts.append(i + 1)
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
