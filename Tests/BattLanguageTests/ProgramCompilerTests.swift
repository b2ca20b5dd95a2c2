import BattDSL
import Foundation
import Testing

@testable import BattLanguage

/// Compiling a candidate function directly gives the very program its expression DAG compiles to.
@Suite struct ProgramCompilerTests {
    /// Every node of a program, written out: equal texts are equal programs.
    static func text(of program: Program) -> String {
        let nodes = program.nodes.enumerated().map { index, node -> String in
            let body: String
            switch node {
            case .parameter(let k): body = "parameter \(k)"
            case .constant(let value): body = "constant \(value)"
            case .primitive(let primitive, let arguments): body = "\(primitive.name)\(arguments)"
            case .dynamic(let callee, let arguments, let keywords):
                body = "call \(callee) \(arguments) \(keywords.map { "\($0.name)=\($0.node)" })"
            case .negate(let operand): body = "negate \(operand)"
            case .tuple(let elements): body = "tuple \(elements)"
            case .failure(let error): body = "failure \(error)"
            }
            return "\(index): \(body)"
        }
        return "(\(program.parameterNames.joined(separator: ", "))) -> \(program.result)\n"
            + nodes.joined(separator: "\n")
    }

    static let source = """
        def solve_a(I):
            x1 = vmirror(I)
            x2 = hmirror(x1)
            return x1

        def solve_b(S, I, C):
            x1 = objects(I, T, F, T)
            x2 = argmax(x1, size)
            x3 = recolor(TWO, x2)
            O = paint(I, x3)
            return O

        def solve_c(I):
            x1 = astuple(-2, -(3))
            x2 = shift(ofcolor(I, ONE), x1)
            x3 = (x1, (1, 2), None, True)
            O = fill(grid=I, patch=x2, value=4)
            return O

        def solve_d(I):
            x1 = vmirror(I)
            I = hmirror(x1)
            x2 = vmirror(I)
            x2 = rot90(x2)
            x3 = undefined_name(x2)
            return x3

        def solve_e(I):
            x1 = fork(combine, vmirror, hmirror)
            x2 = x1(I)
            x3 = rbind(shift, ORIGIN)
            x4 = x3(objects(I, T, F, F))
            x5 = fill(I, 1, patch=x4, value=2)
            x6 = vmirror(I, I)
            x7 = x2(I, extra=1)
            return astuple(x5, x6, x7, -ZERO, -x2)
        """

    @Test func compilingAFunctionDirectlyGivesTheProgramOfItsGraph() throws {
        let parsed = CandidateParser.parse(source: Self.source, path: "compile.py")
        let fixture = try FixtureTests.parsedFixture()
        let functions = parsed.functions + fixture.functions
        #expect(functions.count == 9)
        for function in functions {
            let direct = try ProgramCompiler.compile(function)
            let throughGraph = ProgramCompiler.compile(try SolverGraph(function))
            #expect(Self.text(of: direct) == Self.text(of: throughGraph), "\(function.name)")
        }
    }

    @Test func aFunctionWithoutReturnDoesNotCompile() throws {
        let function = CandidateFunction(
            name: "solve", parameters: [Parameter(name: "I")],
            statements: [Assignment(target: "x1", value: .name("I"), line: 2)], returned: nil)
        #expect(throws: LanguageError.self) { try ProgramCompiler.compile(function) }
    }
}
