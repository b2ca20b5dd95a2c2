/// Why evaluating a DSL expression failed. Mirrors the Python exception a program would raise,
/// plus the two ways batt stops a program: its deadline and its size budget.
public enum DSLError: Error, Sendable, Equatable {
    case typeError(String)
    case valueError(String)
    case indexError(String)
    case zeroDivision(String)
    case stopIteration
    case attributeError(String)
    case recursion(String)
    case overflow(String)
    case unknownName(String)
    /// A failure inside a named primitive; the message names it.
    indirect case inPrimitive(String, DSLError)
    case timeout
    case budgetExceeded

    /// Whether this is one of the evaluation limits rather than a program error.
    public var isLimit: Bool {
        switch self {
        case .timeout, .budgetExceeded: return true
        case .inPrimitive(_, let inner): return inner.isLimit
        default: return false
        }
    }

    /// The limit error inside, if any.
    public var limit: DSLError? {
        switch self {
        case .timeout, .budgetExceeded: return self
        case .inPrimitive(_, let inner): return inner.limit
        default: return nil
        }
    }
}

extension DSLError {
    /// The Python exception this error stands for, e.g. `TypeError`; the limits are named plainly.
    public var pythonExceptionName: String {
        switch self {
        case .typeError: return "TypeError"
        case .valueError: return "ValueError"
        case .indexError: return "IndexError"
        case .zeroDivision: return "ZeroDivisionError"
        case .stopIteration: return "StopIteration"
        case .attributeError: return "AttributeError"
        case .recursion: return "RecursionError"
        case .overflow: return "OverflowError"
        case .unknownName: return "NameError"
        case .inPrimitive(_, let inner): return inner.pythonExceptionName
        case .timeout: return "timeout"
        case .budgetExceeded: return "budget exceeded"
        }
    }
}

extension DSLError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .typeError(let m): return "TypeError: \(m)"
        case .valueError(let m): return "ValueError: \(m)"
        case .indexError(let m): return "IndexError: \(m)"
        case .zeroDivision(let m): return "ZeroDivisionError: \(m)"
        case .stopIteration: return "StopIteration"
        case .attributeError(let m): return "AttributeError: \(m)"
        case .recursion(let m): return "RecursionError: \(m)"
        case .overflow(let m): return "OverflowError: \(m)"
        case .unknownName(let n): return "NameError: name '\(n)' is not defined"
        case .inPrimitive(let name, let inner): return "in \(name): \(inner)"
        case .timeout: return "time limit exceeded"
        case .budgetExceeded: return "size budget exceeded"
        }
    }
}
