/// One straight-line solver function as written in a candidate source file.
public struct CandidateFunction: Hashable, Sendable {
    /// The function name as written, e.g. `solve_007bbfb7_12` or `solve`.
    public var name: String
    /// The parameters in order, e.g. `(I)` or `(S, I, C)`.
    public var parameters: [Parameter]
    /// The return annotation after `->`, if any.
    public var returnAnnotation: Expression?
    /// The assignments of the body in execution order (statements after `return` are dropped).
    public var statements: [Assignment]
    /// The returned expression; `nil` when the body has no `return` (see `CandidateChecker`).
    public var returned: Expression?
    /// The line of the `return` statement, if any.
    public var returnLine: Int?
    /// The file the function was read from, for diagnostics.
    public var path: String
    /// The line of the `def`.
    public var line: Int
    /// The ARC task id in the name (`solve_007bbfb7`, `verify_007bbfb7`, `solve_007bbfb7_12`), or `nil`.
    public var taskID: String?

    /// Creates a function; `taskID` is derived from `name`.
    public init(
        name: String,
        parameters: [Parameter],
        returnAnnotation: Expression? = nil,
        statements: [Assignment],
        returned: Expression?,
        returnLine: Int? = nil,
        path: String = "<memory>",
        line: Int = 1
    ) {
        self.name = name
        self.parameters = parameters
        self.returnAnnotation = returnAnnotation
        self.statements = statements
        self.returned = returned
        self.returnLine = returnLine
        self.path = path
        self.line = line
        self.taskID = CandidateFunction.taskID(inFunctionName: name)
    }

    /// The 8-hex-digit task id of names `solve_<id>`, `verify_<id>` and `<either>_<id>_<suffix>`, else `nil`.
    public static func taskID(inFunctionName name: String) -> String? {
        let bytes = Array(name.utf8)
        let prefixLength: Int
        if bytes.starts(with: "solve_".utf8) {
            prefixLength = 6
        } else if bytes.starts(with: "verify_".utf8) {
            prefixLength = 7
        } else {
            return nil
        }
        let end = prefixLength + 8
        guard bytes.count >= end else { return nil }
        for byte in bytes[prefixLength..<end] {
            let isHexDigit =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            guard isHexDigit else { return nil }
        }
        guard bytes.count == end || bytes[end] == UInt8(ascii: "_") else { return nil }
        return String(decoding: bytes[prefixLength..<end], as: UTF8.self)
    }
}

/// A function parameter with its optional annotation (`I` or `I: Grid`).
public struct Parameter: Hashable, Sendable {
    /// The parameter name.
    public var name: String
    /// The annotation after `:`, if any.
    public var annotation: Expression?

    /// Creates a parameter.
    public init(name: String, annotation: Expression? = nil) {
        self.name = name
        self.annotation = annotation
    }

    /// The annotation as `ast.unparse` prints it, e.g. `Grid`.
    public var annotationText: String? { annotation?.pythonText }
}

/// An assignment statement `target = value` of a function body.
public struct Assignment: Hashable, Sendable {
    /// The assigned variable.
    public var target: String
    /// The assigned expression.
    public var value: Expression
    /// The line of the statement.
    public var line: Int
    /// The column (1-based, in characters) where the statement starts.
    public var column: Int

    /// Creates the assignment `target = value`.
    public init(target: String, value: Expression, line: Int, column: Int = 5) {
        self.target = target
        self.value = value
        self.line = line
        self.column = column
    }
}
