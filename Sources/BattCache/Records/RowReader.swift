import Foundation
import GRDB
import GRDBSQLite

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

    /// A column's value as the decoders below need it. Read straight from SQLite for a statement:
    /// thousands of rows at a time, GRDB's conversion costs more than the lookups themselves. A
    /// text is read up to its first NUL, as GRDB reads it for a `Row`, so `batt cache verify` and
    /// a run judge a row alike.
    private enum Cell {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob
    }

    private func cell(_ index: Int) -> Cell {
        switch source {
        case .row(let row):
            switch (row[index] as DatabaseValue).storage {
            case .null: return .null
            case .int64(let number): return .integer(number)
            case .double(let number): return .real(number)
            case .string(let text): return .text(text)
            case .blob: return .blob
            }
        case .statement(let statement):
            let column = CInt(index)
            switch sqlite3_column_type(statement, column) {
            case SQLITE_NULL: return .null
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
            case SQLITE_TEXT:
                guard let bytes = sqlite3_column_text(statement, column) else { return .text("") }
                return .text(String(cString: bytes))
            default: return .blob
            }
        }
    }

    /// Throws unless the column holds text, which is not decoded.
    func requireText(_ index: Int, _ column: String) throws {
        if case .statement(let statement) = source, sqlite3_column_type(statement, CInt(index)) == SQLITE_TEXT {
            return
        }
        _ = try text(index, column)
    }

    func isNull(_ index: Int) -> Bool {
        if case .statement(let statement) = source { return sqlite3_column_type(statement, CInt(index)) == SQLITE_NULL }
        if case .null = cell(index) { return true }
        return false
    }

    func optionalText(_ index: Int, _ column: String) throws -> String? {
        switch cell(index) {
        case .null: return nil
        case .text(let text): return text
        case .integer, .real, .blob: throw invalid(column, "holds \(Self.describe(value(index))), not text")
        }
    }

    func integer(_ index: Int, _ column: String, in range: ClosedRange<Int64> = 0...Int64(Int32.max)) throws -> Int {
        if case .statement(let statement) = source, sqlite3_column_type(statement, CInt(index)) == SQLITE_INTEGER {
            let number = sqlite3_column_int64(statement, CInt(index))
            if range.contains(number) { return Int(number) }
        }
        switch cell(index) {
        case .integer(let number):
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
        if case .statement(let statement) = source, sqlite3_column_type(statement, CInt(index)) == SQLITE_FLOAT {
            let number = sqlite3_column_double(statement, CInt(index))
            if number.isFinite && number >= minimum { return number }
        }
        let number: Double
        switch cell(index) {
        case .null: return nil
        case .integer(let integer): number = Double(integer)
        case .real(let real): number = real
        case .text, .blob: throw invalid(column, "holds \(Self.describe(value(index))), not a number")
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
