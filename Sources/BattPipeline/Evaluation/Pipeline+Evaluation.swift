import BattCache
import BattPython

extension Pipeline {
    /// The evaluator of this run: the native runtime, or the Python DSL of `--dsl`.
    func makeEvaluator(files: [CandidateSource.File], store: CacheStore?) throws -> any SolverEvaluator {
        guard let dsl = options.pythonDSL else {
            return NativeEvaluator(
                validator: Validator(timeLimitSeconds: options.timeLimitSeconds, budget: options.budget),
                solverVersion: options.solverVersion, shares: options.sharesEvaluation,
                jobs: options.jobs)
        }
        do {
            return try PythonEvaluator(
                options: dsl, files: files, store: store, workers: options.jobs,
                timeLimitSeconds: options.timeLimitSeconds, baseVersion: options.solverVersion)
        } catch {
            throw PipelineError.dsl("\(error)")
        }
    }
}
