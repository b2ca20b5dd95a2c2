import Testing

@testable import BattTasks

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test(arguments: [
        ("0", "0"), ("-7", "-7"), ("12", "12"), ("1.0", "1.0"), ("1e2", "1e2"), ("-0.5E-3", "-0.5E-3"),
        ("99999999999999999999", "99999999999999999999"), ("true", "true"), ("null", "null"),
        (#""a\"b\\c\/\n\u00e9\ud83d\ude00""#, "\"a\"b\\c/\n\u{e9}\u{1F600}\""),
    ])
    func scalarsKeepTheirLiteralText(text: String, quoted: String) throws {
        #expect(try parse(text).quoted == quoted)
    }

    @Test func integersFittingIntAreIntegers() throws {
        guard case .integer(-42) = try parse(" -42 ") else {
            Issue.record("expected an integer")
            return
        }
        guard case .integer(Int.min) = try parse("\(Int.min)") else {
            Issue.record("expected Int.min")
            return
        }
        guard case .integer(Int.max) = try parse("\(Int.max)") else {
            Issue.record("expected Int.max")
            return
        }
        guard case .number("9223372036854775808") = try parse("9223372036854775808") else {
            Issue.record("expected a number beyond Int")
            return
        }
        guard case .number("3.0") = try parse("3.0") else {
            Issue.record("expected a number")
            return
        }
    }

    @Test func nestedContainersParseAfterAByteOrderMark() throws {
        let value = try parse("\u{FEFF}{\"a\": [[1, 2], []], \"b\": {}}")
        let members = try #require(value.objectMembers)
        #expect(members["a"]?.arrayElements?.count == 2)
        #expect(members["b"]?.objectMembers?.isEmpty == true)
    }

    @Test(arguments: [
        ("", 1, 1, "the document is empty"),
        ("[1, 2", 1, 6, "unexpected end of document, expected ',' or ']'"),
        ("[1, ", 1, 5, "unexpected end of document"),
        ("[1,\n 2 3]", 2, 4, "unexpected '3', expected ',' or ']'"),
        ("{\"a\" 1}", 1, 6, "unexpected '1', expected ':'"),
        ("[01]", 1, 3, "unexpected '1', expected ',' or ']'"),
        ("[1.]", 1, 4, "a number needs digits after '.'"),
        ("[tru]", 1, 2, "unexpected 't', expected a value"),
        ("{\"a\": 1,}", 1, 9, "unexpected '}', expected a quoted key"),
        ("[1] x", 1, 5, "unexpected 'x' after the document"),
        ("\"a\\q\"", 1, 4, "invalid escape '\\q'"),
        ("[NaN]", 1, 2, "unexpected 'N', expected a value"),
    ])
    func invalidDocumentsReportLineColumnAndReason(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: JSONSyntaxError(line: line, column: column, reason: reason)) { try parse(text) }
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
    }

    @Test func duplicateKeysKeepTheLastValueLikePython() throws {
        guard case .integer(2) = try parse(#"{"k": 1, "k": 2}"#).objectMembers?["k"] else {
            Issue.record("expected the last value")
            return
        }
    }
}
