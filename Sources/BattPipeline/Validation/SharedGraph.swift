import BattDSL

/// The programs of one task merged into one graph of distinct nodes: two nodes are one when they
/// call the same primitive (or callee node) on the same argument nodes, or are the same constant
/// or parameter.
///
/// A program that holds two equal calls keeps them apart (its second is matched only with other
/// programs' second), so no program ever sees one function object where alone it had two.
struct SharedGraph {
    /// For each program, the graph node of each of its nodes.
    let nodesOfProgram: [[Int]]
    let nodeCount: Int
    /// For each program, the graph nodes no later program reads: released once it is done.
    let releasedAfter: [[Int]]
    /// For each graph node, the last program that reads it.
    let lastReader: [Int]
    /// The graph as one program over `SharedGraph.arguments`: node `id` computes graph node `id`
    /// from graph nodes, exactly as each program's node of that id computes it from its own.
    let program: Program
    /// For each graph node, whether it calls something.
    let isCall: [Bool]
    /// For each program, the graph node of its result.
    let resultOfProgram: [Int]

    /// The graph program's parameters, by role: the input grid, the demonstrations, None.
    static func arguments(input: Value, demonstrations: Value) -> [Value] {
        [input, demonstrations, .none]
    }

    private enum Key: Hashable {
        case parameter(String)
        case integer(Int)
        case point(Int, Int)
        case primitiveFunction(String)
        case constant(String)
        case primitive(String, [Int])
        case dynamic(callee: Int, arguments: [Int], keywords: [String], keywordNodes: [Int])
        case negate(Int)
        case tuple([Int])
        /// Never shared: a node that only raises.
        case failure(program: Int, node: Int)
    }

    private struct Occurrence: Hashable {
        let key: Key
        let index: Int
    }

    init(_ programs: [Program]) {
        var ids: [Occurrence: Int] = [:]
        var nodesOfProgram: [[Int]] = []
        nodesOfProgram.reserveCapacity(programs.count)
        var lastReader: [Int] = []
        var graphNodes: [Program.Node] = []
        var resultOfProgram: [Int] = []
        resultOfProgram.reserveCapacity(programs.count)
        // The last program that used each graph node (telling a program's repeated calls apart).
        var usedBy: [Int] = []
        for (p, program) in programs.enumerated() {
            var local = [Int](repeating: -1, count: program.nodes.count)
            for (n, node) in program.nodes.enumerated() {
                let key: Key
                switch node {
                case .parameter(let k):
                    let name = k < program.parameterNames.count ? program.parameterNames[k] : ""
                    key = .parameter(SharedGraph.argumentRole(of: name))
                case .constant(let value):
                    key = SharedGraph.key(of: value)
                case .primitive(let primitive, let arguments):
                    key = .primitive(primitive.name, arguments.map { local[$0] })
                case .dynamic(let callee, let arguments, let keywords):
                    key = .dynamic(
                        callee: local[callee], arguments: arguments.map { local[$0] },
                        keywords: keywords.map(\.name), keywordNodes: keywords.map { local[$0.node] })
                case .negate(let operand):
                    key = .negate(local[operand])
                case .tuple(let elements):
                    key = .tuple(elements.map { local[$0] })
                case .failure:
                    key = .failure(program: p, node: n)
                }
                // Only a call can make a new function object: a program's second equal call is
                // its own node (shared with other programs' second). Equal values of any other
                // node are indistinguishable, so they share whatever their number.
                var index = 0
                var id: Int? = ids[Occurrence(key: key, index: 0)]
                if node.isCall {
                    while let found = id, usedBy[found] == p {
                        index += 1
                        id = ids[Occurrence(key: key, index: index)]
                    }
                }
                if let id {
                    local[n] = id
                    lastReader[id] = p
                } else {
                    local[n] = lastReader.count
                    ids[Occurrence(key: key, index: index)] = lastReader.count
                    lastReader.append(p)
                    usedBy.append(-1)
                    graphNodes.append(SharedGraph.graphNode(node, of: program, local: local))
                }
                usedBy[local[n]] = p
            }
            nodesOfProgram.append(local)
            resultOfProgram.append(local[program.result])
        }
        var releasedAfter = [[Int]](repeating: [], count: programs.count)
        for (id, reader) in lastReader.enumerated() { releasedAfter[reader].append(id) }
        self.nodesOfProgram = nodesOfProgram
        self.nodeCount = lastReader.count
        self.releasedAfter = releasedAfter
        self.lastReader = lastReader
        self.program = Program(parameterNames: ["I", "S", "C"], nodes: graphNodes, result: 0)
        self.isCall = graphNodes.map(\.isCall)
        self.resultOfProgram = resultOfProgram
    }

    /// A constant's key: its description only for what is neither a number, a point nor a primitive.
    private static func key(of value: Value) -> Key {
        switch value {
        case .int(let number): return .integer(number)
        case .pair(let i, let j): return .point(i, j)
        case .function(let function):
            if case .primitive(let primitive) = function.kind { return .primitiveFunction(primitive.name) }
            return .constant(String(describing: value))
        default: return .constant(String(describing: value))
        }
    }

    /// `node` of `program` over graph nodes: its arguments renamed by `local`, a parameter by its role.
    private static func graphNode(_ node: Program.Node, of program: Program, local: [Int]) -> Program.Node {
        switch node {
        case .parameter(let k):
            let name = k < program.parameterNames.count ? program.parameterNames[k] : ""
            switch argumentRole(of: name) {
            case "I": return .parameter(0)
            case "S": return .parameter(1)
            default: return .parameter(2)
            }
        case .constant, .failure:
            return node
        case .primitive(let primitive, let arguments):
            return .primitive(primitive, arguments.map { local[$0] })
        case .dynamic(let callee, let arguments, let keywords):
            return .dynamic(
                callee: local[callee], arguments: arguments.map { local[$0] },
                keywords: keywords.map { (name: $0.name, node: local[$0.node]) })
        case .negate(let operand):
            return .negate(local[operand])
        case .tuple(let elements):
            return .tuple(elements.map { local[$0] })
        }
    }

    /// What a parameter receives, by its name: the input grid, the demonstrations, or None.
    static func argumentRole(of name: String) -> String {
        name == "I" || name == "S" ? name : ""
    }
}
