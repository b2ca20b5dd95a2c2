import BattDSL

/// One input grid and, when known, the grid a solver must produce from it.
///
/// Demonstration outputs are always known; a test output is `nil` when the task file (or a Kaggle
/// challenges file without its solutions) does not give it.
public struct TaskPair: Hashable, Sendable {
    public let input: Grid
    public let output: Grid?

    public init(input: Grid, output: Grid?) {
        self.input = input
        self.output = output
    }
}
