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

    init(_ programs: [Program]) {
        var table = NodeTable()
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
                table.setKey(of: node, program: p, node: n, of: program, local: local)
                // Only a call can make a new function object: a program's second equal call is
                // its own node (shared with other programs' second). Equal values of any other
                // node are indistinguishable, so they share whatever their number.
                var id = table.find()
                if node.isCall {
                    while let found = id, usedBy[found] == p {
                        table.nextOccurrence()
                        id = table.find()
                    }
                }
                if let id {
                    local[n] = id
                    lastReader[id] = p
                } else {
                    local[n] = lastReader.count
                    table.insert()
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

/// The graph's nodes by key: each key a run of integers (its occurrence, its kind, then what it
/// calls and on which graph nodes), found by open addressing without building a value per node.
private struct NodeTable {
    /// The keys of graph nodes 0, 1, ... one after another; node `id`'s is `words[starts[id]..<starts[id + 1]]`.
    private var words: [Int] = []
    private var starts: [Int] = [0]
    private var hashes: [Int] = []
    /// Graph node ids by hash; -1 where empty.
    private var slots = [Int](repeating: -1, count: 1024)
    /// The key being looked up.
    private var key: [Int] = []
    private var keyHash = 0
    /// Constants other than numbers, points and primitives, and keyword names, by description.
    private var names: [String: Int] = [:]

    private var count: Int { hashes.count }

    /// Makes `node` (of program `p`, its node `n`, whose operands are graph nodes by `local`) the
    /// key to look up, as its first occurrence.
    mutating func setKey(of node: Program.Node, program p: Int, node n: Int, of program: Program, local: [Int]) {
        key.removeAll(keepingCapacity: true)
        key.append(0)
        switch node {
        case .parameter(let k):
            let name = k < program.parameterNames.count ? program.parameterNames[k] : ""
            key.append(0)
            key.append(name == "I" ? 0 : name == "S" ? 1 : 2)
        case .constant(let value):
            switch value {
            case .int(let number):
                key.append(1)
                key.append(number)
            case .pair(let i, let j):
                key.append(2)
                key.append(i)
                key.append(j)
            case .function(let function):
                if case .primitive(let primitive) = function.kind {
                    key.append(3)
                    key.append(Int(bitPattern: ObjectIdentifier(primitive)))
                } else {
                    key.append(4)
                    key.append(name(String(describing: value)))
                }
            default:
                key.append(4)
                key.append(name(String(describing: value)))
            }
        case .primitive(let primitive, let arguments):
            key.append(5)
            key.append(Int(bitPattern: ObjectIdentifier(primitive)))
            for a in arguments { key.append(local[a]) }
        case .dynamic(let callee, let arguments, let keywords):
            key.append(6)
            key.append(local[callee])
            key.append(arguments.count)
            for a in arguments { key.append(local[a]) }
            for keyword in keywords {
                key.append(name(keyword.name))
                key.append(local[keyword.node])
            }
        case .negate(let operand):
            key.append(7)
            key.append(local[operand])
        case .tuple(let elements):
            key.append(8)
            for e in elements { key.append(local[e]) }
        case .failure:
            // Never shared: a node that only raises.
            key.append(9)
            key.append(p)
            key.append(n)
        }
        keyHash = NodeTable.hash(key[...])
    }

    /// Makes the key the next occurrence of the same node.
    mutating func nextOccurrence() {
        key[0] += 1
        keyHash = NodeTable.hash(key[...])
    }

    /// The graph node of the key, if there is one.
    func find() -> Int? {
        let mask = slots.count - 1
        var slot = keyHash & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[id] == keyHash && words[starts[id]..<starts[id + 1]].elementsEqual(key) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the key as the next graph node.
    mutating func insert() {
        if (count + 1) * 2 > slots.count { grow() }
        place(count, hash: keyHash)
        words.append(contentsOf: key)
        starts.append(words.count)
        hashes.append(keyHash)
    }

    private mutating func place(_ id: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        for id in 0..<count { place(id, hash: hashes[id]) }
    }

    private mutating func name(_ text: String) -> Int {
        if let known = names[text] { return known }
        names[text] = names.count
        return names.count - 1
    }

    private static func hash(_ words: ArraySlice<Int>) -> Int {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for word in words {
            h = (h ^ UInt64(bitPattern: Int64(word))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        return Int(bitPattern: UInt(h))
    }
}
