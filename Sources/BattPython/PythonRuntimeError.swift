/// Why the Python DSL cannot be used; each message says what to do.
public enum PythonRuntimeError: Error, CustomStringConvertible, Equatable {
    /// The interpreter was not found or could not be started.
    case interpreterMissing(String)
    /// The DSL (or a module a candidate file star-imports) raised while importing.
    case importFailed(dsl: String, lastLine: String)
    /// The interpreter started but never answered.
    case noAnswer(String)
    /// The DSL file does not exist or is not a `.py` file.
    case badDSLPath(String)
    /// The DSL's files changed between reading what it exports and starting its workers.
    case changedDuringRun(String)
    /// A system call failed.
    case system(String)

    public var description: String {
        switch self {
        case .interpreterMissing(let python):
            return
                "cannot run the Python interpreter '\(python)': install Python 3.8 or later, or pass --python with the path of one"
        case .importFailed(let dsl, let lastLine):
            return "the DSL '\(dsl)' failed to import: \(lastLine) (fix the module, then run again)"
        case .noAnswer(let detail):
            return "the Python worker did not start: \(detail)"
        case .badDSLPath(let path):
            return "no DSL at '\(path)': pass --dsl with the path of your dsl.py"
        case .changedDuringRun(let dsl):
            return "the DSL '\(dsl)' changed while batt was reading it: run again"
        case .system(let message):
            return message
        }
    }
}
