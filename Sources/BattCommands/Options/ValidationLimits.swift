import ArgumentParser
import BattPipeline
import Foundation

/// `--timeout`, `--jobs` and `--budget`: the limits candidates are validated under, shared by
/// `batt run` and `batt submit`.
struct ValidationLimits: ParsableArguments {
    // Numeric options parse unconditionally, so `--jobs -1` is answered with the range rather
    // than "Missing value".
    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Time limit per candidate, all its pairs together (submit: also per solver and test input): 1s, 500ms, 2.5 (more than 0, at most 1d; default: 1s).",
        transform: TimeLimit.parse)
    var timeout: TimeLimit = TimeLimit(seconds: 1)

    @Option(
        name: .long, parsing: .unconditional,
        help: "Validations to run at once, 1 to 1024; the number of cores when not given.",
        transform: { try WholeNumber.parse($0, in: WholeNumber.jobs) })
    var jobs: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: "Elements one pair's evaluation may create before it counts as 'budget' (1 to 10^12; default: 16000000).",
        transform: { try WholeNumber.parse($0, in: WholeNumber.budget) })
    var budget: Int = Validator.defaultBudget

    /// `--jobs`, else one job per core.
    var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}
