@testable import BattDSL

/// Evaluates one random composition and checks the properties every evaluation must have:
/// each step returns a canonical value or raises a `DSLError` (a crash kills the test process),
/// it finishes within its deadline plus a margin, and the program of the last step, evaluated
/// again on its own by `Program`, gives the same outcome (determinism).
struct CompositionCheck {
    static let timeLimit = 0.5
    static let budget = 200_000
    /// How late past its deadline an evaluation may finish before it counts as a hang: wide
    /// enough for a loaded machine (0.5 s failed once beside several builds), far below a hang.
    static let lateness = 2.0

    let composition: RandomComposition
    private(set) var outcomes: [RandomComposition.Outcome] = []
    private(set) var stepSeconds: [Double] = []
    private(set) var problems: [String] = []
    /// Wall time of the step-by-step evaluation, in seconds.
    private(set) var elapsed = 0.0

    init(seed: UInt64, large: Bool = false) {
        composition = RandomComposition(seed: seed, large: large)
    }

    mutating func run() {
        let start = EvaluationContext.now()
        (outcomes, stepSeconds) = composition.evaluateSteps(
            EvaluationContext(timeLimit: Self.timeLimit, budget: Self.budget))
        elapsed = Self.seconds(since: start)
        checkPrompt(elapsed, "the steps")

        for (k, outcome) in outcomes.enumerated() {
            switch outcome {
            case .value(let value):
                for violation in CanonicalForm.violations(in: value) {
                    problems.append("s\(k) is not canonical: \(violation)")
                }
            case .foreignError(let text):
                problems.append("s\(k) threw \(text), not a DSLError")
            case .error, .skipped:
                break
            }
        }
        checkProgramAgrees()
    }

    private mutating func checkProgramAgrees() {
        let program = composition.program
        let start = EvaluationContext.now()
        let actual: RandomComposition.Outcome
        do {
            actual = .value(
                try program.evaluate(
                    composition.inputs,
                    EvaluationContext(timeLimit: Self.timeLimit, budget: Self.budget)))
        } catch let error as DSLError {
            actual = .error(error)
        } catch {
            actual = .foreignError("\(type(of: error)): \(error)")
        }
        checkPrompt(Self.seconds(since: start), "the program of the last step")
        if case .foreignError(let text) = actual { problems.append("the program threw \(text), not a DSLError") }

        // Limits depend on the clock and on what else shared the budget, so they prove nothing here.
        guard let expected = composition.expectedProgramOutcome(from: outcomes),
            !expected.isLimit, !actual.isLimit, !Self.agree(expected, actual)
        else { return }
        problems.append(
            "evaluated again as a program, the last step gave \(Self.describe(actual)) "
                + "instead of \(Self.describe(expected))")
    }

    /// Equal outcomes, where functions built twice count as equal when built alike (Python's `==` on
    /// functions is identity), and an arity error counts alike whether or not it names its primitive
    /// (`Program` wraps it with the name, `Primitive.apply` does not).
    static func agree(_ a: RandomComposition.Outcome, _ b: RandomComposition.Outcome) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.value(let x), .value(let y)):
            return x.description == y.description
        case (.error(let x), .error(let y)):
            return withoutArityName(x) == withoutArityName(y)
        default:
            return false
        }
    }

    private static func withoutArityName(_ error: DSLError) -> DSLError {
        if case .inPrimitive(let name, let inner) = error, case .typeError(let message) = inner,
            message.hasPrefix("\(name)() takes ")
        {
            return inner
        }
        return error
    }

    private mutating func checkPrompt(_ seconds: Double, _ what: String) {
        if seconds > Self.timeLimit + Self.lateness {
            problems.append("\(what) took \(seconds) s, past the \(Self.timeLimit) s deadline")
        }
    }

    var lastOutcome: RandomComposition.Outcome? { outcomes.last }

    /// The composition and its findings, for a failure message.
    var report: String {
        composition.listing + "\n" + findings
    }

    /// Each step's outcome and what went wrong.
    var findings: String {
        var lines = ["  outcomes:"]
        for (k, (outcome, seconds)) in zip(outcomes, stepSeconds).enumerated() {
            lines.append("    s\(k) (\(Int(seconds * 1000)) ms): \(Self.describe(outcome))")
        }
        lines += problems.map { "  problem: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func describe(_ outcome: RandomComposition.Outcome) -> String {
        switch outcome {
        case .value(let value): return "value \(CanonicalForm.short(value))"
        case .error(let error): return "error \(error)"
        case .skipped: return "skipped"
        case .foreignError(let text): return "foreign error \(text)"
        }
    }

    static func seconds(since start: UInt64) -> Double {
        Double(EvaluationContext.now() &- start) / 1e9
    }
}
