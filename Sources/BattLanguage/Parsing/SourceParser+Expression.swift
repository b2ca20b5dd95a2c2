extension SourceParser {
    /// `expr (, expr)* [,]` — a bare tuple when there is a comma, as after `return` or `=`.
    mutating func parseExpressionList() throws(SyntaxFailure) -> Expression {
        let first = try parseExpression()
        guard current.kind == .comma else { return first }
        var elements = [first]
        while current.kind == .comma {
            advance()
            guard startsExpression(current.kind) else { break }
            elements.append(try parseExpression())
        }
        return .tuple(elements)
    }

    /// `-expr` or a primary: unary minus binds looser than calls, so `-f(x)` is `-(f(x))`.
    mutating func parseExpression() throws(SyntaxFailure) -> Expression {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= SourceParser.maximumNesting else {
            throw SyntaxFailure(
                message:
                    "expression nested more than \(SourceParser.maximumNesting) levels deep; split it into assignments",
                tokenIndex: index)
        }
        if current.kind == .minus {
            advance()
            return .negate(try parseExpression())
        }
        var expression = try parseAtom()
        while current.kind == .leftParen {
            expression = try parseCall(of: expression)
        }
        return expression
    }

    private func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .name, .number, .leftParen, .minus, .keywordTrue, .keywordFalse, .keywordNone: return true
        default: return false
        }
    }

    private mutating func parseAtom() throws(SyntaxFailure) -> Expression {
        switch current.kind {
        case .name:
            let name = text(current)
            advance()
            return .name(name)
        case .number:
            let value = try integerLiteral(current)
            advance()
            return .integer(value)
        case .keywordTrue:
            advance()
            return .constant(.true)
        case .keywordFalse:
            advance()
            return .constant(.false)
        case .keywordNone:
            advance()
            return .constant(.none)
        case .leftParen:
            advance()
            if current.kind == .rightParen {
                advance()
                return .tuple([])
            }
            let first = try parseExpression()
            if current.kind == .rightParen {
                advance()
                return first
            }
            guard current.kind == .comma else { throw unexpected("',' or ')'") }
            var elements = [first]
            while current.kind == .comma {
                advance()
                if current.kind == .rightParen { break }
                elements.append(try parseExpression())
            }
            try expect(.rightParen, "',' or ')' in the tuple")
            return .tuple(elements)
        case .string:
            throw SyntaxFailure(
                message: "string literal \(quoted(index)) is not supported in an expression", tokenIndex: index)
        default:
            throw unexpected("an expression")
        }
    }

    /// `callee ( args )` where args are positional expressions, then `name=expr` keywords.
    private mutating func parseCall(of callee: Expression) throws(SyntaxFailure) -> Expression {
        try expect(.leftParen, "'('")
        var arguments: [Expression] = []
        var keywords: [Keyword] = []
        while current.kind != .rightParen {
            if current.kind == .name && kind(at: 1) == .equals {
                let nameIndex = index
                let name = text(current)
                if keywords.contains(where: { $0.name == name }) {
                    throw SyntaxFailure(message: "keyword argument '\(name)' repeated", tokenIndex: nameIndex)
                }
                advance()
                advance()
                keywords.append(Keyword(name: name, value: try parseExpression()))
            } else {
                let argumentIndex = index
                let argument = try parseExpression()
                if !keywords.isEmpty {
                    throw SyntaxFailure(
                        message:
                            "positional argument \(quoted(argumentIndex)) follows keyword argument '\(keywords[keywords.count - 1].name)'",
                        tokenIndex: argumentIndex)
                }
                arguments.append(argument)
            }
            guard current.kind == .comma else { break }
            advance()
        }
        try expect(.rightParen, "',' or ')' after the argument")
        return .call(callee: callee, arguments: arguments, keywords: keywords)
    }

    /// The value of an integer literal token: decimal, `0x`, `0o` or `0b`, with `_` separators.
    private func integerLiteral(_ token: Token) throws(SyntaxFailure) -> Int {
        let bytes = UnsafeBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)])
        var radix = 10
        var digitsStart = 0
        if bytes.count > 2 && bytes[0] == UInt8(ascii: "0") {
            switch bytes[1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: break
            }
            if radix != 10 { digitsStart = 2 }
        }
        var value = 0
        var overflow = false
        var previousWasDigit = radix != 10  // `0x_1f` is valid Python; `_1` is a name, never a number
        var digitCount = 0
        var sawNonZero = false
        for byte in bytes[digitsStart...] {
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit else { throw invalidNumber(token) }
                previousWasDigit = false
                continue
            }
            guard let digit = SourceParser.digitValue(byte), digit < radix else { throw invalidNumber(token) }
            previousWasDigit = true
            digitCount += 1
            if digit != 0 { sawNonZero = true }
            let (shifted, overflowMultiply) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(digit)
            overflow = overflow || overflowMultiply || overflowAdd
            value = sum
        }
        guard previousWasDigit, digitCount > 0 else { throw invalidNumber(token) }
        if radix == 10 && bytes[0] == UInt8(ascii: "0") && sawNonZero {
            throw SyntaxFailure(
                message:
                    "leading zeros in decimal integer literal \(quoted(index)) are not permitted; use an 0o prefix for octal",
                tokenIndex: index)
        }
        if overflow {
            throw SyntaxFailure(
                message: "integer literal \(quoted(index)) is out of range; integers must fit in 64 bits",
                tokenIndex: index, kind: .integerOutOfRange)
        }
        return value
    }

    private func invalidNumber(_ token: Token) -> SyntaxFailure {
        SyntaxFailure(
            message: "unsupported number literal \(quoted(index)); only integers are supported", tokenIndex: index)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
