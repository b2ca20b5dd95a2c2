import Testing

@testable import BattTasks

/// Runs only where the shared ARC-AGI-1 data sits beside the repository.
@Suite(.enabled(if: Fixtures.arcAGI1TrainingExists, "needs <repo>/../shared/data/arc-agi-1/training"))
struct TrainingCorpusTests {
    @Test func allFourHundredTrainingTasksLoadWithoutDiagnostics() throws {
        let set = try TaskLoader.load(path: Fixtures.arcAGI1Training)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.prefix(5))")
        #expect(set.count == 400)
        #expect(Set(set.tasks.values.map(\.fingerprint)).count == 400)
        #expect(set.sortedTasks.allSatisfy { !$0.demonstrations.isEmpty && $0.testOutputsKnown })
    }

    @Test func exampleTasksAreUnchangedCopiesOfTheTrainingTasks() throws {
        let training = try TaskLoader.load(path: Fixtures.arcAGI1Training)
        let examples = try TaskLoader.load(path: Fixtures.examples)
        #expect(!examples.isEmpty)
        for task in examples.sortedTasks {
            #expect(task.fingerprint == training[task.id]?.fingerprint, "\(task.id)")
        }
    }
}
