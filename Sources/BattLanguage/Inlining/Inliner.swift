import Crypto

/// The inlined form of a solver and its identity.
public struct InlinedSolver: Hashable, Sendable {
    /// `def solve(<params>):\n    return <expr>` as `ast.unparse` prints it, or `nil` when longer than the cap.
    public var text: String?
    /// The solver's identity: the md5 of `text`, or `"dag-" + dagHash` when the text was not materialised.
    public var identity: String
    /// The length of the full inlined text in characters, saturating at `Int.max`.
    public var inlinedLength: Int
    /// A structural hash of the expression DAG; equal inlined texts have equal DAG hashes.
    public var dagHash: String

    /// Whether `text` is present (and `identity` is its md5).
    public var isTextMaterialised: Bool { text != nil }
}

/// Replaces every variable by its definition, working on the expression DAG so that programs
/// whose inlined text would be astronomically long still get a length and an identity in time
/// linear in their size.
public struct Inliner: Sendable {
    /// Names the inlining and hashing rules; cached inlined forms of another version are stale.
    public static let version = "batt-inliner-1"
    /// How an identity made from the DAG hash begins, where the text was too long to materialise.
    public static let dagIdentityPrefix = "dag-"
    /// The default longest inlined text that is materialised: one million characters.
    public static let defaultTextCap = 1_000_000

    /// The longest inlined text that is materialised and md5-hashed.
    public var textCap: Int

    /// Creates an inliner that materialises texts of at most `textCap` characters.
    public init(textCap: Int = Inliner.defaultTextCap) {
        self.textCap = textCap
    }

    /// Inlines `function`.
    /// - Throws: `LanguageError.missingReturn` when the function returns nothing.
    public func inline(_ function: CandidateFunction) throws(LanguageError) -> InlinedSolver {
        inline(try SolverGraph(function))
    }

    /// Inlines the function whose DAG is `graph`.
    public func inline(_ graph: SolverGraph) -> InlinedSolver {
        var header = PythonWriter()
        header.writeHeader(parameters: graph.parameters, returnAnnotation: graph.returnAnnotation)
        header.write("\n    return ")

        let measures = GraphMeasures(graph)
        let length = Saturating.add(header.bytes.count, measures.lengths[graph.root])

        var hashInput: [UInt8] = Array("batt-dag-1\n".utf8)
        hashInput.append(contentsOf: header.bytes)
        measures.appendEncoding(of: graph.root, to: &hashInput)
        let dagHash = MD5Hex.digest(of: hashInput)

        guard length <= textCap else {
            return InlinedSolver(
                text: nil, identity: Inliner.dagIdentityPrefix + dagHash, inlinedLength: length, dagHash: dagHash)
        }
        var text = header.bytes
        text.reserveCapacity(length)
        GraphRenderer(graph: graph).render(graph.root, into: &text)
        return InlinedSolver(
            text: String(decoding: text, as: UTF8.self), identity: MD5Hex.digest(of: text), inlinedLength: length,
            dagHash: dagHash)
    }
}

/// Saturating arithmetic for lengths that may exceed `Int.max`.
enum Saturating {
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

/// Per-node inlined lengths and structural digests, computed bottom-up in one pass.
struct GraphMeasures {
    let graph: SolverGraph
    /// The length of each node's inlined text (saturating).
    private(set) var lengths: [Int]
    /// 16 digest bytes per node; only meaningful for non-leaf nodes.
    private var digests: [UInt8]

    init(_ graph: SolverGraph) {
        self.graph = graph
        lengths = []
        lengths.reserveCapacity(graph.nodes.count)
        digests = [UInt8](repeating: 0, count: graph.nodes.count * 16)
        var description: [UInt8] = []
        description.reserveCapacity(256)
        for (index, node) in graph.nodes.enumerated() {
            lengths.append(length(of: node))
            guard !node.isLeaf else { continue }
            description.removeAll(keepingCapacity: true)
            describe(node, into: &description)
            let digest = Insecure.MD5.hash(data: description)
            digests.withUnsafeMutableBytes { storage in
                digest.withUnsafeBytes { bytes in
                    storage.baseAddress!.advanced(by: index * 16).copyMemory(from: bytes.baseAddress!, byteCount: 16)
                }
            }
        }
    }

    private func length(of node: SolverGraph.Node) -> Int {
        switch node {
        case .name(let name):
            return name.utf8.count
        case .integer(let value):
            return PythonWriter.decimalLength(value)
        case .constant(let constant):
            return constant.rawValue.utf8.count
        case .negate(let operand):
            return Saturating.add(1, lengths[operand])
        case .tuple(let elements):
            var total = elements.count == 1 ? 3 : 2 + 2 * max(0, elements.count - 1)
            for element in elements { total = Saturating.add(total, lengths[element]) }
            return total
        case .call(let callee, let arguments, let keywords):
            var total = lengths[callee]
            if case .negate = graph.nodes[callee] { total = Saturating.add(total, 2) }
            let count = arguments.count + keywords.count
            total = Saturating.add(total, 2 + 2 * max(0, count - 1))
            for argument in arguments { total = Saturating.add(total, lengths[argument]) }
            for keyword in keywords {
                total = Saturating.add(total, keyword.name.utf8.count + 1)
                total = Saturating.add(total, lengths[keyword.node])
            }
            return total
        }
    }

    /// The canonical description of a non-leaf node: a tag, counts, then each child's encoding.
    private func describe(_ node: SolverGraph.Node, into buffer: inout [UInt8]) {
        switch node {
        case .name, .integer, .constant:
            preconditionFailure("leaves are encoded in their parents")
        case .negate(let operand):
            buffer.append(UInt8(ascii: "U"))
            appendEncoding(of: operand, to: &buffer)
        case .tuple(let elements):
            buffer.append(UInt8(ascii: "T"))
            appendCount(elements.count, to: &buffer)
            for element in elements { appendEncoding(of: element, to: &buffer) }
        case .call(let callee, let arguments, let keywords):
            buffer.append(UInt8(ascii: "C"))
            appendCount(arguments.count, to: &buffer)
            appendCount(keywords.count, to: &buffer)
            appendEncoding(of: callee, to: &buffer)
            for argument in arguments { appendEncoding(of: argument, to: &buffer) }
            for keyword in keywords {
                appendCount(keyword.name.utf8.count, to: &buffer)
                buffer.append(contentsOf: keyword.name.utf8)
                appendEncoding(of: keyword.node, to: &buffer)
            }
        }
    }

    /// A leaf's own text with a tag, or `H` and a non-leaf's digest.
    func appendEncoding(of index: Int, to buffer: inout [UInt8]) {
        switch graph.nodes[index] {
        case .name(let name):
            buffer.append(UInt8(ascii: "N"))
            appendCount(name.utf8.count, to: &buffer)
            buffer.append(contentsOf: name.utf8)
        case .integer(let value):
            buffer.append(UInt8(ascii: "I"))
            PythonWriter.appendDecimal(value, to: &buffer)
            buffer.append(UInt8(ascii: ";"))
        case .constant(let constant):
            buffer.append(UInt8(ascii: "K"))
            buffer.append(constant.rawValue.utf8.first!)
        case .negate, .tuple, .call:
            buffer.append(UInt8(ascii: "H"))
            buffer.append(contentsOf: digests[index * 16..<index * 16 + 16])
        }
    }

    /// A variable-length unsigned count, so descriptions are unambiguous.
    private func appendCount(_ count: Int, to buffer: inout [UInt8]) {
        var value = UInt(count)
        while value >= 0x80 {
            buffer.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }
}
