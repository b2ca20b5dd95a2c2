import BattDSL

/// A Kaggle `arc-agi_<split>_solutions.json`: `{id: [output grid of each test, in order]}`.
struct KaggleSolutions {
    let document: JSONValue
    let source: String
    /// Task ids the file holds more than once.
    var repeatedIDs: Set<String> = []

    var outputs: [String: JSONValue] { document.objectMembers ?? [:] }

    /// Reports a solutions file that is not an object; returns whether it is one.
    func diagnoseShape(into collector: inout TaskCollector) -> Bool {
        guard document.objectMembers == nil else { return true }
        collector.diagnose(
            TaskDiagnostic(
                file: source, taskID: nil, pair: nil,
                message: "expected an object of test outputs keyed by task id, found \(document.described)"))
        return false
    }

    /// `task` with its test outputs taken from `outputs`, or why they do not fit it.
    func merge(_ outputs: JSONValue, into task: ARCTask) -> Result<ARCTask, TaskDiagnostic> {
        func failure(_ pair: String?, _ message: String) -> Result<ARCTask, TaskDiagnostic> {
            .failure(TaskDiagnostic(file: source, taskID: task.id, pair: pair, message: message))
        }
        guard let grids = outputs.arrayElements else {
            return failure(nil, "expected an array of test output grids, found \(outputs.described)")
        }
        guard grids.count == task.tests.count else {
            return failure(
                nil, "the solutions give \(grids.count) test outputs, the task has \(task.tests.count) tests")
        }
        var tests: [TaskPair] = []
        for (index, (test, gridJSON)) in zip(task.tests, grids).enumerated() {
            do throws(TaskProblem) {
                let output = try TaskDecoder.grid(gridJSON, at: "test[\(index)].output")
                tests.append(TaskPair(input: test.input, output: output))
            } catch {
                return failure(error.pair, error.message)
            }
        }
        return .success(ARCTask(id: task.id, demonstrations: task.demonstrations, tests: tests, source: task.source))
    }
}
