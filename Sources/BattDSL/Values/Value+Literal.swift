import BigInt

/// Reading Python literal text — `((1, 2), (3, 4))`, `frozenset({(0, (1, 1))})`, `{1, 2}`,
/// `True`, `None`, `-3` — into canonical values. Used by tests, fixtures and tools.
extension Value {
    public struct LiteralError: Error, CustomStringConvertible {
        public let text: String
        public let offset: Int
        public let expected: String
        public var description: String { "cannot read \"\(text)\" at offset \(offset): expected \(expected)" }
    }

    public init(literal text: String) throws {
        var reader = LiteralReader(bytes: Array(text.utf8), text: text)
        self = try reader.readValue()
        reader.skipSpaces()
        guard reader.position == reader.bytes.count else { throw reader.failure("end of text") }
    }
}

private struct LiteralReader {
    let bytes: [UInt8]
    let text: String
    var position = 0

    func failure(_ expected: String) -> Value.LiteralError {
        Value.LiteralError(text: text, offset: position, expected: expected)
    }

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x09 {
            position += 1
        }
    }

    mutating func accept(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else {
            return false
        }
        position += w.count
        return true
    }

    mutating func readValue() throws -> Value {
        skipSpaces()
        guard position < bytes.count else { throw failure("a value") }
        if accept("True") { return .true }
        if accept("False") { return .false }
        if accept("None") { return .none }
        if accept("frozenset(") {
            skipSpaces()
            if accept(")") { return .emptySet }
            guard accept("{") else { throw failure("'{' or ')'") }
            let elements = try readSequence(closing: UInt8(ascii: "}"))
            skipSpaces()
            guard accept(")") else { throw failure("')'") }
            return .set(elements)
        }
        if accept("{") { return .set(try readSequence(closing: UInt8(ascii: "}"))) }
        if accept("(") {
            let start = position
            let elements = try readSequence(closing: UInt8(ascii: ")"))
            // `(x)` is x itself; `(x,)` is a one-tuple.
            if elements.count == 1, !bytes[start..<position].contains(UInt8(ascii: ",")) { return elements[0] }
            return .tuple(elements)
        }
        return try readInt()
    }

    mutating func readSequence(closing: UInt8) throws -> [Value] {
        var elements: [Value] = []
        while true {
            skipSpaces()
            if position < bytes.count, bytes[position] == closing {
                position += 1
                return elements
            }
            elements.append(try readValue())
            skipSpaces()
            if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if position < bytes.count, bytes[position] == closing {
                continue
            } else {
                throw failure("',' or '\(Character(Unicode.Scalar(closing)))'")
            }
        }
    }

    /// An int of any size, as Python reads one.
    mutating func readInt() throws -> Value {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        let digits = String(decoding: bytes[start..<position], as: UTF8.self)
        if let n = Int(digits) { return .int(n) }
        guard position > start, let big = BigInt(digits) else {
            position = start
            throw failure("an int, a tuple, a frozenset, True, False or None")
        }
        return .integer(big)
    }
}
