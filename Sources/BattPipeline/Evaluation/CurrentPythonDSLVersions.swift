import BattCache
import BattPython
import Foundation

extension SolverVersion {
    /// The solver versions of the Python DSLs recorded in `store` that are still current: built on
    /// `base` (this batt's runtime and tag) from DSL files that are unchanged on disk.
    ///
    /// Verdicts of these versions would be served by the next `--dsl` run of that DSL, so they
    /// are not stale, though they differ from the native version.
    public static func currentPythonDSLVersions(in store: CacheStore, base: String) -> Set<String> {
        // A cache of a schema before 0004 records no Python DSL.
        guard let records = try? store.pythonDSLsByVersion() else { return [] }
        var current: Set<String> = []
        for (version, record) in records where version.hasPrefix(base + "+py:") {
            guard let manifest = try? JSONDecoder().decode(DSLManifest.self, from: Data(record.manifest.utf8)) else {
                continue
            }
            let folder = URL(fileURLWithPath: record.dslPath).standardizedFileURL.resolvingSymlinksInPath()
                .deletingLastPathComponent().path
            if manifest.isCurrent(folder: folder) {
                current.insert(version)
            }
        }
        return current
    }
}
