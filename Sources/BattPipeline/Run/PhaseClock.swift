import BattCache
import Foundation

/// Wall-clock time per phase.
struct PhaseClock {
    private(set) var phases: [PhaseTiming] = []
    private var mark = Date()

    mutating func end(_ phase: String, minus excluded: Double = 0) {
        let now = Date()
        phases.append(PhaseTiming(phase: phase, seconds: max(0, now.timeIntervalSince(mark) - excluded)))
        mark = now
    }

    mutating func add(_ phase: String, seconds: Double, minus excluded: Double = 0) {
        let now = Date()
        phases.append(PhaseTiming(phase: phase, seconds: max(0, seconds + now.timeIntervalSince(mark) - excluded)))
        mark = now
    }
}
