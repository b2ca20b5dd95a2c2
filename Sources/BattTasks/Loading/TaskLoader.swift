import Foundation

/// Reads ARC tasks from the layouts people keep them in.
///
/// `load(path:)` accepts
/// - a folder of `<id>.json` task files (`{"train": [...], "test": [...]}`), read in name order;
/// - a Kaggle `arc-agi_<split>_challenges.json`, with test outputs from the
///   `arc-agi_<split>_solutions.json` beside it when there is one (the solutions file's path, or a
///   folder holding exactly one challenges file, work too);
/// - one JSON object of tasks keyed by id, test outputs optional;
/// - a single task file, whose name gives the id.
///
/// A malformed task is left out with a `TaskDiagnostic` and the rest still load; an unreadable
/// or invalid JSON file is a diagnostic too. Only a path that cannot be loaded at all throws.
public enum TaskLoader {
    static let challengesSuffix = "_challenges.json"
    static let solutionsSuffix = "_solutions.json"

    /// Loads every task at `path` (see the type's documentation for the layouts).
    /// - Throws: `TaskLoadError` when nothing exists at `path` or it does not say which tasks to load.
    public static func load(path: String) throws(TaskLoadError) -> TaskSet {
        try read(path: path).load()
    }

    /// Reads the task files at `path` without decoding a folder's files yet (see `TaskFiles`), so
    /// those whose bytes a cache already knows need not be decoded.
    /// - Throws: `TaskLoadError` when nothing exists at `path` or it does not say which tasks to load.
    public static func read(path: String) throws(TaskLoadError) -> TaskFiles {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .notFound(path: path)
        }
        if isFolder.boolValue {
            return try readFolder(path)
        }
        var collector = TaskCollector()
        try loadFile(path, into: &collector)
        return TaskFiles(decoded: collector.taskSet)
    }

    /// Decodes one task from JSON text, as `load(path:)` decodes a task file.
    /// - Throws: the `TaskDiagnostic` saying what is wrong (its `file` is `source`).
    public static func decodeTask(id: String, json: some Sequence<UInt8>, source: String = "")
        throws(TaskDiagnostic) -> ARCTask
    {
        let document: JSONValue
        do throws(JSONSyntaxError) {
            document = try JSONParser.parse(Array(json))
        } catch {
            throw TaskDiagnostic(file: source, taskID: id, pair: nil, message: error.description)
        }
        return try decodeTask(id: id, document: document, source: source)
    }

    static func decodeTask(id: String, document: JSONValue, source: String) throws(TaskDiagnostic) -> ARCTask {
        do throws(TaskProblem) {
            let (demonstrations, tests) = try TaskDecoder.pairs(from: document)
            return ARCTask(id: id, demonstrations: demonstrations, tests: tests, source: source)
        } catch {
            throw TaskDiagnostic(file: source, taskID: id, pair: error.pair, message: error.message)
        }
    }

    // MARK: - Layouts

    private static func readFolder(_ folder: String) throws(TaskLoadError) -> TaskFiles {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            return TaskFiles(
                entries: [],
                diagnostics: [
                    (0, TaskDiagnostic(file: folder, taskID: nil, pair: nil, message: "cannot list the folder"))
                ])
        }
        let jsonFiles = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .filter { name in
                // Sub-folders are skipped; anything else (even a dangling link) is read, so a
                // file that cannot be read gets a diagnostic rather than vanishing.
                var info = stat()
                return !(stat(TaskPath.join(folder, name), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
            }
        let challenges = jsonFiles.filter { $0.hasSuffix(challengesSuffix) }
        if challenges.count > 1 {
            throw .severalChallengeFiles(folder: folder, files: challenges)
        }
        if let only = challenges.first {
            var collector = TaskCollector()
            loadKaggle(challenges: TaskPath.join(folder, only), into: &collector)
            return TaskFiles(decoded: collector.taskSet)
        }
        var diagnostics: [(before: Int, TaskDiagnostic)] = []
        if jsonFiles.isEmpty {
            diagnostics.append(
                (
                    0,
                    TaskDiagnostic(
                        file: folder, taskID: nil, pair: nil, message: "the folder holds no .json task files")
                ))
        }
        // Reading and hashing are independent per file: spread them over the cores.
        let read = ParallelDecoding.map(jsonFiles) { name -> Result<TaskFiles.Entry, TaskDiagnostic> in
            let path = TaskPath.join(folder, name)
            let id = TaskPath.stem(name)
            if let problem = TaskID.problem(with: id) {
                return .failure(
                    TaskDiagnostic(file: path, taskID: nil, pair: nil, message: TaskLoader.badID(id, problem)))
            }
            do throws(TaskFile.ReadError) {
                let bytes = try TaskFile.contents(
                    of: path, maximumBytes: TaskFile.maximumTaskFileBytes, regularOnly: true)
                return .success(TaskFiles.Entry(id: id, path: path, bytes: bytes, digest: TaskFiles.digest(of: bytes)))
            } catch {
                return .failure(TaskFile.cannotRead(path, taskID: id, error))
            }
        }
        var entries: [TaskFiles.Entry] = []
        for result in read {
            switch result {
            case .success(let entry): entries.append(entry)
            case .failure(let diagnostic): diagnostics.append((entries.count, diagnostic))
            }
        }
        return TaskFiles(entries: entries, diagnostics: diagnostics)
    }

    private static func loadFile(_ path: String, into collector: inout TaskCollector) throws(TaskLoadError) {
        if path.hasSuffix(solutionsSuffix) {
            let challenges = TaskPath.replacingSuffix(solutionsSuffix, with: challengesSuffix, in: path)
            guard FileManager.default.fileExists(atPath: challenges) else {
                throw .solutionsWithoutChallenges(solutions: path, expectedChallenges: challenges)
            }
            loadKaggle(challenges: challenges, into: &collector)
        } else if path.hasSuffix(challengesSuffix) {
            loadKaggle(challenges: path, into: &collector)
        } else {
            let document: JSONParser.Document
            switch TaskFile.readJSON(path, taskID: nil) {
            case .success(let value): document = value
            case .failure(let diagnostic): return collector.diagnose(diagnostic)
            }
            if let members = document.value.objectMembers, members["train"] != nil || members["test"] != nil {
                let id = TaskPath.stem(path)
                if let problem = TaskID.problem(with: id) {
                    return collector.diagnose(
                        TaskDiagnostic(file: path, taskID: nil, pair: nil, message: badID(id, problem)))
                }
                collector.add(id: id, document: document.value, source: path)
            } else {
                loadCombined(document, source: path, solutions: nil, into: &collector)
            }
        }
    }

    private static func loadKaggle(challenges: String, into collector: inout TaskCollector) {
        let document: JSONParser.Document
        switch TaskFile.readJSON(challenges, taskID: nil) {
        case .success(let value): document = value
        case .failure(let diagnostic): return collector.diagnose(diagnostic)
        }
        var solutions: KaggleSolutions?
        let solutionsPath = TaskPath.replacingSuffix(challengesSuffix, with: solutionsSuffix, in: challenges)
        if FileManager.default.fileExists(atPath: solutionsPath) {
            switch TaskFile.readJSON(solutionsPath, taskID: nil) {
            case .success(let value):
                solutions = KaggleSolutions(document: value.value, source: solutionsPath)
                solutions?.repeatedIDs = Set(value.repeatedTopLevelKeys)
            case .failure(let diagnostic): collector.diagnose(diagnostic)
            }
        }
        loadCombined(document, source: challenges, solutions: solutions, into: &collector)
    }

    /// Loads `{id: task}`, taking test outputs from `solutions` where it has them.
    private static func loadCombined(
        _ parsed: JSONParser.Document, source: String, solutions: KaggleSolutions?, into collector: inout TaskCollector
    ) {
        let document = parsed.value
        guard let members = document.objectMembers else {
            return collector.diagnose(
                TaskDiagnostic(
                    file: source, taskID: nil, pair: nil,
                    message: "expected a task or an object of tasks keyed by id, found \(document.described)"))
        }
        if members.isEmpty {
            collector.diagnose(TaskDiagnostic(file: source, taskID: nil, pair: nil, message: "the file holds no tasks"))
        }
        if let solutions, solutions.diagnoseShape(into: &collector) {
            for id in solutions.outputs.keys.sorted() where members[id] == nil {
                collector.diagnose(
                    TaskDiagnostic(
                        file: solutions.source, taskID: id, pair: nil,
                        message: "solutions for a task that '\(TaskPath.lastComponent(source))' does not hold"))
            }
        }
        // A repeated id would silently keep its last copy: which one was meant is not ours to guess.
        let repeated = Dictionary(parsed.repeatedTopLevelKeys.map { ($0, 1) }, uniquingKeysWith: +)
        for id in members.keys.sorted() {
            if let extra = repeated[id] {
                collector.diagnose(
                    TaskDiagnostic(
                        file: source, taskID: id, pair: nil,
                        message:
                            "the task id appears \(extra + 1) times in the file; the task is left out: keep one copy and remove the others"
                    ))
                continue
            }
            if let problem = TaskID.problem(with: id) {
                collector.diagnose(TaskDiagnostic(file: source, taskID: nil, pair: nil, message: badID(id, problem)))
                continue
            }
            if let solutions, solutions.repeatedIDs.contains(id) {
                collector.diagnose(
                    TaskDiagnostic(
                        file: solutions.source, taskID: id, pair: nil,
                        message:
                            "the task's solutions appear more than once in the file; the task is left out: keep one copy"
                    ))
                continue
            }
            let task: ARCTask
            do throws(TaskDiagnostic) {
                task = try decodeTask(id: id, document: members[id]!, source: source)
            } catch {
                collector.diagnose(error)
                continue
            }
            if let solutions, let outputs = solutions.outputs[id] {
                switch solutions.merge(outputs, into: task) {
                case .success(let solved): collector.add(solved)
                case .failure(let diagnostic): collector.diagnose(diagnostic)
                }
            } else {
                collector.add(task)
            }
        }
    }
}

