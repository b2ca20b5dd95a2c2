/// The tasks read from a path, and why any were left out.
public struct TaskSet: Sendable {
    /// The loaded tasks by id.
    public let tasks: [String: ARCTask]
    /// The ids of `tasks`, sorted.
    public let ids: [String]
    /// One entry per rejected task or unreadable file, in the order met.
    public let diagnostics: [TaskDiagnostic]

    public init(tasks: [String: ARCTask], diagnostics: [TaskDiagnostic]) {
        self.tasks = tasks
        self.ids = tasks.keys.sorted()
        self.diagnostics = diagnostics
    }

    public subscript(id: String) -> ARCTask? { tasks[id] }

    /// The tasks in id order.
    public var sortedTasks: [ARCTask] { ids.map { tasks[$0]! } }

    public var count: Int { tasks.count }
    public var isEmpty: Bool { tasks.isEmpty }
}
