import BattCache
import Foundation

/// Plain-text formatting shared by the cache subcommands: aligned tables, sizes, counts, dates.
enum CacheText {
    /// `1234567` as `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A size in decimal units, as `--max-size` reads them: `812 bytes`, `41.0 kB`, `104.9 MB`.
    static func bytes(_ value: Int) -> String {
        let units: [(String, Double)] = [("GB", 1e9), ("MB", 1e6), ("kB", 1e3)]
        for (unit, factor) in units where Double(value.magnitude) >= factor {
            return String(format: "%.1f %@", Double(value) / factor, unit)
        }
        return "\(value) bytes"
    }

    /// A share as `45.2%`; `n/a` without a denominator.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "n/a" }
        return String(format: "%.1f%%", rate * 100)
    }

    /// Seconds as `12.6 µs`, `4.0 ms`, `1.25 s`.
    static func seconds(_ value: Double) -> String {
        if value < 0.001 { return String(format: "%.1f µs", value * 1e6) }
        return value < 1 ? String(format: "%.1f ms", value * 1000) : String(format: "%.2f s", value)
    }

    /// `1 run`, `3 runs`: a counted noun.
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count(value)) \(value == 1 ? singular : plural ?? singular + "s")"
    }

    /// A time as `2025-11-29 11:15:02Z` (UTC), the same on every machine.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02dZ",
            c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Rows aligned in columns two spaces apart; `rightAligned` columns (numbers) pad on the left.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = [], indent: String = "")
        -> String
    {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            return indent
                + cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return all.map(format).joined(separator: "\n")
    }

    /// Label-value lines with the values aligned: `schema     0001_initial`.
    static func fields(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { label, value in
            label + String(repeating: " ", count: width - label.count + 2) + value
        }.joined(separator: "\n")
    }

    /// Outcomes in their fixed order, as `45 correct, 2,567 wrong, 0 error, ...`.
    static func outcomes(_ counts: [Outcome: Int]) -> String {
        Outcome.allCases.map { "\(count(counts[$0] ?? 0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// The schema a file records against this binary's: `0001_initial (current)`.
    static func schema(applied: [String], supported: [String]) -> String {
        guard let last = applied.last else { return "none yet (the first read-write open creates it)" }
        if applied == supported { return "\(last) (current)" }
        if applied.allSatisfy(supported.contains) {
            return "\(last) (older than this batt's \(supported.last ?? "none"); the next read-write open migrates it)"
        }
        return "\(last) (newer than this batt's \(supported.last ?? "none"))"
    }

    /// `path` as a shell word: unchanged when it is safe to type, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@%")
        if !path.isEmpty, path.unicodeScalars.allSatisfy(safe.contains) { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A verdict's pairs right as `demos 3/3, tests 1/1`-style cells.
    static func ratio(_ correct: Int, _ total: Int) -> String { "\(correct)/\(total)" }
}

/// JSON for the cache subcommands: sorted keys, snake_case, ISO 8601 dates.
enum CacheJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
