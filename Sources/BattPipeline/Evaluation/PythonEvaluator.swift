import BattCache
import BattDSL
import BattLanguage
import BattPython
import BattTasks
import Foundation

/// A user's Python DSL, evaluated by a pool of CPython workers forked from a server that
/// imported the DSL once.
///
/// What the DSL exports and its solver version come from the cache when its files are unchanged,
/// so a run whose every verdict is cached starts no Python at all; otherwise from a fork server
/// started at once, which then also serves the validations.
public final class PythonEvaluator: SolverEvaluator, @unchecked Sendable {
    public let solverVersion: SolverVersion
    public let languageVersion: String
    public let manifest: DSLManifest
    /// Import lines of the candidate files that add no name.
    public let diagnostics: [CandidateDiagnostic]
    private let configuration: PythonDSLConfiguration
    private let namespaceOfFile: [String: [String]]
    private let scopes: [[String]: NameScope]
    private let workers: Int
    private let timeLimitSeconds: Double
    /// The worker memory limit, in bytes: what a `budget` verdict of this evaluator ran out of.
    public var budget: Int { Int(clamping: configuration.memoryBytes) }
    private let lock = NSLock()
    private var pool: PythonWorkerPool?
    private var startedPython = false
    private var taskJSON: [String: String] = [:]

    /// Reads what the DSL exports, from the cache when its files are unchanged, else from a
    /// fork server started now (kept for the validations).
    /// - Throws: `PythonRuntimeError` when the interpreter is missing or the DSL fails to import.
    public init(
        options: PythonDSLOptions, files: [CandidateSource.File], store: CacheStore?, workers: Int,
        timeLimitSeconds: Double, baseVersion: SolverVersion
    ) throws {
        guard FileManager.default.fileExists(atPath: options.dslPath), options.dslPath.hasSuffix(".py") else {
            throw PythonRuntimeError.badDSLPath(options.dslPath)
        }
        let dslModule = ((options.dslPath as NSString).lastPathComponent as NSString).deletingPathExtension
        var namespaceOfFile: [String: [String]] = [:]
        var diagnostics: [CandidateDiagnostic] = []
        for file in files {
            let imports = HeaderImports(scanning: file.bytes, path: file.path)
            namespaceOfFile[file.path] = [dslModule] + imports.starModules.filter { $0 != dslModule }
            diagnostics += imports.ignored
        }
        let namespaces = Set(namespaceOfFile.values).sorted { $0.joined(separator: ",") < $1.joined(separator: ",") }
        let configuration = PythonDSLConfiguration(
            dslPath: options.dslPath, python: options.python,
            memoryBytes: options.workerMemoryBytes ?? PythonDSLOptions.defaultWorkerMemory(workers: workers),
            namespaces: namespaces.isEmpty ? [[dslModule]] : namespaces)
        let key = PythonEvaluator.dslKey(configuration)
        let writable = store?.accessMode.isWritable ?? false
        var manifest: DSLManifest?
        if let records = try? store?.pythonDSLs(forKey: key) {
            manifest =
                records.lazy.compactMap { try? JSONDecoder().decode(DSLManifest.self, from: Data($0.manifest.utf8)) }
                .first { $0.isCurrent(folder: configuration.folder) }
        }
        if manifest == nil {
            let pool = try PythonWorkerPool(configuration: configuration)
            self.pool = pool
            startedPython = true
            manifest = pool.manifest
        }
        guard let manifest else { throw PythonRuntimeError.noAnswer("no description of the DSL") }
        self.manifest = manifest
        self.configuration = configuration
        self.namespaceOfFile = namespaceOfFile
        self.diagnostics = diagnostics
        self.workers = workers
        self.timeLimitSeconds = timeLimitSeconds
        solverVersion = baseVersion.withPythonDSL(hash: manifest.hash)
        languageVersion = CandidateSource.languageVersion + "/py:" + manifest.hash + "/names:" + manifest.namesHash
        var scopes: [[String]: NameScope] = [:]
        for namespace in configuration.namespaces {
            scopes[namespace] = NameScope(
                names: Set(namespace.flatMap { manifest.names[$0] ?? [] }), modules: namespace)
        }
        self.scopes = scopes
        if writable, let store, let text = try? JSONEncoder().encode(manifest) {
            try? store.storePythonDSL(
                PythonDSLRecord(
                    dslKey: key, solverVersion: solverVersion.description,
                    dslPath: URL(fileURLWithPath: configuration.dslPath).standardizedFileURL.path,
                    dslHash: manifest.hash, manifest: String(decoding: text, as: UTF8.self)))
        }
    }

    deinit { shutdown() }

    /// What identifies a DSL set-up across runs: the DSL's absolute path, the interpreter found on
    /// PATH, the namespaces.
    static func dslKey(_ configuration: PythonDSLConfiguration) -> String {
        let dsl = URL(fileURLWithPath: configuration.dslPath).standardizedFileURL.resolvingSymlinksInPath().path
        let namespaces = configuration.namespaces.map { $0.joined(separator: ",") }.joined(separator: ";")
        return "dsl=\(dsl)|python=\(PythonEvaluator.locate(configuration.python))|namespaces=\(namespaces)"
    }

    /// The interpreter's path: as given when it has a slash, else the first match on PATH.
    static func locate(_ python: String) -> String {
        guard !python.contains("/") else { return python }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(python)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return python
    }

