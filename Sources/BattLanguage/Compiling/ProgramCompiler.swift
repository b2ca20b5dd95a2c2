import BattDSL

/// Turns a solver's expression DAG into a runtime `Program` of the DSL.
///
/// Only what the returned expression needs is kept — the program the inlined text denotes — so a
/// solver's identity (the md5 of its inlined text) and its behaviour always agree. Names resolve
/// to parameters first, then to DSL primitives and constants. What can only fail at run time in
/// Python (an unknown name, a bad keyword) becomes a node that raises when it is reached.
public enum ProgramCompiler {
    public static func compile(_ graph: SolverGraph) -> Program {
        var dag = FlatDAG()
        for node in graph.nodes {
            switch node {
            case .name(let name): dag.kinds.append(.name(name))
            case .integer(let n): dag.kinds.append(.integer(n))
            case .constant(let constant): dag.kinds.append(.constant(constant))
            case .negate(let operand): dag.kinds.append(.negate(operand))
            case .tuple(let elements): dag.appendTuple(elements)
            case .call(let callee, let arguments, let keywords):
                dag.appendCall(
                    callee: callee, arguments: arguments, keywords: keywords.map { ($0.name, $0.node) })
            }
        }
        return emit(dag, parameterNames: graph.parameters.map(\.name), root: graph.root)
    }

    /// `compile(SolverGraph(function))`, without building the graph's nodes: the same nodes in the
    /// same order, each read resolving to the latest earlier assignment of its name.
    /// - Throws: `LanguageError.missingReturn` when the function returns nothing.
    public static func compile(_ function: CandidateFunction) throws(LanguageError) -> Program {
        guard let returned = function.returned else {
            throw .missingReturn(function: function.name, path: function.path, line: function.line)
        }
        var dag = FlatDAG()
        dag.kinds.reserveCapacity(function.statements.count * 4 + 4)
        var nodeOfName = NameTable(expected: function.statements.count + 8)
        for statement in function.statements {
            let node = dag.add(statement.value, names: &nodeOfName)
            nodeOfName[statement.target] = node
        }
        let root = dag.add(returned, names: &nodeOfName)
        return emit(dag, parameterNames: function.parameters.map(\.name), root: root)
    }

    /// The program of the nodes `root` needs, in their order.
    private static func emit(_ dag: FlatDAG, parameterNames: [String], root: Int) -> Program {
        let needed = reachable(dag, root: root)
        var remap = [Int](repeating: -1, count: dag.kinds.count)
        var nodes: [Program.Node] = []
        nodes.reserveCapacity(dag.kinds.count)
        for index in dag.kinds.indices where needed[index] {
            let node: Program.Node
            switch dag.kinds[index] {
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
            case .tuple(let start, let count):
                node = .tuple(dag.operands[start..<start + count].map { remap[$0] })
            case .call(let start, let count, let keywordStart, let keywordCount):
                let callee = remap[dag.operands[start]]
                node = call(
                    nodes[callee], callee: callee,
                    arguments: dag.operands[start + 1..<start + count].map { remap[$0] },
                    keywords: (keywordStart..<keywordStart + keywordCount).map {
                        (dag.keywordNames[$0], remap[dag.keywordNodes[$0]])
                    })
            }
            remap[index] = nodes.count
            nodes.append(node)
        }
        return Program(parameterNames: parameterNames, nodes: nodes, result: remap[root])
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
    private static func reachable(_ dag: FlatDAG, root: Int) -> [Bool] {
        var needed = [Bool](repeating: false, count: dag.kinds.count)
        guard dag.kinds.indices.contains(root) else { return needed }
        needed[root] = true
        for index in dag.kinds.indices.reversed() where needed[index] {
            switch dag.kinds[index] {
            case .name, .integer, .constant: break
            case .negate(let operand): needed[operand] = true
            case .tuple(let start, let count):
                for k in start..<start + count { needed[dag.operands[k]] = true }
            case .call(let start, let count, let keywordStart, let keywordCount):
                for k in start..<start + count { needed[dag.operands[k]] = true }
                for k in keywordStart..<keywordStart + keywordCount { needed[dag.keywordNodes[k]] = true }
            }
        }
        return needed
    }
}

/// A solver's expression DAG with its nodes' operands in shared arrays rather than one array each.
private struct FlatDAG {
    enum Kind {
        case name(String)
        case integer(Int)
        case constant(Expression.Constant)
        case negate(Int)
        /// Elements at `operands[start..<start + count]`.
        case tuple(start: Int, count: Int)
        /// The callee then the positional arguments at `operands[start..<start + count]`; keyword
        /// arguments at `keywordNames` and `keywordNodes[keywordStart..<keywordStart + keywordCount]`.
        case call(start: Int, count: Int, keywordStart: Int, keywordCount: Int)
    }

