/// The kinds of token the solver-language tokenizer produces.
enum TokenKind: UInt8, Sendable {
    case name
    case number
    case string

    case keywordDef
    case keywordReturn
    case keywordImport
    case keywordFrom
    case keywordPass
    case keywordTrue
    case keywordFalse
    case keywordNone
    /// Any other Python keyword (`if`, `for`, `lambda`, ...): never a valid name here.
    case keywordOther

    case leftParen
    case rightParen
    case comma
    case equals
    case colon
    case arrow
    case minus
    case semicolon
    /// Any other operator or delimiter (`+`, `[`, `.`, `==`, ...): outside the subset.
    case otherOperator

    case newline
    case indent
    case dedent
    case endOfFile
    /// A lexical error; the tokenizer keeps its message.
    case invalid
}

/// One token: its kind and where it is in the source (byte offsets, 1-based line).
struct Token: Sendable {
    var kind: TokenKind
    var start: Int32
    var end: Int32
    var line: Int32
}
