/// Splits UTF-8 Python source into tokens the way CPython's tokenizer does for the solver subset:
/// logical lines (`newline`), `indent`/`dedent` from leading whitespace, implicit line joining
/// inside brackets, backslash continuation, `#` comments and string literals (docstrings).
///
/// It never stops early: a lexical error becomes an `invalid` token (message in `errorMessages`)
/// and scanning goes on, and `indent`/`dedent` tokens always balance, so the parser can recover.
struct Tokenizer {
    private let source: UnsafeBufferPointer<UInt8>
    private(set) var tokens: [Token] = []
    /// The byte offset where each line starts; index 0 is line 1.
    private(set) var lineStarts: [Int] = [0]
    /// The message of each `invalid` token, by token index.
    private(set) var errorMessages: [Int: String] = [:]

    private var position = 0
    private var line = 1
    private var bracketDepth = 0
    private var indentation: [Int] = [0]

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        tokens.reserveCapacity(source.count / 3)
        // A UTF-8 byte order mark, which Python accepts at the start of a file.
        if source.count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF {
            position = 3
            lineStarts[0] = 3
        }
    }

    /// Tokenizes the whole source.
    static func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> Tokenizer {
        var tokenizer = Tokenizer(source: source)
        tokenizer.run()
        return tokenizer
    }

    private mutating func run() {
        var atLineStart = true
        while true {
            if atLineStart {
                if bracketDepth > 0 {
                    // A `def` at column 0 can never continue an expression: an earlier bracket was
                    // left open. Close the logical line here so the next function still parses.
                    if startsTopLevelDef(at: position) {
                        bracketDepth = 0
                        append(.newline, from: position, to: position)
                    } else {
                        atLineStart = false
                    }
                }
                if bracketDepth == 0 && atLineStart {
                    guard startLogicalLine() else { break }
                    atLineStart = false
                }
            }
            guard position < source.count else { break }
            let byte = source[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                position += 1
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if bracketDepth == 0, let last = tokens.last, last.kind != .newline {
                    append(.newline, from: position, to: position + 1)
                }
                consumeLineBreak()
                atLineStart = true
            case UInt8(ascii: "\\"):
                let next = position + 1
                if next < source.count, source[next] == UInt8(ascii: "\n") || source[next] == UInt8(ascii: "\r") {
                    position = next
                    consumeLineBreak()
                } else {
                    appendInvalid(from: position, to: position + 1, "unexpected character after line continuation '\\'")
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                scanNumber()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                scanString(from: position, quoteAt: position)
            case UInt8(ascii: "."):
                if position + 1 < source.count, Tokenizer.isDigit(source[position + 1]) {
                    scanNumber()
                } else {
                    consume(.otherOperator, length: 1)
                }
            case UInt8(ascii: "("):
                bracketDepth += 1
                consume(.leftParen, length: 1)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                bracketDepth += 1
                consume(.otherOperator, length: 1)
            case UInt8(ascii: ")"):
                bracketDepth = max(0, bracketDepth - 1)
                consume(.rightParen, length: 1)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                bracketDepth = max(0, bracketDepth - 1)
                consume(.otherOperator, length: 1)
            case UInt8(ascii: ","):
                consume(.comma, length: 1)
            case UInt8(ascii: ":"):
                consume(.colon, length: 1)
            case UInt8(ascii: ";"):
                consume(.semicolon, length: 1)
            case UInt8(ascii: "="):
                if peek(1) == UInt8(ascii: "=") {
                    consume(.otherOperator, length: 2)
                } else {
                    consume(.equals, length: 1)
                }
            case UInt8(ascii: "-"):
                if peek(1) == UInt8(ascii: ">") {
                    consume(.arrow, length: 2)
                } else if peek(1) == UInt8(ascii: "=") {
                    consume(.otherOperator, length: 2)
                } else {
                    consume(.minus, length: 1)
                }
            default:
                if Tokenizer.isIdentifierStart(byte) {
                    scanNameOrPrefixedString()
                } else if byte > 0x20 && byte < 0x7F {
                    // One operator; a following `=` (`+=`, `!=`, `<=`) or doubled byte belongs to it.
                    var end = position + 1
                    if let next = peek(1), next == UInt8(ascii: "=") || next == byte { end += 1 }
                    consume(.otherOperator, length: end - position)
                } else {
                    appendInvalid(
                        from: position, to: position + 1, "unexpected byte 0x\(String(byte, radix: 16)) in the source")
                }
            }
        }
        if let last = tokens.last, last.kind != .newline {
            append(.newline, from: source.count, to: source.count)
        }
        while indentation.count > 1 {
            indentation.removeLast()
            append(.dedent, from: source.count, to: source.count)
        }
        append(.endOfFile, from: source.count, to: source.count)
    }

    /// Measures the indentation of the next non-blank line and emits `indent`/`dedent` tokens.
    /// Returns false at the end of the source.
    private mutating func startLogicalLine() -> Bool {
        while true {
            var column = 0
            var index = position
            scan: while index < source.count {
                switch source[index] {
                case UInt8(ascii: " "): column += 1
                case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8
                case 0x0C: column = 0
                default: break scan
                }
                index += 1
            }
            position = index
            guard index < source.count else { return false }
            switch source[index] {
            case UInt8(ascii: "#"):
                skipComment()
                if position < source.count { consumeLineBreak() }
                continue
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                consumeLineBreak()
                continue
            default:
                break
            }
            if column > indentation[indentation.count - 1] {
                indentation.append(column)
                append(.indent, from: index, to: index)
            } else {
                // Reported before the dedents, so the error belongs to the block being closed.
                if !indentation.contains(column) {
                    appendInvalid(from: index, to: index, "unindent does not match any outer indentation level")
                }
                while column < indentation[indentation.count - 1] {
                    indentation.removeLast()
                    append(.dedent, from: index, to: index)
                }
            }
            return true
        }
    }

    private func startsTopLevelDef(at index: Int) -> Bool {
        guard index + 3 <= source.count,
            source[index] == UInt8(ascii: "d"), source[index + 1] == UInt8(ascii: "e"),
            source[index + 2] == UInt8(ascii: "f")
        else { return false }
        return index + 3 == source.count || !Tokenizer.isIdentifierContinuation(source[index + 3])
    }

    private func peek(_ offset: Int) -> UInt8? {
        let index = position + offset
        return index < source.count ? source[index] : nil
    }

    private mutating func skipComment() {
        while position < source.count, source[position] != UInt8(ascii: "\n"), source[position] != UInt8(ascii: "\r") {
            position += 1
        }
    }

    /// Consumes `\n`, `\r\n` or `\r` at `position` and starts a new line.
    private mutating func consumeLineBreak() {
        if source[position] == UInt8(ascii: "\r"), position + 1 < source.count,
            source[position + 1] == UInt8(ascii: "\n")
        {
            position += 1
        }
        position += 1
        line += 1
        lineStarts.append(position)
    }

    private mutating func scanNumber() {
        let start = position
        while position < source.count {
            let byte = source[position]
            if Tokenizer.isIdentifierContinuation(byte) || byte == UInt8(ascii: ".") {
                position += 1
            } else {
                break
            }
        }
        tokens.append(Token(kind: .number, start: Int32(start), end: Int32(position), line: Int32(line)))
    }

    private mutating func scanNameOrPrefixedString() {
        let start = position
        while position < source.count, Tokenizer.isIdentifierContinuation(source[position]) {
            position += 1
        }
        if position < source.count, source[position] == UInt8(ascii: "\"") || source[position] == UInt8(ascii: "'"),
            Tokenizer.isStringPrefix(source[start..<position])
        {
            scanString(from: start, quoteAt: position)
            return
        }
        let kind = Tokenizer.keywordKind(source[start..<position])
        tokens.append(Token(kind: kind, start: Int32(start), end: Int32(position), line: Int32(line)))
    }

    /// Scans a string literal whose (optional) prefix starts at `start` and quote at `quoteIndex`.
    private mutating func scanString(from start: Int, quoteAt quoteIndex: Int) {
        let startLine = line
        let quote = source[quoteIndex]
        let isTriple =
            quoteIndex + 2 < source.count && source[quoteIndex + 1] == quote && source[quoteIndex + 2] == quote
        position = quoteIndex + (isTriple ? 3 : 1)
        while position < source.count {
            let byte = source[position]
            if byte == UInt8(ascii: "\\") {
                position += 1
                if position < source.count {
                    if source[position] == UInt8(ascii: "\n") || source[position] == UInt8(ascii: "\r") {
                        consumeLineBreak()
                    } else {
                        position += 1
                    }
                }
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                guard isTriple else { break }
                consumeLineBreak()
            } else if byte == quote {
                if !isTriple {
                    position += 1
                    tokens.append(
                        Token(kind: .string, start: Int32(start), end: Int32(position), line: Int32(startLine)))
                    return
                }
                if position + 2 < source.count, source[position + 1] == quote, source[position + 2] == quote {
                    position += 3
                    tokens.append(
                        Token(kind: .string, start: Int32(start), end: Int32(position), line: Int32(startLine)))
                    return
                }
                position += 1
            } else {
                position += 1
            }
        }
        let message =
            isTriple
            ? "unterminated triple-quoted string literal starting on line \(startLine)"
            : "unterminated string literal; close it with \(quote == UInt8(ascii: "'") ? "'" : "\"") on the same line"
        errorMessages[tokens.count] = message
        tokens.append(Token(kind: .invalid, start: Int32(start), end: Int32(position), line: Int32(startLine)))
    }

    /// Appends a token without moving `position`.
    private mutating func append(_ kind: TokenKind, from start: Int, to end: Int) {
        tokens.append(Token(kind: kind, start: Int32(start), end: Int32(end), line: Int32(line)))
    }

    /// Appends a token of `length` bytes at `position` and moves past it.
    private mutating func consume(_ kind: TokenKind, length: Int) {
        append(kind, from: position, to: position + length)
        position += length
    }

    private mutating func appendInvalid(from start: Int, to end: Int, _ message: String) {
        errorMessages[tokens.count] = message
        append(.invalid, from: start, to: end)
        position = max(position, end)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte >= 0x80
    }

    static func isIdentifierContinuation(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    private static func isStringPrefix(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard bytes.count <= 2 else { return false }
        var seen: Set<UInt8> = []
        for byte in bytes {
            let lower = byte | 0x20
            guard
                lower == UInt8(ascii: "r") || lower == UInt8(ascii: "u") || lower == UInt8(ascii: "b")
                    || lower == UInt8(ascii: "f"),
                seen.insert(lower).inserted
            else { return false }
        }
        return bytes.count == 1 || !seen.contains(UInt8(ascii: "u"))
    }

    /// The keyword kind of an identifier, or `.name`.
    private static func keywordKind(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> TokenKind {
        guard bytes.count >= 2, bytes.count <= 8 else { return .name }
        return keywords[packed(bytes)] ?? .name
    }

    /// Up to 8 bytes packed into one integer, so keyword lookup needs no `String`.
    private static func packed<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    private static let keywords: [UInt64: TokenKind] = {
        var table: [UInt64: TokenKind] = [:]
        let named: [(String, TokenKind)] = [
            ("def", .keywordDef), ("return", .keywordReturn), ("import", .keywordImport), ("from", .keywordFrom),
            ("pass", .keywordPass), ("True", .keywordTrue), ("False", .keywordFalse), ("None", .keywordNone),
        ]
        for (word, kind) in named { table[packed(word.utf8)] = kind }
        let others = [
            "and", "as", "assert", "async", "await", "break", "class", "continue", "del", "elif", "else", "except",
            "finally", "for", "global", "if", "in", "is", "lambda", "nonlocal", "not", "or", "raise", "try", "while",
            "with", "yield",
        ]
        for word in others { table[packed(word.utf8)] = .keywordOther }
        return table
    }()
}
