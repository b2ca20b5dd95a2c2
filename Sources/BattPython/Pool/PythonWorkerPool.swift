import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What to start: the DSL, the interpreter and the namespaces candidates need.
public struct PythonDSLConfiguration: Sendable, Equatable {
    /// The DSL module file, e.g. `fork/dsl.py`; its folder is the workers' `sys.path[0]` and
    /// working directory.
    public var dslPath: String
    /// The interpreter: a name looked up on PATH, or a path.
    public var python: String
    /// Address space each worker may add to what the imported DSL already uses; 0: no limit.
    public var memoryBytes: Int64
    /// Each namespace a candidate file needs, as its modules in import order (the DSL first).
    public var namespaces: [[String]]

    public init(dslPath: String, python: String = "python3", memoryBytes: Int64, namespaces: [[String]]) {
        self.dslPath = dslPath
        self.python = python
        self.memoryBytes = memoryBytes
        self.namespaces = namespaces
    }

    /// The folder of the DSL, absolute.
    public var folder: String {
        let url = URL(fileURLWithPath: dslPath).standardizedFileURL.resolvingSymlinksInPath()
        return url.deletingLastPathComponent().path
    }

    /// The module name of the DSL file: `dsl` for `dsl.py`.
    public var dslModule: String {
        ((dslPath as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// Every module some namespace imports, each once, in first-use order.
    public var modules: [String] {
        var seen: Set<String> = []
        return namespaces.flatMap { $0 }.filter { seen.insert($0).inserted }
    }
}

/// One candidate for a worker: its straight-line source and what to call it with.
public struct CandidateRequest: Sendable {
    /// Names the task's pairs; a worker receives each task's pairs once.
    public var taskKey: String
    /// The task's pairs as JSON, `{"train": [[in, out], ...], "test": [[in, out-or-null], ...]}`.
    public var taskJSON: @Sendable () -> String
    /// `def __batt_candidate__(<parameters>):` with the candidate's body, each assignment once.
    public var source: String
    public var parameters: [String]
    /// The namespace's modules, as in `PythonDSLConfiguration.namespaces`.
    public var namespace: [String]
    public var timeLimitSeconds: Double

    public init(
        taskKey: String, taskJSON: @escaping @Sendable () -> String, source: String, parameters: [String],
        namespace: [String], timeLimitSeconds: Double
    ) {
        self.taskKey = taskKey
        self.taskJSON = taskJSON
        self.source = source
        self.parameters = parameters
        self.namespace = namespace
        self.timeLimitSeconds = timeLimitSeconds
    }
}

/// A worker's answer for one candidate.
public struct CandidateAnswer: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case finished
        /// The worker stopped at the limit itself, or batt killed it there.
        case timeout
        /// A `MemoryError` under the worker's memory limit.
        case budget
        /// The worker process ended while running the candidate.
        case died(String)
    }

    /// One character per pair: `1`, `0`, `E`, `?` (no expected output), `-` (not run).
    public var pairs: String
    public var status: Status
    public var elapsedSeconds: Double
    public var firstError: String?

    public init(pairs: String, status: Status, elapsedSeconds: Double, firstError: String? = nil) {
        self.pairs = pairs
        self.status = status
        self.elapsedSeconds = elapsedSeconds
        self.firstError = firstError
    }
}

/// Persistent CPython workers forked from one fork server that imported the DSL once.
///
/// `evaluate` blocks its thread while the worker runs; call it from as many threads as workers
/// are wanted. A worker past its time limit is killed (SIGKILL) and a new one forked.
public final class PythonWorkerPool: @unchecked Sendable {
    public let configuration: PythonDSLConfiguration
    public let manifest: DSLManifest
    private let server: ForkServer
    private let privateFolder: String
    private let lock = NSLock()
    private var idle: [Worker] = []
    private var live: [pid_t: Worker] = [:]
    private var started = 0
    private var stopped = false
    private var replacements: [Double] = []

    final class Worker: @unchecked Sendable {
        let pid: pid_t
        let socket: FramedSocket
        var tasks: Set<String> = []
        init(pid: pid_t, socket: FramedSocket) { (self.pid, self.socket) = (pid, socket) }
    }

    /// Starts the fork server: imports the DSL and every module the namespaces need.
    /// - Throws: `PythonRuntimeError` when the interpreter is missing or an import fails.
    public init(configuration: PythonDSLConfiguration) throws {
        guard FileManager.default.fileExists(atPath: configuration.dslPath), configuration.dslPath.hasSuffix(".py")
        else { throw PythonRuntimeError.badDSLPath(configuration.dslPath) }
        signal(SIGPIPE, SIG_IGN)
        var template = Array("/tmp/batt-py-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PythonRuntimeError.system(
                "cannot create a private folder under /tmp: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        do {
            server = try ForkServer(
                python: configuration.python, folder: configuration.folder, dslName: configuration.dslPath,
                modules: configuration.modules,
                namespaces: configuration.namespaces.map { $0.joined(separator: ",") },
                memoryBytes: configuration.memoryBytes, privateFolder: folder)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        self.configuration = configuration
        self.manifest = server.manifest
        self.privateFolder = folder
    }

    deinit { shutdown() }

    /// Workers forked so far, replacements included.
    public var workersStarted: Int {
        lock.lock()
        defer { lock.unlock() }
        return started
    }

    /// Seconds from each kill at the time limit to its replacement being ready.
    public var replacementSeconds: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return replacements
    }

