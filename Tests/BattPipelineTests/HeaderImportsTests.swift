import Testing

@testable import BattPipeline

/// With `--dsl`, the star-imports at the top of a candidate file add names; other imports do not.
@Suite struct HeaderImportsTests {
    @Test func starImportsAreReadInFileOrderEachOnce() {
        let source = """
            from dsl import *
            from constants import *  # the names
            from dsl import *
            from my_pkg.tools import *

            def solve(I):
                return I
            """
        let imports = HeaderImports(scanning: Array(source.utf8), path: "c.py")
        #expect(imports.starModules == ["dsl", "constants", "my_pkg.tools"])
        #expect(imports.ignored.isEmpty)
    }

    @Test(arguments: [
        ("import numpy as np", 1), ("from dsl import fill, crop", 1), ("from .local import *", 1),
        ("    from dsl import *", 0), ("# from dsl import *", 0),
    ])
    func otherImportFormsGetADiagnosticAndAddNoModule(line: String, diagnostics: Int) {
        let imports = HeaderImports(scanning: Array((line + "\n").utf8), path: "c.py")
        #expect(imports.starModules.isEmpty)
        #expect(imports.ignored.count == diagnostics)
        if let diagnostic = imports.ignored.first {
            #expect(diagnostic.line == 1 && diagnostic.path == "c.py" && !diagnostic.isError)
            #expect(diagnostic.message.contains("only 'from MODULE import *'"))
        }
    }

    @Test func thePythonDSLHashEntersTheSolverVersionBeforeTheTag() {
        let version = SolverVersion(tag: "mine").withPythonDSL(hash: "0123456789abcdef0123")
        #expect(version.description == SolverVersion.runtime + "+py:0123456789ab+mine")
        #expect(SolverVersion(tag: nil).description == SolverVersion.runtime)
    }
}
