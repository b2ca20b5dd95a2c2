import Foundation

/// Writes each correct solver's inlined source as the Python pipeline lays it out:
/// `DIR/solver_md5/<md5>.py`, and `DIR/solver_dir/solve_<task>/<md5>.py` linking to it.
public enum SolverEmitter {
    public struct Report: Sendable {
        public var written = 0
        public var linked = 0
        /// Correct solvers too large to inline as text (identified by their DAG hash).
        public var withoutText = 0
    }

    public static func emit(_ outcome: RunOutcome, to directory: String) throws -> Report {
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: directory)
        let byMD5 = root.appendingPathComponent("solver_md5")
        let byTask = root.appendingPathComponent("solver_dir")
        var report = Report()
        do {
            try fileManager.createDirectory(at: byMD5, withIntermediateDirectories: true)
            try fileManager.createDirectory(at: byTask, withIntermediateDirectories: true)
            var done: Set<String> = []
            for result in outcome.results where result.outcome == "correct" {
                guard let md5 = result.solverMD5, let task = result.task else { continue }
                guard let text = outcome.inlinedTexts[md5] else {
                    if done.insert("missing:" + md5).inserted { report.withoutText += 1 }
                    continue
                }
                let file = byMD5.appendingPathComponent("\(md5).py")
                if done.insert(md5).inserted {
                    try Data((text + "\n").utf8).write(to: file, options: .atomic)
                    report.written += 1
                }
                guard done.insert("\(task)/\(md5)").inserted else { continue }
                let folder = byTask.appendingPathComponent("solve_\(task)")
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                let link = folder.appendingPathComponent("\(md5).py")
                if (try? fileManager.destinationOfSymbolicLink(atPath: link.path)) == nil {
                    try? fileManager.removeItem(at: link)
                    try fileManager.createSymbolicLink(
                        atPath: link.path, withDestinationPath: "../../solver_md5/\(md5).py")
                }
                report.linked += 1
            }
        } catch {
            throw PipelineError.output("cannot write solvers under '\(directory)': \(error.localizedDescription)")
        }
        return report
    }
}
