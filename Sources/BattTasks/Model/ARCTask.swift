import BattDSL

/// An ARC task: demonstration pairs to learn from and test pairs to solve.
public struct ARCTask: Hashable, Sendable, Identifiable {
    /// The task's name, such as `3c9b0459` (the file name, or the key in a combined file).
    public let id: String
    public let demonstrations: [TaskPair]
    public let tests: [TaskPair]
    /// Identifies the task's content; changes when any grid changes.
    public let fingerprint: TaskFingerprint
    /// The file the task was read from (for a Kaggle pair, the challenges file).
    public let source: String

    /// Creates a task; demonstration outputs must be known.
    public init(id: String, demonstrations: [TaskPair], tests: [TaskPair], source: String = "") {
        precondition(demonstrations.allSatisfy { $0.output != nil }, "demonstration outputs must be known")
        self.id = id
        self.demonstrations = demonstrations
        self.tests = tests
        self.fingerprint = TaskFingerprint(demonstrations: demonstrations, tests: tests)
        self.source = source
    }
}

extension ARCTask {
    /// Demonstrations, then tests.
    public var allPairs: [TaskPair] { demonstrations + tests }

    /// The pairs a solver can be scored on: every demonstration, then the tests whose output is known.
    public var knownPairs: [(input: Grid, output: Grid)] {
        allPairs.compactMap { pair in pair.output.map { (input: pair.input, output: $0) } }
    }

    /// Whether every test output is known, so a solver can be scored on the tests too.
    public var testOutputsKnown: Bool { tests.allSatisfy { $0.output != nil } }

    /// The number of tests whose output is known.
    public var knownTestCount: Int { tests.count { $0.output != nil } }

    /// The demonstrations as the DSL value `S`: a tuple of `(input, output)` grid tuples.
    public var demonstrationValue: Value {
        .tuple(demonstrations.map { pair in .tuple([.grid(pair.input), .grid(pair.output!)]) })
    }
}
