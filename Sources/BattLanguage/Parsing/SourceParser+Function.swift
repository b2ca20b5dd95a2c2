extension SourceParser {
    /// `def NAME ( [NAME [: expr]] , ... ) [-> expr] : body`
    mutating func parseFunction() throws(SyntaxFailure) -> CandidateFunction {
        let defToken = try expect(.keywordDef, "'def'")
        let nameToken = try expect(.name, "a function name after 'def'")
        let name = text(nameToken)
        currentFunctionName = name
        try expect(.leftParen, "'(' after the function name")

        var parameters: [Parameter] = []
        while current.kind != .rightParen {
            guard current.kind == .name else { throw unexpected("a parameter name") }
            let parameterIndex = index
            let parameterName = text(current)
            advance()
            if parameters.contains(where: { $0.name == parameterName }) {
                throw SyntaxFailure(message: "duplicate parameter '\(parameterName)'", tokenIndex: parameterIndex)
            }
            var annotation: Expression?
            if current.kind == .colon {
                advance()
                annotation = try parseExpression()
            }
            parameters.append(Parameter(name: parameterName, annotation: annotation))
            guard current.kind == .comma else { break }
            advance()
        }
        try expect(.rightParen, "',' or ')' after parameter '\(parameters.last?.name ?? "")'")
        var returnAnnotation: Expression?
        if current.kind == .arrow {
            advance()
            returnAnnotation = try parseExpression()
        }
        try expect(.colon, "':' after the parameter list")

        var body = FunctionBody()
        if current.kind == .newline {
            advance()
            try expect(.indent, "an indented block after 'def \(name)(...):'")
            repeat {
                try parseStatementLine(into: &body)
            } while current.kind != .dedent && current.kind != .endOfFile
            advance()
        } else {
            try parseStatementLine(into: &body)
        }

        return CandidateFunction(
            name: name, parameters: parameters, returnAnnotation: returnAnnotation, statements: body.statements,
            returned: body.returned, returnLine: body.returnLine, path: path, line: Int(defToken.line))
    }

    /// One logical line of simple statements separated by `;`, ending in a newline.
    private mutating func parseStatementLine(into body: inout FunctionBody) throws(SyntaxFailure) {
        while true {
            try parseSimpleStatement(into: &body)
            if current.kind == .semicolon {
                advance()
                if current.kind == .newline { break }
                continue
            }
            break
        }
        try expect(.newline, "end of line after the statement")
    }

    private mutating func parseSimpleStatement(into body: inout FunctionBody) throws(SyntaxFailure) {
        let statementToken = current
        let isUnreachable = body.returned != nil
        if isUnreachable && !body.reportedUnreachable {
            body.reportedUnreachable = true
            let failure = SyntaxFailure(
                message: "statement after the return on line \(body.returnLine ?? 0) never runs and is ignored",
                tokenIndex: index, kind: .unreachableStatement)
            report(failure, severity: .warning)
        }
        switch current.kind {
        case .name:
            let target = text(current)
            guard kind(at: 1) == .equals else {
                advance()
                if current.kind == .comma {
                    throw unexpected("'=' after '\(target)' (unpacking assignments are not supported)")
                }
                throw unexpected("'=' after '\(target)' (only assignments, 'return' and docstrings are supported)")
            }
            advance()
            advance()
            let value = try parseExpressionList()
            if current.kind == .equals {
                throw unexpected("end of line (chained assignments are not supported; assign one variable per line)")
            }
            if !isUnreachable {
                body.statements.append(
                    Assignment(
                        target: target, value: value, line: Int(statementToken.line), column: column(of: statementToken)
                    ))
            }
        case .keywordReturn:
            advance()
            switch current.kind {
            case .newline, .semicolon, .endOfFile:
                throw unexpected("an expression after 'return'")
            default:
                break
            }
            let value = try parseExpressionList()
            if !isUnreachable {
                body.returned = value
                body.returnLine = Int(statementToken.line)
            }
        case .string:
            while current.kind == .string { advance() }
        case .keywordPass:
            advance()
        case .keywordDef:
            throw SyntaxFailure(message: "nested function definitions are not supported", tokenIndex: index)
        case .keywordTrue, .keywordFalse, .keywordNone:
            throw SyntaxFailure(message: "cannot assign to \(quoted(index))", tokenIndex: index)
        case .indent:
            throw SyntaxFailure(
                message: "unexpected indent; statements of a function body must line up", tokenIndex: index)
        case .keywordOther:
            throw SyntaxFailure(
                message:
                    "\(quoted(index)) statements are not supported; expected an assignment, 'return' or a docstring",
                tokenIndex: index)
        default:
            throw unexpected("an assignment, 'return' or a docstring")
        }
    }
}

/// The statements of a function body collected while parsing it.
struct FunctionBody {
    var statements: [Assignment] = []
    var returned: Expression?
    var returnLine: Int?
    var reportedUnreachable = false
}
