import BattLanguage
import Foundation
import Testing

@testable import BattPipeline

/// Large candidate files are parsed in pieces on all cores; the result must be the one parse of
/// the whole file would give, line numbers included.
@Suite struct PieceParsingTests {
    /// A search-like file well over the piece threshold.
    static func largeSource(brokenAt broken: Int? = nil) -> String {
        var text = "from dsl import *\nfrom constants import *\n\n"
        var k = 0
        while text.utf8.count < CandidateSource.parallelParseThreshold * 2 {
            text += "def solve_3c9b0459_\(k)(S, I, C):\n"
            text += "    # a comment\n"
            text += "    t1 = rot90(I)\n"
            text += k == broken ? "    t2 = rot90(t1\n" : "    t2 = replace(t1, \(k % 10), (\(k % 7), -1))\n"
            text += "    return t2\n\n\n"
            k += 1
        }
        return text
    }

    @Test func piecesGiveTheFunctionsAndLinesOfOneWholeParse() {
        let source = Self.largeSource()
        let whole = CandidateParser.parse(source: source, path: "big.py")
        let pieces = CandidateSource.parse(Array(source.utf8), path: "big.py")
        #expect(CandidateSource.pieceStarts(Array(source.utf8), pieces: 2).count == 2)
        #expect(pieces.functions.count == whole.functions.count)
        #expect(pieces.functions == whole.functions)
        #expect(pieces.diagnostics.isEmpty)
    }

    @Test func aSyntaxErrorInAnyPieceGivesTheDiagnosticsOfOneWholeParse() {
        let source = Self.largeSource(brokenAt: 3000)
        let whole = CandidateParser.parse(source: source, path: "big.py")
        let pieces = CandidateSource.parse(Array(source.utf8), path: "big.py")
        #expect(!whole.diagnostics.isEmpty)
        #expect(pieces.diagnostics == whole.diagnostics)
        #expect(pieces.functions == whole.functions)
    }
}