extension TaskLoader {
    /// The message for a task id that cannot be used.
    static func badID(_ id: String, _ problem: String) -> String {
        "the task id \(TaskID.quoted(id)) is refused: \(problem); rename the task"
    }
}

/// Accumulates the tasks and diagnostics of one load.
struct TaskCollector {
    private(set) var tasks: [String: ARCTask] = [:]
    private(set) var undecoded: [String: UndecodedTask] = [:]
    private(set) var newlyDigested: [String: TaskFingerprint] = [:]
    private(set) var diagnostics: [TaskDiagnostic] = []

    mutating func add(_ task: ARCTask) {
        tasks[task.id] = task
    }

    /// A task decoded from a file of its own whose digest was not known.
    mutating func add(_ task: ARCTask, newlyDigested digest: String) {
        tasks[task.id] = task
        newlyDigested[digest] = task.fingerprint
    }

    mutating func add(undecoded task: UndecodedTask) {
        undecoded[task.entry.id] = task
    }

    mutating func add(id: String, document: JSONValue, source: String) {
        do throws(TaskDiagnostic) {
            add(try TaskLoader.decodeTask(id: id, document: document, source: source))
        } catch {
            diagnose(error)
        }
    }

    mutating func diagnose(_ diagnostic: TaskDiagnostic) {
        diagnostics.append(diagnostic)
    }

    var taskSet: TaskSet {
        TaskSet(tasks: tasks, undecoded: undecoded, newlyDigested: newlyDigested, diagnostics: diagnostics)
    }
}

/// A parallel map over files, results in input order.
enum ParallelDecoding {
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result)
        -> [Result]
    {
        guard items.count > 8 else { return items.map(transform) }
        var slots = [Result?](repeating: nil, count: items.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            let output = UncheckedSlots(base: buffer)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                output.base[index] = transform(items[index])
            }
        }
        return slots.map { $0! }
    }
}

private struct UncheckedSlots<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
}
