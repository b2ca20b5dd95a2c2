/// Finds the names a candidate function cannot resolve, the way Python would at run time.
///
/// As in Python, a name assigned anywhere in the body is a local variable of the whole body, so
/// reading it before its first assignment is an error even when a DSL primitive has that name.
public enum CandidateChecker {
    /// The problems of `function`: undefined names, uses before definition, self references, and
    /// a missing return. `knownNames` are the DSL's primitives and constants.
    public static func check(_ function: CandidateFunction, knownNames: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstAssignmentLine: [String: Int] = [:]
        for statement in function.statements where firstAssignmentLine[statement.target] == nil {
            firstAssignmentLine[statement.target] = statement.line
        }
        var defined = Set(function.parameters.map(\.name))
        // Captured by the closures below instead of `function`, which would be copied into each.
        let path = function.path
        let functionName = function.name

        func checkReads(
            of expression: Expression, line: Int, column: Int, assigning target: String?
        ) {
            var reported: Set<String> = []
            expression.forEachName { name in
                guard !defined.contains(name), reported.insert(name).inserted else { return }
                let message: String
                let kind: Diagnostic.Kind
                if let definitionLine = firstAssignmentLine[name] {
                    // Anything assigned by an earlier statement is in `defined`, so this is its first one.
                    if name == target {
                        message = "'\(name)' is used on line \(line) in its own first definition; it has no earlier value"
                        kind = .selfReference
                    } else {
                        message = "'\(name)' is used on line \(line) before its first definition on line \(definitionLine)"
                        kind = .useBeforeDefinition
                    }
                } else if knownNames.contains(name) {
                    return
                } else {
                    message = "undefined name '\(name)' on line \(line); it is not a parameter, a variable or a DSL name"
                    kind = .undefinedName
                }
                diagnostics.append(
                    Diagnostic(
                        path: path, line: line, column: column, message: message,
                        functionName: functionName, severity: .error, kind: kind))
            }
        }

        for statement in function.statements {
            checkReads(of: statement.value, line: statement.line, column: statement.column, assigning: statement.target)
            defined.insert(statement.target)
        }
        if let returned = function.returned {
            checkReads(of: returned, line: function.returnLine ?? function.line, column: 5, assigning: nil)
        } else {
            diagnostics.append(
                Diagnostic(
                    path: function.path, line: function.line, column: 1,
                    message: "function '\(function.name)' has no return statement; add 'return <variable>'",
                    functionName: function.name, severity: .error, kind: .missingReturn))
        }
        return diagnostics
    }
}