    public func nameScope(forFile file: String) -> NameScope {
        let namespace = namespaceOfFile[file] ?? [configuration.dslModule]
        return scopes[namespace] ?? NameScope(names: [], modules: namespace)
    }

    public func prepareToValidate() throws {
        lock.lock()
        defer { lock.unlock() }
        guard pool == nil else { return }
        let started = try PythonWorkerPool(configuration: configuration)
        startedPython = true
        guard started.manifest.hash == manifest.hash, started.manifest.names == manifest.names else {
            started.shutdown()
            throw PythonRuntimeError.changedDuringRun(configuration.dslPath)
        }
        pool = started
    }

    public func validate(_ function: CandidateFunction, on task: ARCTask) async -> Verdict {
        let key = task.fingerprint.hex
        let (pool, pairs) = poolAndPairs(of: task, key: key)
        guard let pool else {
            return PythonEvaluator.verdict(
                CandidateAnswer(pairs: "", status: .died("no Python worker was started"), elapsedSeconds: 0),
                task: task, timeLimitSeconds: timeLimitSeconds, budget: budget)
        }
        let request = CandidateRequest(
            taskKey: key, taskJSON: { pairs }, source: PythonEvaluator.source(of: function),
            parameters: function.parameters.map(\.name), namespace: nameScope(forFile: function.path).modules ?? [],
            timeLimitSeconds: timeLimitSeconds)
        // A worker blocks its thread until it answers: keep that off the cooperative pool, so
        // --jobs workers run at once whatever the number of cores.
        let answer = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: pool.evaluate(request)) }.start()
        }
        return PythonEvaluator.verdict(answer, task: task, timeLimitSeconds: timeLimitSeconds, budget: budget)
    }

    private func poolAndPairs(of task: ARCTask, key: String) -> (PythonWorkerPool?, String) {
        lock.lock()
        defer { lock.unlock() }
        if taskJSON[key] == nil { taskJSON[key] = PythonEvaluator.json(of: task) }
        return (pool, taskJSON[key] ?? "")
    }

    public func shutdown() {
        lock.lock()
        let pool = self.pool
        lock.unlock()
        pool?.shutdown()
    }

    public var activity: EvaluatorActivity {
        lock.lock()
        defer { lock.unlock() }
        return EvaluatorActivity(
            runtime: "python \(configuration.dslPath)", workersStarted: pool?.workersStarted ?? 0,
            startedPython: startedPython)
    }

    /// Kill-to-ready times of the workers replaced at the time limit, in seconds.
    public var replacementSeconds: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return pool?.replacementSeconds ?? []
    }

    /// The candidate as a function of straight-line assignments, each computed once: never the
    /// inlined expression, which recomputes shared sub-expressions.
    static func source(of function: CandidateFunction) -> String {
        var lines = ["def __batt_candidate__(\(function.parameters.map(\.name).joined(separator: ", "))):"]
        for statement in function.statements {
            lines.append("    \(statement.target) = \(statement.value.pythonText)")
        }
        lines.append("    return \(function.returned?.pythonText ?? "None")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The task's pairs as the workers read them.
    static func json(of task: ARCTask) -> String {
        func grid(_ grid: Grid) -> String {
            var text = "["
            for row in 0..<grid.height {
                if row > 0 { text += "," }
                text += "["
                for column in 0..<grid.width {
                    if column > 0 { text += "," }
                    text += String(grid.cells[row * grid.width + column])
                }
                text += "]"
            }
            return text + "]"
        }
        func pairs(_ pairs: [TaskPair]) -> String {
            "[" + pairs.map { "[\(grid($0.input)),\($0.output.map(grid) ?? "null")]" }.joined(separator: ",") + "]"
        }
        return "{\"train\":\(pairs(task.demonstrations)),\"test\":\(pairs(task.tests))}"
    }

    /// The verdict of a worker's answer, scored as the native validator scores.
    static func verdict(_ answer: CandidateAnswer, task: ARCTask, timeLimitSeconds: Double, budget: Int) -> Verdict {
        let all = task.demonstrations + task.tests
        var results = answer.pairs.compactMap { PairResult(rawValue: $0) }
        if results.count != all.count {
            results = all.map { $0.output == nil ? .unknown : .notRun }
        }
        let known = results.filter { $0 != .unknown }
        let outcome: Outcome
        var message = answer.firstError
        switch answer.status {
        case .timeout: outcome = .timeout
        case .budget: outcome = .budget
        case .died(let reason):
            outcome = .error
            message = reason
        case .finished:
            if !known.isEmpty && known.allSatisfy({ $0 == .correct }) {
                outcome = .correct
            } else if results.contains(.error) {
                outcome = .error
            } else {
                outcome = .wrong
            }
        }
        let demoCount = task.demonstrations.count
        let tests = results.dropFirst(demoCount)
        return Verdict(
            outcome: outcome, pairResults: results,
            demoCorrect: results.prefix(demoCount).filter { $0 == .correct }.count, demoCount: demoCount,
            testCorrect: tests.filter { $0 == .correct }.count, testCount: tests.filter { $0 != .unknown }.count,
            elapsedSeconds: answer.elapsedSeconds, timeLimitSeconds: timeLimitSeconds, budget: budget,
            errorMessage: message)
    }
}
