/// Why a document is not valid JSON, with the line and column of the first problem.
struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    let line: Int
    let column: Int
    let reason: String
    /// The document may be valid JSON, but holds more than a task file may.
    var isSizeLimit = false

    var description: String {
        "\(isSizeLimit ? "refused" : "invalid JSON") at line \(line), column \(column): \(reason)"
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Hand-written rather than `JSONSerialization` because task files are mostly small integers and
/// need integers told apart from floats and booleans on every platform; this parser reads the
/// 400 ARC-AGI-1 training tasks in a few tens of milliseconds. Nesting is bounded, so a hostile
/// file cannot overflow the stack.
struct JSONParser {
    static let maximumDepth = 256
    /// The most values one member of the top-level object (one task of a combined file, or the
    /// `train` or `test` array of a task file) may hold: about 1,000 pairs of 30x30 grids, far
    /// beyond any ARC task. Counted while parsing, so a hostile file is refused before its tree
    /// fills memory.
    static let maximumValuesPerMember = 2_000_000

    /// A parsed document and the keys its top-level object repeats (a later copy replaces an
    /// earlier one, as in Python's json module, so callers must say so).
    struct Document {
        var value: JSONValue
        var repeatedTopLevelKeys: [String]
    }

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try parseDocument(bytes).value
    }

    static func parseDocument(
        _ bytes: [UInt8], maximumValuesPerMember: Int = maximumValuesPerMember
    ) throws(JSONSyntaxError) -> Document {
        let result: Result<Document, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer: buffer, maximumValuesPerMember: maximumValuesPerMember)
            do throws(JSONSyntaxError) {
                let value = try parser.parseDocument()
                return .success(Document(value: value, repeatedTopLevelKeys: parser.repeatedTopLevelKeys))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private let buffer: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private let maximumValuesPerMember: Int
    private var valuesLeft: Int
    private var currentTopLevelKey: String?
    private var repeatedTopLevelKeys: [String] = []

    private init(buffer: UnsafeBufferPointer<UInt8>, maximumValuesPerMember: Int) {
        self.buffer = buffer
        self.maximumValuesPerMember = maximumValuesPerMember
        valuesLeft = maximumValuesPerMember
    }

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < buffer.count else { throw error("the document is empty") }
        let value = try parseValue()
        skipWhitespace()
        guard index == buffer.count else { throw error("unexpected \(describeCurrent()) after the document") }
        return value
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < buffer.count else { throw error("unexpected end of document") }
        valuesLeft -= 1
        if valuesLeft < 0 {
            let place = currentTopLevelKey.map { "under the key \"\($0.prefix(40))\"" } ?? "in the document"
            var failure = error(
                "more than \(maximumValuesPerMember) values \(place); one task holds at most that many "
                    + "(about 1,000 pairs of 30x30 grids), so the file is refused without reading further")
            failure.isSizeLimit = true
            throw failure
        }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw error("unexpected \(describeCurrent()), expected a quoted key")
            }
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("unexpected \(describeCurrent()), expected ':'") }
            index += 1
            skipWhitespace()
            if depth == 1 {
                // Each task of a combined file gets its own allowance of values.
                valuesLeft = maximumValuesPerMember
                currentTopLevelKey = key
                if members[key] != nil { repeatedTopLevelKeys.append(key) }
            }
            // Like Python's json module, a repeated key keeps its last value.
            members[key] = try parseValue()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
            } else if peek(UInt8(ascii: "}")) {
                index += 1
                depth -= 1
                return .object(members)
            } else {
                throw error("unexpected \(describeCurrent()), expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
            } else if peek(UInt8(ascii: "]")) {
                index += 1
                depth -= 1
                return .array(elements)
            } else {
                throw error("unexpected \(describeCurrent()), expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        var isInteger = true
        let negative = peek(UInt8(ascii: "-"))
        if negative { index += 1 }
        // The value negated (so Int.min parses without overflow), nil once it does not fit.
        var negated: Int? = 0
        if peek(UInt8(ascii: "0")) {
            index += 1
        } else if peekDigit() {
            while peekDigit() {
                let digit = Int(buffer[index] &- UInt8(ascii: "0"))
                if let current = negated {
                    let (shifted, overflow1) = current.multipliedReportingOverflow(by: 10)
                    let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
                    negated = overflow1 || overflow2 ? nil : next
                }
                index += 1
            }
        } else {
            throw error("a number needs digits after '-'")
        }
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard peekDigit() else { throw error("a number needs digits after '.'") }
            while peekDigit() { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard peekDigit() else { throw error("a number needs digits in its exponent") }
            while peekDigit() { index += 1 }
        }
        if isInteger, let negated {
            if negative { return .integer(negated) }
            if negated != Int.min { return .integer(-negated) }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self))
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("a control character must be escaped inside a string") }
            index += 1
        }
        var bytes = Array(buffer[start..<index])
        while index < buffer.count {
            let byte = buffer[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &bytes)
            case 0..<0x20:
                index -= 1
                throw error("a control character must be escaped inside a string")
            default:
                bytes.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func appendEscape(to bytes: inout [UInt8]) throws(JSONSyntaxError) {
        guard index < buffer.count else { throw error("unterminated string") }
        let escape = buffer[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHexQuad()
            if (0xD800..<0xDC00).contains(scalar), peek(UInt8(ascii: "\\")),
                index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "u")
            {
                index += 2
                let low = try parseHexQuad()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    bytes.append(contentsOf: Array("\u{FFFD}".utf8))
                    scalar = low
                }
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            bytes.append(contentsOf: Array(String(Character(character)).utf8))
        default:
            index -= 1
            throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
        }
    }

    private mutating func parseHexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= buffer.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        let expected = Array(literal.utf8)
        guard index + expected.count <= buffer.count,
            expected.indices.allSatisfy({ buffer[index + $0] == expected[$0] })
        else { throw error("unexpected \(describeCurrent()), expected a value") }
        index += expected.count
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        index < buffer.count && buffer[index] == byte
    }

    private func peekDigit() -> Bool {
        index < buffer.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[index])
    }

    private func describeCurrent() -> String {
        guard index < buffer.count else { return "end of document" }
        let byte = buffer[index]
        if (0x21..<0x7F).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private func error(_ reason: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for position in 0..<min(index, buffer.count) where buffer[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return JSONSyntaxError(line: line, column: index - lineStart + 1, reason: reason)
    }
}
