/// Finds the names a candidate function cannot resolve, the way Python would at run time.
///
/// As in Python, a name assigned anywhere in the body is a local variable of the whole body, so
/// reading it before its first assignment is an error even when a DSL primitive has that name.
public enum CandidateChecker {
    /// The problems of `function`: undefined names, uses before definition, self references, and
    /// a missing return. `knownNames` are the DSL's primitives and constants.
    public static func check(_ function: CandidateFunction, knownNames: Set<String>) -> [Diagnostic] {
        var scope = Scope(knownNames: knownNames, path: function.path, functionName: function.name)
        for (index, statement) in function.statements.enumerated() where scope.firstAssignment[statement.target] == nil
        {
            scope.firstAssignment[statement.target] = (index, statement.line)
        }
        for parameter in function.parameters { scope.parameters.insert(parameter.name) }
        for (index, statement) in function.statements.enumerated() {
            scope.checkReads(
                of: statement.value, statement: index, line: statement.line,
                column: statement.column, assigning: statement.target)
        }
        if let returned = function.returned {
            scope.checkReads(
                of: returned, statement: function.statements.count,
                line: function.returnLine ?? function.line, column: 5, assigning: nil)
        } else {
            scope.diagnostics.append(
                Diagnostic(
                    path: function.path, line: function.line, column: 1,
                    message: "function '\(function.name)' has no return statement; add 'return <variable>'",
                    functionName: function.name, severity: .error, kind: .missingReturn))
        }
        return scope.diagnostics
    }

    /// What a read of a name can resolve to: its parameters, its assignments (by first statement
    /// index), and the DSL's names.
    private struct Scope {
        let knownNames: Set<String>
        let path: String
        let functionName: String
        var parameters: Set<String> = []
        var firstAssignment: [String: (index: Int, line: Int)] = [:]
        var diagnostics: [Diagnostic] = []
        /// Names already reported for the statement being checked, so each is reported once.
        var reported: [String] = []

        mutating func checkReads(
            of expression: Expression, statement: Int, line: Int, column: Int, assigning target: String?
        ) {
            reported.removeAll(keepingCapacity: true)
            visit(expression, statement: statement, line: line, column: column, target: target)
        }

        private mutating func visit(_ expression: Expression, statement: Int, line: Int, column: Int, target: String?) {
            switch expression {
            case .name(let name):
                read(name, statement: statement, line: line, column: column, target: target)
            case .integer, .constant:
                break
            case .negate(let operand):
                visit(operand, statement: statement, line: line, column: column, target: target)
            case .tuple(let elements):
                for element in elements {
                    visit(element, statement: statement, line: line, column: column, target: target)
                }
            case .call(let callee, let arguments, let keywords):
                visit(callee, statement: statement, line: line, column: column, target: target)
                for argument in arguments {
                    visit(argument, statement: statement, line: line, column: column, target: target)
                }
                for keyword in keywords {
                    visit(keyword.value, statement: statement, line: line, column: column, target: target)
                }
            }
        }

        private mutating func read(_ name: String, statement: Int, line: Int, column: Int, target: String?) {
            if parameters.contains(name) { return }
            let message: String
            let kind: Diagnostic.Kind
            if let first = firstAssignment[name] {
                if first.index < statement { return }
                if name == target {
                    message = "'\(name)' is used on line \(line) in its own first definition; it has no earlier value"
                    kind = .selfReference
                } else {
                    message = "'\(name)' is used on line \(line) before its first definition on line \(first.line)"
                    kind = .useBeforeDefinition
                }
            } else if knownNames.contains(name) {
                return
            } else {
                message = "undefined name '\(name)' on line \(line); it is not a parameter, a variable or a DSL name"
                kind = .undefinedName
            }
            guard !reported.contains(name) else { return }
            reported.append(name)
            diagnostics.append(
                Diagnostic(
                    path: path, line: line, column: column, message: message,
                    functionName: functionName, severity: .error, kind: kind))
        }
    }
}
