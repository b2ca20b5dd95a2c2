/// Why a task (or a whole file) was not loaded; the other tasks load regardless.
public struct TaskDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file that holds the problem.
    public let file: String
    /// The task concerned, when known (a file that is not valid JSON may name none).
    public let taskID: String?
    /// The pair or grid concerned, such as `train[2].output` or `test[0]`.
    public let pair: String?
    /// What is wrong, quoting the offending input.
    public let message: String

    public init(file: String, taskID: String?, pair: String?, message: String) {
        self.file = file
        self.taskID = taskID
        self.pair = pair
        self.message = message
    }

    /// `file: task ID, pair: message`, leaving out what is unknown.
    public var description: String {
        var location = file
        if let taskID { location += ": task \(taskID)" }
        if let pair { location += ", \(pair)" }
        return "\(location): \(message)"
    }
}
