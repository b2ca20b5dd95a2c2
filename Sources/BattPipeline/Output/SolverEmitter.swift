import BattTasks
import Foundation

/// Writes each correct solver's inlined source as the Python pipeline lays it out:
/// `DIR/solver_md5/<md5>.py`, and `DIR/solver_dir/solve_<task>/<md5>.py` linking to it.
public enum SolverEmitter {
    public struct Report: Sendable {
        public var written = 0
        public var linked = 0
        /// Correct solvers too large to inline as text (identified by their DAG hash).
        public var withoutText = 0
        /// Correct solvers of tasks whose id cannot be a folder name (none, since tasks with such
        /// ids are refused when loaded; counted should one ever get here).
        public var refusedTaskIDs = 0
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
            removeStaleTemporaries(byMD5: byMD5.path, byTask: byTask.path)
            var done: Set<String> = []
            for result in outcome.results where result.outcome == "correct" {
                guard let md5 = result.solverMD5, let task = result.task else { continue }
                guard let text = outcome.inlinedTexts[md5] else {
                    if done.insert("missing:" + md5).inserted { report.withoutText += 1 }
                    continue
                }
                guard TaskID.problem(with: task) == nil, md5.allSatisfy(\.isHexDigit) else {
                    if done.insert("refused:" + task).inserted { report.refusedTaskIDs += 1 }
                    continue
                }
                let file = byMD5.appendingPathComponent("\(md5).py")
                if done.insert(md5).inserted {
                    try OutputFile.write(Data((text + "\n").utf8), to: file.path, what: "the solver file")
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
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.output(
                "cannot write solvers under '\(directory)': \(Self.reason(error)); choose a folder you may write to, with room to spare"
            )
        }
        return report
    }

    /// Removes what a killed earlier run left half-written under the emit folder.
    static func removeStaleTemporaries(byMD5: String, byTask: String) {
        OutputFile.removeStaleTemporaries(in: byMD5)
        for folder in (try? FileManager.default.contentsOfDirectory(atPath: byTask)) ?? []
        where folder.hasPrefix("solve_") {
            OutputFile.removeStaleTemporaries(in: (byTask as NSString).appendingPathComponent(folder))
        }
    }

    /// The operating system's words for a Foundation file error, not "NSCocoaErrorDomain error 512".
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))).lowercased() }
        let path = nsError.userInfo[NSFilePathErrorKey] as? String
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteNoPermission: return "permission denied" + (path.map { " for '\($0)'" } ?? "")
        case .fileWriteOutOfSpace: return "no space left on device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileWriteFileExists: return "a file is in the way" + (path.map { " at '\($0)'" } ?? "")
        default: return "could not write" + (path.map { " '\($0)'" } ?? "")
        }
    }
}
