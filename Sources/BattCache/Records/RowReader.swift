import Foundation
import GRDB

/// Reads the columns of one row of a cache file, which anyone may have edited by hand.
///
/// A NULL where a value belongs, a BLOB, text in a number column or a number out of range is an
/// ``CacheError/invalidRow(table:reason:)`` naming the column and quoting the value, never a trap:
/// GRDB's `row[i]` subscripts stop the process on a value they cannot convert.
struct RowReader {
    private enum Source {
        case row(Row)
        /// The current row of a statement stepped by hand (many rows, read straight from SQLite).
        case statement(SQLiteStatement)
    }

    private let source: Source
    let table: String

    init(_ row: Row, table: String) {
        source = .row(row)
        self.table = table
    }

    init(statement: SQLiteStatement, table: String) {
        source = .statement(statement)
        self.table = table
    }

    func value(_ index: Int) -> DatabaseValue {
        switch source {
        case .row(let row): return row[index] as DatabaseValue
        case .statement(let statement): return DatabaseValue(sqliteStatement: statement, index: CInt(index))
        }
    }

    func text(_ index: Int, _ column: String) throws -> String {
        guard let text = try optionalText(index, column) else { throw invalid(column, "is NULL") }
        return text
    }

    func optionalText(_ index: Int, _ column: String) throws -> String? {
        switch value(index).storage {
        case .null: return nil
        case .string(let text): return text
        case .int64, .double, .blob: throw invalid(column, "holds \(Self.describe(value(index))), not text")
        }
    }

    func integer(_ index: Int, _ column: String, in range: ClosedRange<Int64> = 0...Int64(Int32.max)) throws -> Int {
        switch value(index).storage {
        case .int64(let number):
            guard range.contains(number) else {
                throw invalid(column, "holds \(number), outside \(range.lowerBound)...\(range.upperBound)")
            }
            return Int(number)
        default:
            throw invalid(column, "holds \(Self.describe(value(index))), not an integer")
        }
    }

    func real(_ index: Int, _ column: String, atLeast minimum: Double = 0) throws -> Double {
        guard let number = try optionalReal(index, column, atLeast: minimum) else { throw invalid(column, "is NULL") }
        return number
    }

    func optionalReal(_ index: Int, _ column: String, atLeast minimum: Double = 0) throws -> Double? {
        let number: Double
        switch value(index).storage {
        case .null: return nil
        case .int64(let integer): number = Double(integer)
        case .double(let double): number = double
        case .string, .blob: throw invalid(column, "holds \(Self.describe(value(index))), not a number")
        }
        guard number.isFinite, number >= minimum else {
            throw invalid(column, "holds \(number), not a finite number of at least \(minimum)")
        }
        return number
    }

    func invalid(_ column: String, _ what: String) -> CacheError {
        .invalidRow(table: table, reason: "\(column) \(what)")
    }

    /// A stored value as a message shows it: its type, and a short quote.
    static func describe(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let number): return "the integer \(number)"
        case .double(let number): return "the real \(number)"
        case .string(let text):
            let quoted = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the text '\(quoted)'"
        case .blob(let data): return "a \(data.count)-byte BLOB"
        }
    }
}