    /// Runs one candidate on one idle worker (forking one when none is idle).
    public func evaluate(_ request: CandidateRequest) -> CandidateAnswer {
        guard let worker = take() else {
            return CandidateAnswer(
                pairs: "", status: .died("the Python fork server is gone"), elapsedSeconds: 0, firstError: nil)
        }
        if !worker.tasks.contains(request.taskKey) {
            guard worker.socket.send("P\(request.taskKey)\n\(request.taskJSON())") else {
                return died(worker, elapsed: 0)
            }
            worker.tasks.insert(request.taskKey)
        }
        let header = [
            request.taskKey, String(request.timeLimitSeconds), request.namespace.joined(separator: ","),
            request.parameters.joined(separator: ","),
        ].joined(separator: "\t")
        let start = MonotonicClock.now()
        guard worker.socket.send("C\(header)\n\(request.source)") else { return died(worker, elapsed: 0) }
        let deadline = start + UInt64(max(0, request.timeLimitSeconds) * 1e9)
        switch worker.socket.receive(until: deadline) {
        case .success(let text):
            give(back: worker)
            return CandidateAnswer(parsing: text)
        case .failure(.closed):
            return died(worker, elapsed: Double(MonotonicClock.now() - start) / 1e9)
        case .failure(.deadline):
            let killedAt = MonotonicClock.now()
            kill(worker.pid, SIGKILL)
            retire(worker)
            // Replace it now, so the next candidate finds a worker waiting.
            if let fresh = fork() {
                give(back: fresh)
                lock.lock()
                replacements.append(Double(MonotonicClock.now() - killedAt) / 1e9)
                lock.unlock()
            }
            return CandidateAnswer(
                pairs: "", status: .timeout, elapsedSeconds: Double(killedAt - start) / 1e9, firstError: nil)
        }
    }

    /// Stops every worker and the fork server, and removes the private folder. Idempotent.
    public func shutdown() {
        lock.lock()
        let workers = Array(live.values)
        let wasStopped = stopped
        stopped = true
        idle.removeAll()
        live.removeAll()
        lock.unlock()
        guard !wasStopped else { return }
        for worker in workers {
            kill(worker.pid, SIGKILL)
            worker.socket.close()
        }
        server.stop()
        try? FileManager.default.removeItem(atPath: privateFolder)
    }

    private func take() -> Worker? {
        lock.lock()
        if stopped {
            lock.unlock()
            return nil
        }
        if let worker = idle.popLast() {
            lock.unlock()
            return worker
        }
        lock.unlock()
        return fork()
    }

    private func fork() -> Worker? {
        guard let (pid, socket) = server.fork() else { return nil }
        let worker = Worker(pid: pid, socket: socket)
        lock.lock()
        defer { lock.unlock() }
        if stopped {
            kill(pid, SIGKILL)
            return nil
        }
        live[pid] = worker
        started += 1
        return worker
    }

    private func give(back worker: Worker) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        idle.append(worker)
    }

    /// Closes a dead or killed worker's connection and reaps it; returns how it ended.
    @discardableResult
    private func retire(_ worker: Worker) -> String {
        worker.socket.close()
        lock.lock()
        live[worker.pid] = nil
        lock.unlock()
        return server.reap(worker.pid)
    }

    private func died(_ worker: Worker, elapsed: Double) -> CandidateAnswer {
        let reason = retire(worker)
        return CandidateAnswer(
            pairs: "", status: .died("the Python worker \(reason) while running this candidate"),
            elapsedSeconds: elapsed, firstError: nil)
    }
}

extension CandidateAnswer {
    /// Reads `R<pairs>\t<elapsed>\t<status>\t<first error>`.
    init(parsing text: String) {
        let fields = text.dropFirst().split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        let pairs = fields.first.map(String.init) ?? ""
        let elapsed = fields.count > 1 ? Double(fields[1]) ?? 0 : 0
        let status: Status
        switch fields.count > 2 ? fields[2] : "" {
        case "timeout": status = .timeout
        case "budget": status = .budget
        case "ok": status = .finished
        default: status = .died("the Python worker answered '\(text.prefix(80))', which batt cannot read")
        }
        let error = fields.count > 3 && !fields[3].isEmpty ? String(fields[3]) : nil
        self.init(pairs: pairs, status: status, elapsedSeconds: elapsed, firstError: error)
    }
}
