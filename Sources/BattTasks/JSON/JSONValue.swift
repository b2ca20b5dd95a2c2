/// A parsed JSON document, keeping what task diagnostics need to quote.
///
/// Integers that fit `Int` are `.integer`; every other number keeps its literal text, so a
/// message can say a cell "holds 1.5" or "holds 1e400" exactly as the file spells it.
enum JSONValue: Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case integer(Int)
    case number(String)
    case string(String)
    case bool(Bool)
    case null
}

extension JSONValue {
    /// The value's kind with an article, for "expected …, found …" messages.
    var kindDescription: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// Short JSON text for messages: scalars in full (strings truncated), containers elided.
    var quoted: String {
        switch self {
        case .object(let members): return members.isEmpty ? "{}" : "{…}"
        case .array(let elements): return elements.isEmpty ? "[]" : "[…]"
        case .integer(let value): return String(value)
        case .number(let text): return text.count > 24 ? String(text.prefix(24)) + "…" : text
        case .string(let text):
            let shown = text.count > 24 ? String(text.prefix(24)) + "…" : text
            return "\"" + shown + "\""
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }

    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}

extension JSONValue {
    /// The value for "found …" messages: its kind, with scalars quoted (`the string "7"`).
    var described: String {
        switch self {
        case .object, .array: return kindDescription
        case .integer, .number: return "the number \(quoted)"
        case .string: return "the string \(quoted)"
        case .bool, .null: return quoted
        }
    }
}
