import BattCache
import BattTasks
import Foundation
import Testing

@testable import BattPipeline

/// The submission file and the solvers `Submission.make` takes from the cache.
@Suite struct SubmissionFileTests {
    @Test func jsonHasOneEntryPerTestInputInOrderWithBothAttempts() throws {
        let task = try SubmissionFixtures.task()
        let attempts = AttemptPicker(timeLimitSeconds: 1).attempts(
            for: task, solvers: [try SubmissionFixtures.solver("mirror")])
        let submission = Submission(tasks: [attempts])

        let decoded =
            try JSONSerialization.jsonObject(with: Data(submission.json.utf8)) as? [String: [[String: [[Int]]]]]
        let entries = try #require(decoded?["d4d4d4d4"])
        #expect(entries.count == 2)
        #expect(entries[0]["attempt_1"] == [[8, 7], [1, 9]])
        #expect(entries[0]["attempt_2"] == [[7, 8], [9, 1]])
        #expect(entries[1]["attempt_1"] == [[3, 2, 1]])
        #expect(entries[1]["attempt_2"] == [[1, 2, 3]])
    }

    @Test func cachedSolversOfTheTaskContentAndVersionAreRankedAndOthersIgnored() throws {
        let task = try SubmissionFixtures.task()
        let set = TaskSet(tasks: [task.id: task], diagnostics: [])
        let store = try CacheStore.inMemory()
        let mirror = try String(contentsOfFile: Fixtures.path("Submission/Solvers/mirror.py"), encoding: .utf8)
        let flip = try String(contentsOfFile: Fixtures.path("Submission/Solvers/flip.py"), encoding: .utf8)
        try store.insert(solvers: [
            SolverRecord(
                bodyHash: "b-mirror", solverMD5: "m-mirror", inlinedText: mirror, textMaterialised: true,
                inlinerVersion: "i"),
            SolverRecord(
                bodyHash: "b-flip", solverMD5: "m-flip", inlinedText: flip, textMaterialised: true, inlinerVersion: "i"),
            SolverRecord(
                bodyHash: "b-dag", solverMD5: "dag-x", inlinedText: nil, textMaterialised: false, inlinerVersion: "i"),
        ])
        func verdict(_ md5: String, demos: Int, fingerprint: String = task.fingerprint.hex, version: String = "v")
            -> VerdictRecord
        {
            VerdictRecord(
                key: VerdictKey(solverMD5: md5, taskFingerprint: fingerprint, solverVersion: version),
                taskID: task.id, outcome: demos == 2 ? .correct : .wrong, pairResults: ["00??", "01??", "11??"][demos],
                demoCorrect: demos, demoCount: 2, testCorrect: 0, testCount: 0, elapsedSeconds: 0.01,
                timeLimitSeconds: 1)
        }
        try store.insert(verdicts: [
            verdict("m-flip", demos: 1),
            verdict("m-mirror", demos: 2, fingerprint: "another-content"),
            verdict("m-mirror", demos: 2, version: "another-version"),
            verdict("m-mirror", demos: 0),
            verdict("dag-x", demos: 2),
        ])
        let submission = try Submission.make(
            taskSet: set, tasksPath: "tasks", store: store, solverVersion: "v",
            picker: AttemptPicker(timeLimitSeconds: 1))

        let attempts = try #require(submission.tasks.first)
        #expect(
            attempts.solverCount == 1,
            "only flip's verdict is of this content and version, has a text and a demonstration right")
        #expect(attempts.tests.allSatisfy { $0.solvers == ["m-flip"] })
        #expect(submission.unusableSolvers == 1, "the DAG-hashed solver has no text to run")
        let summary = submission.summary(out: "s.json")
        #expect(summary.tasksWithoutSolver.isEmpty)
        #expect(summary.tasksWithoutFullSolver == ["d4d4d4d4"], "flip gets one demonstration of two right")
    }

    @Test func aTaskSetWithAMalformedTaskIsRefused() throws {
        let store = try CacheStore.inMemory()
        let set = TaskSet(
            tasks: [:],
            diagnostics: [TaskDiagnostic(file: "c.json", taskID: "e0e0e0e0", pair: "test 0", message: "bad")])
        #expect(throws: SubmissionError.self) {
            try Submission.make(
                taskSet: set, tasksPath: "c.json", store: store, solverVersion: "v",
                picker: AttemptPicker(timeLimitSeconds: 1))
        }
    }
}
