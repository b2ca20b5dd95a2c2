/// A problem found in a candidate source: where it is, what it is, and what was expected.
public struct Diagnostic: Hashable, Sendable {
    /// Whether the problem costs a function (`error`) or is only worth telling (`warning`).
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    /// What kind of problem it is, so callers can decide what to do without reading messages.
    public enum Kind: String, Hashable, Sendable {
        /// The text is not in the accepted Python subset; the function is dropped.
        case syntax
        /// An integer literal does not fit in a 64-bit integer; the function is dropped.
        case integerOutOfRange
        /// A top-level statement other than an import or a `def` was skipped.
        case skippedTopLevelStatement
        /// Statements after `return` were ignored (they never run).
        case unreachableStatement
        /// A second function with the same name as an earlier one in the same file (both are kept).
        case duplicateFunction
        /// A name that is neither a parameter, an earlier variable nor a known DSL name.
        case undefinedName
        /// A variable read before the statement that first assigns it.
        case useBeforeDefinition
        /// A variable read in its own first definition (`x = f(x)`).
        case selfReference
        /// A function without a `return` statement.
        case missingReturn
    }

    /// The file the problem is in.
    public var path: String
    /// The line (1-based).
    public var line: Int
    /// The column (1-based, in characters).
    public var column: Int
    /// What went wrong, quoting the offending text and saying what was expected.
    public var message: String
    /// The function the problem is in, if any.
    public var functionName: String?
    /// Whether the problem costs a function.
    public var severity: Severity
    /// What kind of problem it is.
    public var kind: Kind

    /// Creates a diagnostic.
    public init(
        path: String, line: Int, column: Int, message: String, functionName: String? = nil,
        severity: Severity = .error, kind: Kind = .syntax
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.functionName = functionName
        self.severity = severity
        self.kind = kind
    }
}

extension Diagnostic: CustomStringConvertible {
    /// The conventional one-line form `path:line:column: error: message (in function 'f')`.
    public var description: String {
        var text = "\(path):\(line):\(column): \(severity.rawValue): \(message)"
        if let functionName { text += " (in function '\(functionName)')" }
        return text
    }
}

/// The errors the solver language throws.
public enum LanguageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The function has no `return`, so it has nothing to inline.
    case missingReturn(function: String, path: String, line: Int)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case .missingReturn(let function, let path, let line):
            return
                "\(path):\(line): function '\(function)' has no return statement; add 'return <variable>' to inline it"
        }
    }
}
