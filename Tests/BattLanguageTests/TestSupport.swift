import Testing

@testable import BattLanguage

/// Parses `source` and requires that it yields exactly one function and no errors.
func parseSingleFunction(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> CandidateFunction
{
    let parsed = CandidateParser.parse(source: source, path: "test.py")
    #expect(!parsed.hasErrors, "unexpected diagnostics: \(parsed.diagnostics)", sourceLocation: sourceLocation)
    #expect(parsed.functions.count == 1, sourceLocation: sourceLocation)
    return try #require(parsed.functions.first, sourceLocation: sourceLocation)
}

/// The text the inliner materialises for `source`, which must hold one function.
func inlinedText(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let function = try parseSingleFunction(source, sourceLocation: sourceLocation)
    return try #require(try Inliner().inline(function).text, sourceLocation: sourceLocation)
}
