/// The imports at the top level of a candidate file. With `--dsl`, each `from MODULE import *`
/// adds MODULE's names to what the file's candidates see (after the DSL's own); other forms add
/// nothing and get a diagnostic, since batt's parser runs no import statement.
public struct HeaderImports: Sendable {
    /// The modules of `from MODULE import *`, in file order, each once.
    public var starModules: [String] = []
    /// One diagnostic per import that adds no name.
    public var ignored: [CandidateDiagnostic] = []

    /// Reads the top-level import lines of `bytes` (lines that start with `from` or `import`).
    public init(scanning bytes: [UInt8], path: String) {
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let first = rawLine.first, first == UInt8(ascii: "f") || first == UInt8(ascii: "i") else { continue }
            var line = String(decoding: rawLine, as: UTF8.self)
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == ";" })
            guard let keyword = words.first, keyword == "from" || keyword == "import" else { continue }
            if keyword == "from", words.count == 4, words[2] == "import", words[3] == "*",
                HeaderImports.isModuleName(words[1])
            {
                let module = String(words[1])
                if !starModules.contains(module) { starModules.append(module) }
                continue
            }
            let statement = words.joined(separator: " ")
            ignored.append(
                CandidateDiagnostic(
                    path: path, line: lineNumber, column: 1, functionName: nil,
                    message:
                        "'\(statement)' adds no name for candidates: with --dsl only 'from MODULE import *' (a module beside the DSL or installed) is used",
                    isError: false))
        }
    }

    static func isModuleName(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                guard let first = part.first, first == "_" || first.isLetter else { return false }
                return part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
            }
    }
}
