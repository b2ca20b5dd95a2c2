import Foundation
import Testing

@testable import BattDSL

/// Random, type-agnostic compositions of all the primitives on random values: none may crash the
/// process, hang past its deadline, return a non-canonical value, or evaluate differently twice.
///
/// Environment, for chasing a failure:
/// - `BATT_FUZZ_SEED=0x…` runs only that composition, printing it and its outcomes.
/// - `BATT_FUZZ_TRACE=1` prints each composition's seed before running it, so the last seed
///   printed before a crash is the one that crashed.
/// - `BATT_FUZZ_COUNT=n` runs n compositions per shard instead of the default.
/// - `BATT_FUZZ_RUN=0x…` draws other compositions than the default run's (for longer hunts).
@Suite struct CompositionFuzzTests {
    static let shards = Array(0..<8)
    static let compositionsPerShard = 12_500
    static let largeShards = Array(0..<2)
    static let largeCompositionsPerShard = 1_000
    static let runSeed: UInt64 = 0xBA77_F022_0000_0000
    /// Enough failures per shard to see a pattern without flooding the log.
    static let reportedProblemsPerShard = 10

    static let smallTotal = SharedFuzzTally(shardCount: shards.count)
    static let largeTotal = SharedFuzzTally(shardCount: largeShards.count)

    @Test(arguments: shards)
    func randomCompositionsReturnOrRaiseWithinTheirDeadline(shard: Int) throws {
        try fuzz(shard: shard, count: Self.compositionsPerShard, large: false, total: Self.smallTotal)
    }

    /// ARC-sized grids and containers of hundreds of elements reach the size budget and the
    /// deadline, where a primitive that builds a lot without looking at the clock overruns.
    @Test(arguments: largeShards)
    func compositionsOfLargeValuesStopAtTheirLimits(shard: Int) throws {
        try fuzz(shard: shard, count: Self.largeCompositionsPerShard, large: true, total: Self.largeTotal)
    }

    private func fuzz(shard: Int, count defaultCount: Int, large: Bool, total: SharedFuzzTally) throws {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["BATT_FUZZ_SEED"] {
            if shard == 0 { try replay(text, large: large) }
            return
        }
        let trace = environment["BATT_FUZZ_TRACE"] != nil
        let count = environment["BATT_FUZZ_COUNT"].flatMap { Int($0) } ?? defaultCount
        let runSeed = (environment["BATT_FUZZ_RUN"].flatMap(Self.hexadecimal) ?? Self.runSeed) ^ (large ? 0xFF : 0)
        let kind = large ? "large-value " : ""
        var tally = FuzzTally()
        for index in 0..<count {
            let seed = SplitMix64.caseSeed(run: runSeed &+ UInt64(shard) << 8, index: index)
            if trace { FileHandle.standardError.write(Data("fuzz \(kind)seed 0x\(String(seed, radix: 16))\n".utf8)) }
            var check = CompositionCheck(seed: seed, large: large)
            check.run()
            tally.add(check)
            if !check.problems.isEmpty && tally.failures <= Self.reportedProblemsPerShard {
                let test = large ? "compositionsOfLargeValues" : "randomCompositions"
                Issue.record(
                    "\(check.report)\n  replay: BATT_FUZZ_SEED=0x\(String(seed, radix: 16)) swift test --filter \(test)"
                )
            }
        }
        if let sum = total.add(tally) { print("fuzz \(kind)total: \(sum.summary)") }
    }

    private func replay(_ text: String, large: Bool) throws {
        let seed = try #require(Self.hexadecimal(text), "BATT_FUZZ_SEED must be hexadecimal, not \(text)")
        var check = CompositionCheck(seed: seed, large: large)
        print(check.composition.listing)
        check.run()
        print(check.findings)
        #expect(check.problems.isEmpty, "\(check.problems)")
    }

    private static func hexadecimal(_ text: String) -> UInt64? {
        UInt64(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16)
    }
}

/// Counts of a fuzz run, and the slowest composition seen.
struct FuzzTally: Sendable {
    var compositions = 0
    var steps = 0
    var returned = 0
    var raised = 0
    var limits = 0
    var failures = 0
    var slowest = 0.0
    var slowestSeed: UInt64 = 0
    var stepsReturned = 0
    /// The primitives that returned a value at least once, to see what the run reached.
    var primitivesReturned: Set<String> = []

    mutating func add(_ check: CompositionCheck) {
        compositions += 1
        steps += check.composition.steps.count
        switch check.lastOutcome {
        case .value?: returned += 1
        case let outcome?:
            raised += 1
            if outcome.isLimit { limits += 1 }
        case nil: break
        }
        for (step, outcome) in zip(check.composition.steps, check.outcomes) {
            guard case .value = outcome else { continue }
            stepsReturned += 1
            if case .primitive(let primitive, _) = step { primitivesReturned.insert(primitive.name) }
        }
        if !check.problems.isEmpty { failures += 1 }
        if check.elapsed > slowest { (slowest, slowestSeed) = (check.elapsed, check.composition.seed) }
    }

    mutating func add(_ other: FuzzTally) {
        compositions += other.compositions
        steps += other.steps
        returned += other.returned
        raised += other.raised
        limits += other.limits
        failures += other.failures
        stepsReturned += other.stepsReturned
        primitivesReturned.formUnion(other.primitivesReturned)
        if other.slowest > slowest { (slowest, slowestSeed) = (other.slowest, other.slowestSeed) }
    }

    var summary: String {
        let slowestText = String(format: "%.3f", slowest)
        let silent = Primitives.all.map(\.name).filter { !primitivesReturned.contains($0) }
        return
            "\(compositions) compositions (\(steps) steps, \(stepsReturned) returned): \(returned) returned a value, "
            + "\(raised) raised (\(limits) at a limit), \(failures) failed; slowest \(slowestText) s "
            + "(seed 0x\(String(slowestSeed, radix: 16))); \(Primitives.all.count - silent.count) primitives returned"
            + (silent.isEmpty || silent.count > 12 ? "" : ", never: \(silent.joined(separator: " "))")
    }
}

/// One total across the shards of a test, for whichever shard finishes last to print.
final class SharedFuzzTally: @unchecked Sendable {
    private let lock = NSLock()
    private let shardCount: Int
    private var total = FuzzTally()
    private var shardsDone = 0

    init(shardCount: Int) {
        self.shardCount = shardCount
    }

    /// Adds a shard's tally; returns the total once every shard has added its own.
    func add(_ tally: FuzzTally) -> FuzzTally? {
        lock.lock()
        defer { lock.unlock() }
        total.add(tally)
        shardsDone += 1
        return shardsDone == shardCount ? total : nil
    }
}
