import BattDSL
import Foundation

/// Names the semantics that produced a verdict: the runtime's semantic version, for `--dsl` runs
/// `py:` and the hash of the Python DSL, plus an optional user tag. Verdicts stored under any
/// other version are never served.
public struct SolverVersion: Sendable, Equatable, CustomStringConvertible {
    /// Bump when a change to the runtime or the validator can change a verdict.
    public static let runtime = "batt-dsl-2"

    public let tag: String?
    /// The hash of the Python DSL the verdicts come from; nil for the native runtime.
    public let pythonDSLHash: String?

    public init(tag: String?, pythonDSLHash: String? = nil) {
        let trimmed = tag?.trimmingCharacters(in: .whitespaces)
        self.tag = (trimmed?.isEmpty ?? true) ? nil : trimmed
        self.pythonDSLHash = pythonDSLHash
    }

    /// The same version for verdicts of a Python DSL with this hash.
    public func withPythonDSL(hash: String) -> SolverVersion {
        SolverVersion(tag: tag, pythonDSLHash: hash)
    }

    public var description: String {
        var text = SolverVersion.runtime
        if let pythonDSLHash { text += "+py:" + pythonDSLHash.prefix(12) }
        if let tag { text += "+" + tag }
        return text
    }
}
