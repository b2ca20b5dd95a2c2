import BattDSL

/// Turns a solver's expression DAG into a runtime `Program` of the DSL.
///
/// Only what the returned expression needs is kept — the program the inlined text denotes — so a
/// solver's identity (the md5 of its inlined text) and its behaviour always agree. Names resolve
/// to parameters first, then to DSL primitives and constants. What can only fail at run time in
/// Python (an unknown name, a bad keyword) becomes a node that raises when it is reached.
public enum ProgramCompiler {
    public static func compile(_ graph: SolverGraph) -> Program {
        let parameterNames = graph.parameters.map(\.name)
        let needed = reachable(graph)
        var remap = [Int](repeating: -1, count: graph.nodes.count)
        var nodes: [Program.Node] = []
        nodes.reserveCapacity(needed.count)
        for index in graph.nodes.indices where needed[index] {
            let node: Program.Node
            switch graph.nodes[index] {
            case .name(let name):
                if let k = parameterNames.firstIndex(of: name) {
                    node = .parameter(k)
                } else if let value = Primitives.value(named: name) {
                    node = .constant(value)
                } else {
                    node = .failure(.unknownName(name))
                }
            case .integer(let n):
                node = .constant(.int(n))
            case .constant(let constant):
                switch constant {
                case .true: node = .constant(.true)
                case .false: node = .constant(.false)
                case .none: node = .constant(.none)
                }
            case .negate(let operand):
                if case .constant(.int(let n)) = nodes[remap[operand]], n != Int.min {
                    node = .constant(.int(-n))
                } else {
                    node = .negate(remap[operand])
                }
            case .tuple(let elements):
                node = .tuple(elements.map { remap[$0] })
            case .call(let callee, let arguments, let keywords):
                node = call(
                    nodes[remap[callee]], callee: remap[callee],
                    arguments: arguments.map { remap[$0] },
                    keywords: keywords.map { ($0.name, remap[$0.node]) })
            }
            remap[index] = nodes.count
            nodes.append(node)
        }
        return Program(parameterNames: parameterNames, nodes: nodes, result: remap[graph.root])
    }

    /// A call of a known primitive binds its arguments now; any other callee is called at run time.
    private static func call(
        _ calleeNode: Program.Node, callee: Int, arguments: [Int],
        keywords: [(String, Int)]
    ) -> Program.Node {
        guard case .constant(.function(let function)) = calleeNode,
            case .primitive(let primitive) = function.kind
        else {
            return .dynamic(callee: callee, arguments: arguments, keywords: keywords.map { (name: $0.0, node: $0.1) })
        }
        if keywords.isEmpty {
            guard arguments.count == primitive.arity else {
                return .failure(
                    DSLError.typeError(
                        "\(primitive.name)() takes \(primitive.arity) positional argument\(primitive.arity == 1 ? "" : "s") but \(arguments.count) were given"
                    ).naming(primitive.name))
            }
            return .primitive(primitive, arguments)
        }
        // Bind keywords by parameter name exactly as Python would, reporting the same errors.
        do {
            let placed = try Program.place(
                keywords.map { ($0.0, Value.int($0.1)) },
                after: arguments.map(Value.int), into: function)
            return .primitive(primitive, try placed.map { try $0.asInt() })
        } catch let error as DSLError {
            return .failure(error)
        } catch {
            return .failure(.typeError(String(describing: error)))
        }
    }

    /// Marks the nodes the root depends on.
    private static func reachable(_ graph: SolverGraph) -> [Bool] {
        var needed = [Bool](repeating: false, count: graph.nodes.count)
        guard graph.nodes.indices.contains(graph.root) else { return needed }
        needed[graph.root] = true
        for index in graph.nodes.indices.reversed() where needed[index] {
            switch graph.nodes[index] {
            case .name, .integer, .constant: break
            case .negate(let operand): needed[operand] = true
            case .tuple(let elements): for e in elements { needed[e] = true }
            case .call(let callee, let arguments, let keywords):
                needed[callee] = true
                for a in arguments { needed[a] = true }
                for k in keywords { needed[k.node] = true }
            }
        }
        return needed
    }
}
