/// The functions read from one candidate source file, and the problems found on the way.
public struct ParsedSource: Sendable {
    /// The file the source came from.
    public var path: String
    /// Every function that parsed, in source order (duplicated names included, see `diagnostics`).
    public var functions: [CandidateFunction]
    /// Syntax errors (each costs its function) and warnings, in source order.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads candidate solver files: top-level `def`s of straight-line assignments and a `return`.
///
/// A syntax error costs only its own function: parsing resumes at the next line at column 0, so
/// whatever follows a broken function (`def`, or `class`, `async def`, a decorator, which get a
/// warning) is read or reported, never skipped silently.
/// Imports, comments, docstrings and blank lines are ignored; other top-level statements are
/// skipped with a warning.
public enum CandidateParser {
    /// Parses Python `source` read from `path` (the path only labels diagnostics).
    public static func parse(source: String, path: String) -> ParsedSource {
        var source = source
        return source.withUTF8 { parse(utf8: $0, path: path) }
    }

    /// Parses UTF-8 encoded Python source read from `path`.
    public static func parse(utf8 bytes: [UInt8], path: String) -> ParsedSource {
        bytes.withUnsafeBufferPointer { parse(utf8: $0, path: path) }
    }

    /// Parses UTF-8 encoded Python source read from `path`.
    public static func parse(utf8 buffer: UnsafeBufferPointer<UInt8>, path: String) -> ParsedSource {
        guard buffer.count < Int(Int32.max) else {
            let diagnostic = Diagnostic(
                path: path, line: 1, column: 1,
                message: "the file is \(buffer.count) bytes long; split it into files of less than 2 GB")
            return ParsedSource(path: path, functions: [], diagnostics: [diagnostic])
        }
        var parser = SourceParser(source: buffer, path: path)
        parser.parseFile()
        return ParsedSource(path: path, functions: parser.functions, diagnostics: parser.diagnostics)
    }
}

/// Why the current function cannot be read; thrown to unwind to the top level.
struct SyntaxFailure: Error {
    var message: String
    var tokenIndex: Int
    var kind: Diagnostic.Kind = .syntax
}

/// The recursive-descent parser over the tokens of one file.
struct SourceParser {
    /// Deeper nesting than this is refused, so no input can exhaust the stack.
    static let maximumNesting = 100

    let source: UnsafeBufferPointer<UInt8>
    let path: String
    let tokens: [Token]
    let lineStarts: [Int]
    let errorMessages: [Int: String]

    var functions: [CandidateFunction] = []
    var diagnostics: [Diagnostic] = []

    var index = 0
    /// `indent` tokens passed minus `dedent` tokens passed.
    var indentDepth = 0
    var nesting = 0
    var currentFunctionName: String?
    var firstDefinitionLine: [String: Int] = [:]

    init(source: UnsafeBufferPointer<UInt8>, path: String) {
        let tokenizer = Tokenizer.tokenize(source)
        self.source = source
        self.path = path
        self.tokens = tokenizer.tokens
        self.lineStarts = tokenizer.lineStarts
        self.errorMessages = tokenizer.errorMessages
    }

    // MARK: Top level

    mutating func parseFile() {
        while current.kind != .endOfFile {
            switch current.kind {
            case .newline, .dedent:
                advance()
            case .keywordDef:
                parseFunctionRecovering()
            case .keywordImport, .keywordFrom, .string:
                skipToNextTopLevelLine()
            case .indent:
                report(
                    SyntaxFailure(
                        message: "unexpected indent at the top level; expected 'def' or an import", tokenIndex: index))
                skipToNextTopLevelLine()
            case .invalid:
                report(SyntaxFailure(message: errorMessages[index] ?? "invalid token", tokenIndex: index))
                skipToNextTopLevelLine()
            default:
                let failure = SyntaxFailure(
                    message:
                        "skipped top-level statement starting with \(quoted(index)); only imports and 'def' are read",
                    tokenIndex: index, kind: .skippedTopLevelStatement)
                report(failure, severity: .warning)
                skipToNextTopLevelLine()
            }
        }
    }

