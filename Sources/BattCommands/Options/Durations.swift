import ArgumentParser
import Foundation

/// Why a numeric option's value was refused, saying the range it must lie in.
///
/// Thrown from an option's `transform`, so the argument parser prints
/// "The value 'X' is invalid for '--option <value>': <description>" and exits 64.
struct OptionValueError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// A time limit written as `1s`, `500ms`, `1.5` (seconds) or `2m`: more than 0, at most a day.
public struct TimeLimit: ExpressibleByArgument, Sendable, Equatable {
    public let seconds: Double

    /// The longest limit accepted: longer is a mistake, and past about 584 years in nanoseconds
    /// a deadline no longer fits the clock.
    public static let maximumSeconds: Double = 86_400
    static let range = "more than 0 and at most 1d (86400s), such as 1s, 500ms, 2.5 or 2m"

    public init(seconds: Double) { self.seconds = seconds }

    public init?(argument: String) {
        guard let limit = try? Self.parse(argument) else { return nil }
        self = limit
    }

    /// The limit `argument` names, or an error saying the accepted range.
    static func parse(_ argument: String) throws -> TimeLimit {
        guard let seconds = Durations.seconds(argument) else {
            throw OptionValueError("not a duration; give a time limit \(range)")
        }
        guard seconds.isFinite, seconds > 0, seconds <= maximumSeconds else {
            throw OptionValueError("out of range; a time limit is \(range)")
        }
        return TimeLimit(seconds: seconds)
    }

    public var defaultValueDescription: String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded()))ms" : "\(seconds.formatted())s"
    }
}

/// An age written as `7d`, `12h`, `30m` or `90s`: from 0 to 100 years.
public struct Age: ExpressibleByArgument, Sendable, Equatable {
    public let seconds: Double

    public static let maximumSeconds: Double = 36_500 * 86_400
    static let range = "from 0s to 36500d (100 years), with a unit: 7d, 12h, 30m or 90s"

    public init?(argument: String) {
        guard let age = try? Self.parse(argument) else { return nil }
        self = age
    }

    private init(seconds: Double) { self.seconds = seconds }

    static func parse(_ argument: String) throws -> Age {
        guard let seconds = Durations.seconds(argument, defaultUnit: nil) else {
            throw OptionValueError("not an age; give one \(range)")
        }
        guard seconds.isFinite, seconds >= 0, seconds <= maximumSeconds else {
            throw OptionValueError("out of range; an age is \(range)")
        }
        return Age(seconds: seconds)
    }

    /// The age in whole milliseconds (exact: the range keeps it far inside `Int64`).
    var milliseconds: Int64 { Int64((seconds * 1000).rounded()) }
}

/// A size written as `100MB`, `1.5GB`, `512KB` or a number of bytes: from 0 to 1PB.
public struct ByteSize: ExpressibleByArgument, Sendable, Equatable {
    public let bytes: Int64

    public static let maximumBytes: Int64 = 1_000_000_000_000_000
    static let range = "from 0 to 1PB, such as 100MB, 1.5GB, 512KiB or a number of bytes"

    public init?(argument: String) {
        guard let size = try? Self.parse(argument) else { return nil }
        self = size
    }

    private init(bytes: Int64) { self.bytes = bytes }

    static func parse(_ argument: String) throws -> ByteSize {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [
            ("PIB", 1_125_899_906_842_624), ("TIB", 1_099_511_627_776), ("GIB", 1_073_741_824), ("MIB", 1_048_576),
            ("KIB", 1024), ("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("P", 1e15),
            ("T", 1e12), ("G", 1e9), ("M", 1e6), ("K", 1e3), ("B", 1),
        ]
        var number: Double?
        if let exact = Int64(text) {
            number = Double(exact)
        } else if let (suffix, factor) = units.first(where: { text.hasSuffix($0.0) }),
            let value = Double(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces))
        {
            number = value * factor
        }
        guard let number else { throw OptionValueError("not a size; give one \(range)") }
        // Compared as Double before converting, so no value can trap the conversion.
        guard number.isFinite, number >= 0, number <= Double(maximumBytes) else {
            throw OptionValueError("out of range; a size is \(range)")
        }
        return ByteSize(bytes: Int64(number.rounded(.down)))
    }
}

extension ByteSize {
    static let workerMemoryRange = "from 1MB to 1PB, such as 512MB or 2GB"

    /// A `--dsl` worker's memory limit: a size, at least 1MB (below that no worker can start).
    static func parseWorkerMemory(_ argument: String) throws -> ByteSize {
        let size: ByteSize
        do { size = try parse(argument) } catch { throw OptionValueError("not a size; give one \(workerMemoryRange)") }
        guard size.bytes >= 1_000_000 else {
            throw OptionValueError("out of range; worker memory is \(workerMemoryRange)")
        }
        return size
    }
}

/// Whole-number options, each with the range it accepts.
enum WholeNumber {
    /// `text` as an integer in `range`, or an error quoting the range.
    static func parse(_ text: String, in range: ClosedRange<Int>) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed), range.contains(value) else {
            throw OptionValueError("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static let jobs = 1...1024
    /// Solvers of a task `batt submit` runs on its test inputs.
    static let solvers = 1...1_000_000
    static let budget = 1...1_000_000_000_000
    /// Counts of rows or runs to show.
    static let count = 0...1_000_000_000
}

enum Durations {
    static func seconds(_ text: String, defaultUnit: Double? = 1) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 604800)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)) else { continue }
            return number * factor
        }
        guard let defaultUnit, let number = Double(trimmed) else { return nil }
        return number * defaultUnit
    }
}
