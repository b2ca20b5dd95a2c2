import Foundation
import Testing

@testable import BattPython

/// A stored description of a DSL is reused only while every file it was made from is unchanged.
@Suite(.enabled(if: TinyDSL.hasPython, "python3 is not on PATH: no DSL can be described"))
struct DSLManifestTests {
    @Test func editingAnyLocalModuleMakesTheManifestOutOfDateAndChangesItsHash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batt-manifest-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: TinyDSL.dsl).deletingLastPathComponent(), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dsl = folder.appendingPathComponent("dsl.py").path
        let configuration = PythonDSLConfiguration(dslPath: dsl, memoryBytes: 0, namespaces: [["dsl"]])
        let first = try PythonWorkerPool(configuration: configuration)
        let manifest = first.manifest
        first.shutdown()
        #expect(manifest.isCurrent(folder: configuration.folder))
        #expect(manifest.local["extras.py"] == nil)  // not imported by this namespace

        let types = folder.appendingPathComponent("tinytypes.py").path
        try (String(contentsOfFile: types, encoding: .utf8) + "\n").write(
            toFile: types, atomically: true, encoding: .utf8)
        #expect(!manifest.isCurrent(folder: configuration.folder))
        let second = try PythonWorkerPool(configuration: configuration)
        defer { second.shutdown() }
        #expect(second.manifest.hash != manifest.hash)
        #expect(second.manifest.names == manifest.names)
    }
}
