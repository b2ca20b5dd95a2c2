/// An expression of the solver language: the subset of Python that straight-line arc-dsl solvers use.
public indirect enum Expression: Hashable, Sendable {
    /// A name: a variable, a parameter, a DSL primitive or a DSL constant such as `ZERO` or `T`.
    case name(String)
    /// A non-negative integer literal (`-1` is `.negate(.integer(1))`, as in Python's `ast`).
    case integer(Int)
    /// One of Python's `True`, `False` and `None` literals.
    case constant(Constant)
    /// Unary minus.
    case negate(Expression)
    /// A tuple literal: `()`, `(1,)`, `(1, 0)`.
    case tuple([Expression])
    /// A call, `callee(arguments..., name=value...)`; the callee may itself be any expression.
    case call(callee: Expression, arguments: [Expression], keywords: [Keyword])

    /// A Python singleton literal.
    public enum Constant: String, Hashable, Sendable {
        case `true` = "True"
        case `false` = "False"
        case none = "None"
    }
}

/// A keyword argument `name=value` of a call.
public struct Keyword: Hashable, Sendable {
    /// The parameter name before `=`; never a variable reference.
    public var name: String
    /// The argument value after `=`.
    public var value: Expression

    /// Creates the keyword argument `name=value`.
    public init(name: String, value: Expression) {
        self.name = name
        self.value = value
    }
}

extension Expression {
    /// The expression formatted exactly as CPython's `ast.unparse` formats it.
    public var pythonText: String {
        var writer = PythonWriter()
        writer.write(self)
        return writer.string
    }

    /// Calls `body` with every name the expression reads, left to right (keyword names are not reads).
    public func forEachName(_ body: (String) -> Void) {
        switch self {
        case .name(let name):
            body(name)
        case .integer, .constant:
            break
        case .negate(let operand):
            operand.forEachName(body)
        case .tuple(let elements):
            for element in elements { element.forEachName(body) }
        case .call(let callee, let arguments, let keywords):
            callee.forEachName(body)
            for argument in arguments { argument.forEachName(body) }
            for keyword in keywords { keyword.value.forEachName(body) }
        }
    }
}

extension Expression: CustomStringConvertible {
    /// The Python text of the expression.
    public var description: String { pythonText }
}