    var kinds: [Kind] = []
    var operands: [Int] = []
    var keywordNames: [String] = []
    var keywordNodes: [Int] = []

    mutating func appendTuple(_ elements: [Int]) {
        kinds.append(.tuple(start: operands.count, count: elements.count))
        operands.append(contentsOf: elements)
    }

    mutating func appendCall(callee: Int, arguments: [Int], keywords: [(String, Int)]) {
        let start = operands.count
        operands.append(callee)
        operands.append(contentsOf: arguments)
        let keywordStart = keywordNames.count
        for (name, node) in keywords {
            keywordNames.append(name)
            keywordNodes.append(node)
        }
        kinds.append(
            .call(
                start: start, count: operands.count - start, keywordStart: keywordStart,
                keywordCount: keywords.count))
    }

    /// Adds `expression`'s nodes as `SolverGraph` does: children first, a read of a name as the
    /// node of its latest assignment, else one leaf per free name; returns its node.
    mutating func add(_ expression: Expression, names: inout NameTable) -> Int {
        switch expression {
        case .name(let name):
            if let node = names[name] { return node }
            names[name] = kinds.count
            kinds.append(.name(name))
        case .integer(let value):
            kinds.append(.integer(value))
        case .constant(let constant):
            kinds.append(.constant(constant))
        case .negate(let operand):
            let node = add(operand, names: &names)
            kinds.append(.negate(node))
        case .tuple(let elements):
            var nodes: [Int] = []
            nodes.reserveCapacity(elements.count)
            for element in elements { nodes.append(add(element, names: &names)) }
            appendTuple(nodes)
        case .call(let callee, let arguments, let keywords):
            let calleeNode = add(callee, names: &names)
            var argumentNodes: [Int] = []
            argumentNodes.reserveCapacity(arguments.count)
            for argument in arguments { argumentNodes.append(add(argument, names: &names)) }
            var keywordPairs: [(String, Int)] = []
            for keyword in keywords { keywordPairs.append((keyword.name, add(keyword.value, names: &names))) }
            appendCall(callee: calleeNode, arguments: argumentNodes, keywords: keywordPairs)
        }
        return kinds.count - 1
    }
}

/// The node each name reads, by open addressing on a cheap hash of the name's bytes: a candidate's
/// names are short, and there are few of them.
private struct NameTable {
    private var names: [String] = []
    private var nodes: [Int] = []
    /// Indices into `names`; -1 where empty.
    private var slots: [Int]

    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity *= 2 }
        slots = [Int](repeating: -1, count: capacity)
        names.reserveCapacity(expected)
        nodes.reserveCapacity(expected)
    }

    subscript(name: String) -> Int? {
        get {
            let mask = slots.count - 1
            var slot = NameTable.hash(name) & mask
            while true {
                let entry = slots[slot]
                if entry < 0 { return nil }
                if names[entry] == name { return nodes[entry] }
                slot = (slot + 1) & mask
            }
        }
        set {
            guard let node = newValue else { return }
            let mask = slots.count - 1
            var slot = NameTable.hash(name) & mask
            while true {
                let entry = slots[slot]
                if entry < 0 { break }
                if names[entry] == name {
                    nodes[entry] = node
                    return
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = names.count
            names.append(name)
            nodes.append(node)
            if names.count * 2 > slots.count { grow() }
        }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, name) in names.enumerated() {
            var slot = NameTable.hash(name) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    private static func hash(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: h ^ (h >> 31))
        }
    }
}
