/// A function body as an expression DAG: each variable read is an edge to the node of the
/// definition Python would see there, so a shared sub-expression is one node however often it
/// is used. Evaluating the nodes in order runs each assignment once.
public struct SolverGraph: Hashable, Sendable {
    /// One node; child references are indices of earlier nodes.
    public enum Node: Hashable, Sendable {
        /// A name with no definition in the body at that point: a parameter, a DSL name, or undefined.
        case name(String)
        /// A non-negative integer literal.
        case integer(Int)
        /// `True`, `False` or `None`.
        case constant(Expression.Constant)
        /// Unary minus of a node.
        case negate(Int)
        /// A tuple of nodes.
        case tuple([Int])
        /// A call of a node with positional and keyword argument nodes.
        case call(callee: Int, arguments: [Int], keywords: [KeywordArgument])

        /// Whether the node has no children.
        public var isLeaf: Bool {
            switch self {
            case .name, .integer, .constant: return true
            case .negate, .tuple, .call: return false
            }
        }
    }

    /// A keyword argument `name=node` of a call node.
    public struct KeywordArgument: Hashable, Sendable {
        /// The parameter name before `=`.
        public var name: String
        /// The index of the value node.
        public var node: Int
    }

    /// The nodes in evaluation order: every child comes before its parents.
    public private(set) var nodes: [Node] = []
    /// The index of the returned node.
    public private(set) var root: Int = 0
    /// The function's parameters.
    public let parameters: [Parameter]
    /// The function's return annotation, if any.
    public let returnAnnotation: Expression?

    /// Builds the DAG of `function`, resolving each read to the latest earlier assignment.
    /// - Throws: `LanguageError.missingReturn` when the function returns nothing.
    public init(_ function: CandidateFunction) throws(LanguageError) {
        guard let returned = function.returned else {
            throw .missingReturn(function: function.name, path: function.path, line: function.line)
        }
        parameters = function.parameters
        returnAnnotation = function.returnAnnotation
        var builder = Builder()
        builder.nodeOfName.reserveCapacity(function.statements.count + 8)
        nodes.reserveCapacity(function.statements.count * 4 + 4)
        for statement in function.statements {
            let node = builder.add(statement.value, to: &nodes)
            builder.nodeOfName[statement.target] = node
        }
        root = builder.add(returned, to: &nodes)
    }

    private struct Builder {
        /// The node a name reads: its latest assignment, else one shared leaf for the free name.
        /// An assignment overwrites the leaf, so reads after it see the assigned value.
        var nodeOfName: [String: Int] = [:]

        mutating func add(_ expression: Expression, to nodes: inout [Node]) -> Int {
            let node: Node
            switch expression {
            case .name(let name):
                if let node = nodeOfName[name] { return node }
                nodeOfName[name] = nodes.count
                node = .name(name)
            case .integer(let value):
                node = .integer(value)
            case .constant(let constant):
                node = .constant(constant)
            case .negate(let operand):
                node = .negate(add(operand, to: &nodes))
            case .tuple(let elements):
                node = .tuple(elements.map { add($0, to: &nodes) })
            case .call(let callee, let arguments, let keywords):
                let calleeNode = add(callee, to: &nodes)
                let argumentNodes = arguments.map { add($0, to: &nodes) }
                let keywordNodes = keywords.map { KeywordArgument(name: $0.name, node: add($0.value, to: &nodes)) }
                node = .call(callee: calleeNode, arguments: argumentNodes, keywords: keywordNodes)
            }
            nodes.append(node)
            return nodes.count - 1
        }
    }
}
