/// Writes the inlined text of a DAG node with the formatting rules of `PythonWriter`.
///
/// It walks with an explicit stack rather than recursion: a long chain of assignments makes a
/// deep expression, and this may run on a thread with a small stack.
struct GraphRenderer {
    let graph: SolverGraph

    private enum Step {
        case node(Int)
        case text(StaticString)
        case keywordName(node: Int, keyword: Int)
    }

    func render(_ root: Int, into buffer: inout [UInt8]) {
        var steps: [Step] = [.node(root)]
        while let step = steps.popLast() {
            switch step {
            case .text(let text):
                text.withUTF8Buffer { buffer.append(contentsOf: $0) }
            case .keywordName(let node, let keyword):
                guard case .call(_, _, let keywords) = graph.nodes[node] else { preconditionFailure("not a call") }
                buffer.append(contentsOf: keywords[keyword].name.utf8)
                buffer.append(UInt8(ascii: "="))
            case .node(let index):
                switch graph.nodes[index] {
                case .name(let name):
                    buffer.append(contentsOf: name.utf8)
                case .integer(let value):
                    PythonWriter.appendDecimal(value, to: &buffer)
                case .constant(let constant):
                    buffer.append(contentsOf: constant.rawValue.utf8)
                case .negate(let operand):
                    buffer.append(UInt8(ascii: "-"))
                    steps.append(.node(operand))
                case .tuple(let elements):
                    buffer.append(UInt8(ascii: "("))
                    steps.append(.text(elements.count == 1 ? ",)" : ")"))
                    for (position, element) in elements.enumerated().reversed() {
                        steps.append(.node(element))
                        if position > 0 { steps.append(.text(", ")) }
                    }
                case .call(let callee, let arguments, let keywords):
                    // Pushed in reverse: callee, "(", arguments, keywords, ")".
                    steps.append(.text(")"))
                    for (position, keyword) in keywords.enumerated().reversed() {
                        steps.append(.node(keyword.node))
                        steps.append(.keywordName(node: index, keyword: position))
                        if arguments.count + position > 0 { steps.append(.text(", ")) }
                    }
                    for (position, argument) in arguments.enumerated().reversed() {
                        steps.append(.node(argument))
                        if position > 0 { steps.append(.text(", ")) }
                    }
                    if case .negate = graph.nodes[callee] {
                        steps.append(.text(")("))
                        steps.append(.node(callee))
                        steps.append(.text("("))
                    } else {
                        steps.append(.text("("))
                        steps.append(.node(callee))
                    }
                }
            }
        }
    }
}
