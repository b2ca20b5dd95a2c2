import Foundation
import Testing

@testable import BattPipeline

/// The 400 ARC-AGI-1 training tasks of the shared workspace, each with a handful of generated
/// candidates (some right, most wrong, some raising, one body shared by every task): the union
/// of N shards is the single run, and the merged shard caches hold what its cache holds.
/// `<repo>/../shared/data/arc-agi-1/training`, or one level further up for a worktree in a sub-folder.
enum SharedTraining {
    static let path: String? = {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [
            repository.deletingLastPathComponent(), repository.deletingLastPathComponent().deletingLastPathComponent(),
        ]
        .map { $0.appendingPathComponent("shared/data/arc-agi-1/training").path }
        .first { FileManager.default.fileExists(atPath: $0) }
    }()
}

@Suite(.enabled(if: SharedTraining.path != nil, "needs <repo>/../shared/data/arc-agi-1/training"))
struct ShardTrainingTests {
    static let bodies = [
        "    x1 = hmirror(I)\n    return x1",
        "    x1 = vmirror(I)\n    return x1",
        "    x1 = rot180(I)\n    return x1",
        "    x1 = objects(I, T, F, T)\n    x2 = argmax(x1, size)\n    x3 = subgrid(x2, I)\n    return x3",
        "    x1 = compress(I)\n    return x1",
        "    x1 = lefthalf(I)\n    x2 = righthalf(I)\n    x3 = cellwise(x1, x2, ZERO)\n    return x3",
    ]

    /// One file of candidates for every task of the folder.
    static func candidates(in folder: TemporaryFolder) throws -> String {
        let training = try #require(SharedTraining.path)
        let ids = try FileManager.default.contentsOfDirectory(atPath: training)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        var text = ""
        for id in ids {
            for (n, body) in bodies.enumerated() {
                text += "def solve_\(id)\(n == 0 ? "" : "_\(n)")(I):\n\(body)\n\n"
            }
        }
        let path = folder.path("candidates.py")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [1, 2, 4, 7])
    func theShardsTogetherGiveTheSingleRunAndItsCache(count: Int) async throws {
        let folder = try TemporaryFolder()
        let options = RunOptions.fixture(
            candidates: try Self.candidates(in: folder), tasks: try #require(SharedTraining.path),
            cache: folder.path("single.sqlite"), timeLimit: 5)
        let comparison = try await ShardedRun.compare(options, count: count, in: folder)
        #expect(comparison.single.count == 400 * Self.bodies.count)
        #expect(Set(comparison.single.values.map(\.outcome)).isSuperset(of: ["correct", "wrong", "error"]))
        #expect(comparison.union == comparison.single)
        #expect(comparison.mergedTotals == comparison.singleTotals)
    }
}
