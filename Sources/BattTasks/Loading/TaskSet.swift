/// The tasks read from a path, and why any were left out.
///
/// A task whose file a cache knew by its bytes may be left undecoded: it has an id and a
/// fingerprint, which is all a run served entirely from the cache needs, and `decodingAll()`
/// decodes it when a solver has to run on it.
public struct TaskSet: Sendable {
    /// The decoded tasks by id.
    public let tasks: [String: ARCTask]
    /// The ids of every task, decoded or not, sorted.
    public let ids: [String]
    /// One entry per rejected task or unreadable file, in the order met.
    public let diagnostics: [TaskDiagnostic]
    /// For each task file decoded here whose digest was not known: the digest, and the
    /// fingerprint its bytes decode to (for a cache to remember).
    public let newlyDigested: [String: TaskFingerprint]
    private let undecoded: [String: UndecodedTask]

    public init(tasks: [String: ARCTask], diagnostics: [TaskDiagnostic]) {
        self.init(tasks: tasks, undecoded: [:], newlyDigested: [:], diagnostics: diagnostics)
    }

    init(
        tasks: [String: ARCTask], undecoded: [String: UndecodedTask], newlyDigested: [String: TaskFingerprint],
        diagnostics: [TaskDiagnostic]
    ) {
        self.tasks = tasks
        self.undecoded = undecoded
        self.newlyDigested = newlyDigested
        self.ids = (Array(tasks.keys) + Array(undecoded.keys)).sorted()
        self.diagnostics = diagnostics
    }

    /// The decoded task of `id`; nil for an undecoded one (see `decodingAll()`) or an unknown id.
    public subscript(id: String) -> ARCTask? { tasks[id] }

    /// The fingerprint of task `id`, decoded or not.
    public func fingerprint(of id: String) -> TaskFingerprint? {
        tasks[id]?.fingerprint ?? undecoded[id]?.fingerprint
    }

    public func contains(_ id: String) -> Bool { tasks[id] != nil || undecoded[id] != nil }

    /// Whether every task is decoded.
    public var isDecoded: Bool { undecoded.isEmpty }

    /// The same tasks, every one decoded. A file whose bytes decode to another fingerprint than
    /// the one remembered for them (a cache row batt did not write) keeps what its bytes say, and
    /// its digest is listed in `newlyDigested` so the cache row is corrected.
    public func decodingAll() -> TaskSet {
        guard !undecoded.isEmpty else { return self }
        let pending = undecoded.values.sorted { $0.entry.id < $1.entry.id }
        let decoded = ParallelDecoding.map(Array(pending.indices)) { pending[$0].entry.decoded() }
        var tasks = self.tasks
        var newlyDigested = self.newlyDigested
        var diagnostics = self.diagnostics
        for (task, result) in zip(pending, decoded) {
            switch result {
            case .success(let decodedTask):
                tasks[decodedTask.id] = decodedTask
                if decodedTask.fingerprint != task.fingerprint {
                    newlyDigested[task.entry.digest] = decodedTask.fingerprint
                }
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        return TaskSet(tasks: tasks, undecoded: [:], newlyDigested: newlyDigested, diagnostics: diagnostics)
    }

    /// The decoded tasks in id order.
    public var sortedTasks: [ARCTask] { ids.compactMap { tasks[$0] } }

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }
}