    private mutating func parseFunctionRecovering() {
        currentFunctionName = nil
        do {
            let function = try parseFunction()
            if let firstLine = firstDefinitionLine[function.name] {
                diagnostics.append(
                    Diagnostic(
                        path: path, line: function.line, column: 1,
                        message:
                            "function '\(function.name)' is defined again (first definition on line \(firstLine)); both are kept",
                        functionName: function.name, severity: .warning, kind: .duplicateFunction))
            } else {
                firstDefinitionLine[function.name] = function.line
            }
            functions.append(function)
        } catch {
            report(error)
            skipRestOfBrokenFunction()
        }
        currentFunctionName = nil
    }

    // MARK: Token access

    var current: Token { tokens[index] }

    func kind(at offset: Int) -> TokenKind {
        tokens[min(index + offset, tokens.count - 1)].kind
    }

    mutating func advance() {
        switch tokens[index].kind {
        case .indent: indentDepth += 1
        case .dedent: indentDepth -= 1
        case .endOfFile: return
        default: break
        }
        index += 1
    }

    /// Consumes a token of `kind` or fails saying what was `expected`.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ expected: String) throws(SyntaxFailure) -> Token {
        guard current.kind == kind else { throw unexpected(expected) }
        let token = current
        advance()
        return token
    }

    /// A failure at the current token: "expected X but found 'Y'".
    func unexpected(_ expected: String) -> SyntaxFailure {
        if current.kind == .invalid, let message = errorMessages[index] {
            return SyntaxFailure(message: message, tokenIndex: index)
        }
        return SyntaxFailure(message: "expected \(expected) but found \(quoted(index))", tokenIndex: index)
    }

    private var isAtTopLevelLineStart: Bool {
        guard indentDepth == 0 else { return false }
        switch current.kind {
        case .indent, .dedent, .newline: return false
        default: break
        }
        guard index > 0 else { return true }
        let previous = tokens[index - 1].kind
        return previous == .newline || previous == .dedent
    }

    /// Skips the current statement (and any block under it) up to the next line at column 0.
    private mutating func skipToNextTopLevelLine() {
        advance()
        while current.kind != .endOfFile && !isAtTopLevelLineStart { advance() }
    }

    /// Skips what is left of a function that failed to parse: up to the next line at column 0.
    /// A `def` the failure stopped at (a body that never started) is the next function's.
    /// Lines that only look top-level after a bad unindent (not at column 0) are still its own.
    private mutating func skipRestOfBrokenFunction() {
        if isAtTopLevelLineStart && current.kind == .keywordDef && isAtColumnZero { return }
        repeat { skipToNextTopLevelLine() } while current.kind != .endOfFile && !isAtColumnZero
    }

    private var isAtColumnZero: Bool {
        Int(current.start) == lineStarts[Int(current.line) - 1]
    }

    // MARK: Text and positions

    func text(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }

    /// The token at `tokenIndex` quoted for a message.
    func quoted(_ tokenIndex: Int) -> String {
        let token = tokens[tokenIndex]
        switch token.kind {
        case .newline: return "end of line"
        case .endOfFile: return "end of file"
        case .indent: return "an indented line"
        case .dedent: return "the end of the indented block"
        default:
            let text = text(token)
            let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
            return firstLine.count > 40 || firstLine.count < text.count ? "'\(firstLine.prefix(40))...'" : "'\(text)'"
        }
    }

    /// The 1-based character column of a byte offset on a 1-based line.
    func column(ofByte offset: Int, line: Int) -> Int {
        let lineStart = lineStarts[line - 1]
        var column = 1
        for byte in source[lineStart..<min(offset, source.count)] where byte & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }

    func column(of token: Token) -> Int {
        column(ofByte: Int(token.start), line: Int(token.line))
    }

    mutating func report(_ failure: SyntaxFailure, severity: Diagnostic.Severity = .error) {
        let token = tokens[failure.tokenIndex]
        diagnostics.append(
            Diagnostic(
                path: path, line: Int(token.line), column: column(of: token), message: failure.message,
                functionName: currentFunctionName, severity: severity, kind: failure.kind))
    }
}
