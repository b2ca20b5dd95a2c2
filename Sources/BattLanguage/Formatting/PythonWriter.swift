/// Writes solver-language syntax into a UTF-8 buffer exactly as CPython's `ast.unparse` prints it.
///
/// Within this subset only two of unparse's precedence rules ever add parentheses: a tuple is
/// always parenthesised (it never appears where unparse's `TUPLE` precedence would allow a bare
/// tuple), and a unary minus is parenthesised when it is called, `(-f)(x)`. Unary minus nests
/// without parentheses (`--1`) and keyword values are written like arguments (`f(x=(1, 2))`).
struct PythonWriter {
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Int) {
        PythonWriter.appendDecimal(value, to: &bytes)
    }

    /// Writes `expression` in an ordinary (argument, element, value) position.
    mutating func write(_ expression: Expression) {
        switch expression {
        case .name(let name):
            write(name)
        case .integer(let value):
            write(value)
        case .constant(let constant):
            write(constant.rawValue)
        case .negate(let operand):
            bytes.append(UInt8(ascii: "-"))
            write(operand)
        case .tuple(let elements):
            bytes.append(UInt8(ascii: "("))
            for (index, element) in elements.enumerated() {
                if index > 0 { write(", ") }
                write(element)
            }
            if elements.count == 1 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: ")"))
        case .call(let callee, let arguments, let keywords):
            if case .negate = callee {
                bytes.append(UInt8(ascii: "("))
                write(callee)
                bytes.append(UInt8(ascii: ")"))
            } else {
                write(callee)
            }
            bytes.append(UInt8(ascii: "("))
            var needsComma = false
            for argument in arguments {
                if needsComma { write(", ") }
                needsComma = true
                write(argument)
            }
            for keyword in keywords {
                if needsComma { write(", ") }
                needsComma = true
                write(keyword.name)
                bytes.append(UInt8(ascii: "="))
                write(keyword.value)
            }
            bytes.append(UInt8(ascii: ")"))
        }
    }

    /// Writes `def solve(<parameters>)[ -> <annotation>]:` without a newline.
    mutating func writeHeader(parameters: [Parameter], returnAnnotation: Expression?) {
        write("def solve(")
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { write(", ") }
            write(parameter.name)
            if let annotation = parameter.annotation {
                write(": ")
                write(annotation)
            }
        }
        bytes.append(UInt8(ascii: ")"))
        if let returnAnnotation {
            write(" -> ")
            write(returnAnnotation)
        }
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative) to `buffer`.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { storage in
            repeat {
                storage[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer.append(storage[index])
            }
        }
    }

    /// The number of characters `appendDecimal` writes for `value`.
    static func decimalLength(_ value: Int) -> Int {
        var magnitude = value.magnitude
        var count = value < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }
}
