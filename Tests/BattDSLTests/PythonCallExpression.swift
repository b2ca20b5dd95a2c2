import Testing

@testable import BattDSL

/// Evaluates the Python call expressions the primitive tests are written in, such as
/// `apply(rbind(add, (1, 1)), frozenset({(0, 0)}))` or `compose(first, last)(((1, 2), (3, 4)))`:
/// ints, `True`/`False`/`None`, DSL names and constants, tuples, `{...}` and `frozenset({...})`,
/// and calls of any function value. A case then reads exactly as the dsl.py call it checks.
struct PythonCallExpression {
    struct SyntaxError: Error, CustomStringConvertible {
        let text: String
        let offset: Int
        var description: String { "cannot read \"\(text)\" at offset \(offset)" }
    }

    private let text: String
    private let bytes: [UInt8]
    private var position = 0
    private let context: EvaluationContext

    static func evaluate(_ text: String, _ context: EvaluationContext = EvaluationContext(timeLimit: 10)) throws
        -> Value
    {
        var parser = PythonCallExpression(text: text, bytes: Array(text.utf8), context: context)
        let value = try parser.expression()
        parser.skipSpaces()
        guard parser.position == parser.bytes.count else { throw parser.failure() }
        return value
    }

    /// Checks that `expression` evaluates to the value of `expected`, or, when `expected` names a Python
    /// exception (`TypeError`, `StopIteration`, ...) or an evaluation limit, that it raises that.
    static func check(_ expression: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let actual: Result<Value, DSLError>
        do {
            actual = .success(try evaluate(expression))
        } catch let error as DSLError {
            actual = .failure(error)
        }
        let expectsError =
            expected.hasSuffix("Error") || ["StopIteration", "budget exceeded", "timeout"].contains(expected)
        switch (actual, expectsError) {
        case (.success(let value), false):
            let wanted = try evaluate(expected)
            #expect(value == wanted, "\(expression) returned \(value)", sourceLocation: sourceLocation)
        case (.failure(let error), true):
            #expect(
                error.pythonExceptionName == expected, "\(expression) raised \(error)", sourceLocation: sourceLocation)
        case (.success(let value), true):
            Issue.record(
                "\(expression) returned \(value) instead of raising \(expected)", sourceLocation: sourceLocation)
        case (.failure(let error), false):
            Issue.record(
                "\(expression) raised \(error) instead of returning \(expected)", sourceLocation: sourceLocation)
        }
    }

    private func failure() -> SyntaxError { SyntaxError(text: text, offset: position) }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\n") {
            position += 1
        }
    }

    private mutating func accept(_ token: String) -> Bool {
        skipSpaces()
        let token = Array(token.utf8)
        guard bytes[position...].starts(with: token) else { return false }
        position += token.count
        return true
    }

    private mutating func expression() throws -> Value {
        var value = try primary()
        while accept("(") {
            let arguments = try items(closing: ")").elements
            value = try value.asFunction().call(arguments, context)
        }
        return value
    }

    private mutating func primary() throws -> Value {
        if accept("frozenset(") {
            if accept(")") { return .emptySet }
            guard accept("{") else { throw failure() }
            let elements = try items(closing: "}").elements
            guard accept(")") else { throw failure() }
            return .set(elements)
        }
        if accept("{") { return .set(try items(closing: "}").elements) }
        if accept("(") {
            let (elements, trailingComma) = try items(closing: ")")
            if elements.count == 1 && !trailingComma { return elements[0] }
            return .tuple(elements)
        }
        skipSpaces()
        let start = position
        while position < bytes.count, isNameOrNumber(bytes[position]) { position += 1 }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        if let value = Primitives.value(named: word) { return value }
        do {
            return try Value(literal: word)
        } catch {
            position = start
            throw failure()
        }
    }

    private func isNameOrNumber(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    /// Comma-separated expressions up to `closing`, and whether a comma came last.
    private mutating func items(closing: Character) throws -> (elements: [Value], trailingComma: Bool) {
        var elements: [Value] = []
        var trailingComma = false
        while !accept(String(closing)) {
            elements.append(try expression())
            trailingComma = accept(",")
            if !trailingComma {
                guard accept(String(closing)) else { throw failure() }
                break
            }
        }
        return (elements, trailingComma)
    }
}
