import ArgumentParser
import Foundation

/// A time limit written as `1s`, `500ms`, `1.5` (seconds) or `2m`.
public struct TimeLimit: ExpressibleByArgument, Sendable, Equatable {
    public let seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    public init?(argument: String) {
        guard let seconds = Durations.seconds(argument), seconds > 0 else { return nil }
        self.seconds = seconds
    }

    public var defaultValueDescription: String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded()))ms" : "\(seconds.formatted())s"
    }
}

/// An age written as `7d`, `12h`, `30m` or `90s`.
public struct Age: ExpressibleByArgument, Sendable, Equatable {
    public let seconds: Double

    public init?(argument: String) {
        guard let seconds = Durations.seconds(argument, defaultUnit: nil), seconds >= 0 else { return nil }
        self.seconds = seconds
    }
}

/// A size written as `100MB`, `1.5GB`, `512KB` or a number of bytes.
public struct ByteSize: ExpressibleByArgument, Sendable, Equatable {
    public let bytes: Int64

    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [
            ("GIB", 1_073_741_824), ("MIB", 1_048_576), ("KIB", 1024),
            ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("G", 1e9), ("M", 1e6),
            ("K", 1e3), ("B", 1),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)),
                number >= 0
            else { return nil }
            bytes = Int64(number * factor)
            return
        }
        guard let number = Int64(text), number >= 0 else { return nil }
        bytes = number
    }
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
