/// Why `batt submit` cannot use a solver or cannot write a submission.
public enum SubmissionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A cached solver whose text cannot be run (it is then skipped, not fatal).
    case unusableSolverText(md5: String, reason: String)
    /// The challenges file left tasks out: a submission must answer every task.
    case malformedTasks(path: String, problems: [String])
    /// No task at all.
    case noTasks(path: String)
    /// The submission file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unusableSolverText(let md5, let reason):
            return "solver \(md5) cannot be run from the cache: \(reason)"
        case .malformedTasks(let path, let problems):
            let listed = problems.prefix(5).map { "\n  \($0)" }.joined()
            let more = problems.count > 5 ? "\n  ... and \(problems.count - 5) more" : ""
            return
                "'\(path)' has \(problems.count) task(s) that cannot be read, and a submission must answer every task: fix them and run again\(listed)\(more)"
        case .noTasks(let path):
            return "no task in '\(path)': pass --tasks arc-agi_test_challenges.json (a Kaggle challenges file)"
        case .cannotWrite(let path, let reason):
            return "cannot write the submission '\(path)': \(reason); choose another --out"
        }
    }
}
