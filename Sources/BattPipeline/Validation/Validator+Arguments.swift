import BattDSL
import BattTasks

extension Validator {
    /// `S` as a solver receives it: the task's demonstrations as (input, output) pairs.
    public static func demonstrations(of task: ARCTask) -> Value {
        .tuple(task.demonstrations.map { .tuple([.grid($0.input), $0.output.map(Value.grid) ?? .none]) })
    }

    /// A solver's arguments, by parameter name: `I` the input grid, `S` the demonstrations, any
    /// other (`C`) None.
    public static func arguments(for parameterNames: [String], input: Value, demonstrations: Value) -> [Value] {
        parameterNames.map { name in
            switch name {
            case "I": return input
            case "S": return demonstrations
            default: return .none
            }
        }
    }
}
