import Testing

@testable import BattPipeline

/// The order `batt submit` tries a task's solvers in.
@Suite struct SolverRankingTests {
    /// Pairs (better, worse) that differ in one criterion, with every earlier criterion equal.
    static let decidingCriteria: [(criterion: String, better: Figures, worse: Figures)] = [
        (
            "every demonstration right beats more right of more", Figures(2, of: 2, nodes: 9),
            Figures(3, of: 4, nodes: 1)
        ),
        ("more demonstrations right", Figures(2, of: 3, nodes: 9), Figures(1, of: 3, nodes: 1)),
        ("fewer nodes", Figures(2, of: 2, nodes: 1, elapsed: 0.9), Figures(2, of: 2, nodes: 3, elapsed: 0.1)),
        ("faster", Figures(2, of: 2, nodes: 1, elapsed: 0.1), Figures(2, of: 2, nodes: 1, elapsed: 0.9)),
        (
            "the smaller md5 when all else ties", Figures(2, of: 2, nodes: 1, md5: "0aaa"),
            Figures(2, of: 2, nodes: 1, md5: "0bbb")
        ),
    ]

    @Test(arguments: decidingCriteria)
    func criterionDecidesWhenEarlierOnesTie(criterion: String, better: Figures, worse: Figures) throws {
        let a = try better.solver()
        let b = try worse.solver()
        #expect(SolverRanking.isBetter(a, than: b), "\(criterion)")
        #expect(!SolverRanking.isBetter(b, than: a), "\(criterion)")
        #expect(SolverRanking.ranked([b, a]).map(\.solverMD5) == [a.solverMD5, b.solverMD5])
    }

    @Test func tiedSolversRankTheSameWayWhateverTheirInputOrder() throws {
        let tied = try ["c", "a", "d", "b"].map { try Figures(2, of: 2, nodes: 4, elapsed: 0.5, md5: $0).solver() }
        #expect(SolverRanking.ranked(tied).map(\.solverMD5) == ["a", "b", "c", "d"])
        #expect(SolverRanking.ranked(tied.reversed()).map(\.solverMD5) == ["a", "b", "c", "d"])
        #expect(!SolverRanking.isBetter(tied[0], than: tied[0]))
    }

    @Test func nodeCountIsTheProgramsDistinctSubexpressions() throws {
        #expect(try SubmissionFixtures.solver("mirror").nodeCount == 1)
        #expect(try SubmissionFixtures.solver("mirror_twice_over").nodeCount == 3)
        // hconcat(vmirror(I), vmirror(I)): the repeated vmirror(I) counts, and runs, once.
        #expect(try SubmissionFixtures.solver("shared").nodeCount == 2)
    }
}

/// A solver's verdict figures, for ranking tables.
struct Figures: Sendable, CustomStringConvertible {
    var demoCorrect: Int
    var demoCount: Int
    var nodes: Int
    var elapsed: Double
    var md5: String

    init(_ demoCorrect: Int, of demoCount: Int, nodes: Int, elapsed: Double = 0.01, md5: String? = nil) {
        self.demoCorrect = demoCorrect
        self.demoCount = demoCount
        self.nodes = nodes
        self.elapsed = elapsed
        self.md5 = md5 ?? "\(demoCorrect)-\(demoCount)-\(nodes)-\(elapsed)"
    }

    func solver() throws -> SubmissionSolver {
        let program = try SubmissionSolver.compile(inlinedText: "def solve(I):\n    return I\n").program
        return SubmissionSolver(
            solverMD5: md5, demoCorrect: demoCorrect, demoCount: demoCount, nodeCount: nodes, elapsedSeconds: elapsed,
            program: program)
    }

    var description: String { "\(demoCorrect)/\(demoCount) demos, \(nodes) nodes, \(elapsed)s, md5 \(md5)" }
}
