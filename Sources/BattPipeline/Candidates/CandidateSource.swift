import BattDSL
import BattLanguage
import Foundation

/// One candidate solver as read from the candidate files, with the task it is for.
public struct Candidate: Sendable {
    public let function: CandidateFunction
    /// The task: from the function name, else a `solve_<task>` folder, else `--task`.
    public let taskID: String?
    /// Why the candidate cannot run, if it cannot (undefined name, unknown task, duplicate...).
    public var problem: String?

    public var path: String { function.path }
    public var line: Int { function.line }
    public var name: String { function.name }
}

/// A candidate file's problem that no function can be blamed for, or a function that did not parse.
public struct CandidateDiagnostic: Sendable, CustomStringConvertible {
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
    public struct Loaded: Sendable {
        public var candidates: [Candidate]
        public var diagnostics: [CandidateDiagnostic]
        /// Functions that could not be read at all (syntax errors).
        public var unreadableFunctions: Int
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

    /// The `.py` files under `path`, sorted, or `path` itself when it is a file.
    public static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw LoadError.notFound(path) }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw LoadError.unreadable(path, "the folder cannot be listed")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".py") { files.append((path as NSString).appendingPathComponent(relative)) }
        }
        guard !files.isEmpty else { throw LoadError.noPythonFiles(path) }
        return files.sorted()
    }

    /// Parses every candidate file and settles each function's task; `knownTasks` nil leaves the
    /// check that each task exists to the caller (`markUnknownTasks`).
    public static func load(path: String, defaultTaskID: String?, knownTasks: Set<String>? = nil) throws -> Loaded {
        var loaded = Loaded(candidates: [], diagnostics: [], unreadableFunctions: 0)
        for file in try files(at: path) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LoadError.unreadable(file, "permission denied or not a regular file")
            }
            let parsed = parse(data, path: file)
            // A duplicate name is reported with the candidate it makes unusable, below.
            for diagnostic in parsed.diagnostics where diagnostic.kind != .duplicateFunction {
                loaded.diagnostics.append(CandidateDiagnostic(
                    path: diagnostic.path, line: diagnostic.line, column: diagnostic.column,
                    functionName: diagnostic.functionName, message: diagnostic.message,
                    isError: diagnostic.severity == .error))
                if diagnostic.kind == .syntax && diagnostic.severity == .error { loaded.unreadableFunctions += 1 }
            }
            let folderTask = taskID(inFolderOf: file)
            var seenNames: [String: Int] = [:]
            for function in parsed.functions {
                let taskID = function.taskID ?? folderTask ?? defaultTaskID
                var candidate = Candidate(function: function, taskID: taskID, problem: nil)
                if let firstLine = seenNames[function.name] {
                    candidate.problem = "duplicate function name '\(function.name)' (first defined at line \(firstLine))"
                } else if taskID == nil {
                    candidate.problem = "no task for '\(function.name)': name it solve_<task>, put it in a solve_<task>/ folder, or pass --task"
                } else if let taskID, let knownTasks, !knownTasks.contains(taskID) {
                    candidate.problem = "task '\(taskID)' is not in the task set"
                }
                seenNames[function.name] = seenNames[function.name] ?? function.line
                loaded.candidates.append(candidate)
            }
        }
        return loaded
    }

    /// Marks candidates whose task is not in the task set.
    public static func markUnknownTasks(_ loaded: inout Loaded, knownTasks: Set<String>) {
        for index in loaded.candidates.indices where loaded.candidates[index].problem == nil {
            if let taskID = loaded.candidates[index].taskID, !knownTasks.contains(taskID) {
                loaded.candidates[index].problem = "task '\(taskID)' is not in the task set"
            }
        }
    }

    /// Files at least this large are parsed in pieces, one per core.
    static let parallelParseThreshold = 256 * 1024

    /// Parses a file; a large one in pieces cut before top-level `def` lines, parsed at once.
    ///
    /// A cut could in principle fall inside a string literal; any syntax error in a piece
    /// therefore makes the whole file be parsed again in one go, so diagnostics are always exact.
    static func parse(_ data: Data, path: String) -> ParsedSource {
        let bytes = [UInt8](data)
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
            whole.diagnostics += piece.diagnostics.map { var d = $0; d.line += lineOffset; return d }
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
                    && bytes[i + 3] == prefix[3] && bytes[i + 4] == prefix[4] {
                    starts.append(i + 1)
                    break
                }
                i += 1
            }
        }
        return starts
    }

    /// The names a function reads that it cannot resolve, as one message; nil when all resolve.
    public static func unresolvedNames(in function: CandidateFunction) -> String? {
        let problems = CandidateChecker.check(function, knownNames: Primitives.knownNames)
            .filter { $0.severity == .error }
        guard let first = problems.first else { return nil }
        return first.message + (problems.count > 1 ? " (and \(problems.count - 1) more)" : "")
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
