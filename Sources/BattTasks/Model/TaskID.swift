/// The rules a task id must follow, since ids become file and folder names (`--emit` writes
/// `solve_<id>/`).
///
/// ARC's own ids are eight hex digits; batt accepts any name that is safe as one path
/// component: not empty, at most 200 bytes, no `/`, `\`, NUL or other control character,
/// and no `..`.
public enum TaskID {
    public static let maximumLength = 200

    /// Why `id` cannot be a task id, or nil when it can.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "a task id cannot be empty" }
        if id.utf8.count > maximumLength { return "a task id is at most \(maximumLength) bytes long" }
        if id.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" }) {
            return "a task id cannot hold '/' or '\\' (it becomes a folder name)"
        }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a task id cannot hold NUL or other control characters"
        }
        if id.contains("..") { return "a task id cannot hold '..' (it becomes a folder name)" }
        return nil
    }

    /// `id` quoted for a message, control characters escaped so the message stays one line.
    public static func quoted(_ id: String) -> String {
        var text = ""
        for scalar in id.unicodeScalars.prefix(80) {
            text += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return "'" + text + (id.unicodeScalars.count > 80 ? "…'" : "'")
    }
}
