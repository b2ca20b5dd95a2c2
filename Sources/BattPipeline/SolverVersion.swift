import BattDSL
import Foundation

/// Names the semantics that produced a verdict: the runtime's semantic version plus an optional
/// user tag. Verdicts stored under any other version are never served.
public struct SolverVersion: Sendable, Equatable, CustomStringConvertible {
    /// Bump when a change to the runtime or the validator can change a verdict.
    public static let runtime = "batt-dsl-2"

    public let tag: String?

    public init(tag: String?) {
        let trimmed = tag?.trimmingCharacters(in: .whitespaces)
        self.tag = (trimmed?.isEmpty ?? true) ? nil : trimmed
    }

    public var description: String {
        guard let tag else { return SolverVersion.runtime }
        return "\(SolverVersion.runtime)+\(tag)"
    }
}
