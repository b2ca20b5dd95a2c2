import Crypto

/// Task files read from disk but not yet decoded, each with the SHA-256 of its bytes, so a caller that
/// remembers which fingerprint those bytes decode to (the cache does) need not decode them again.
///
/// Only a folder of `<id>.json` files is read this way, one digest per file; the other layouts
/// (a Kaggle challenges file, one file of many tasks, a single task) are decoded when read.
public struct TaskFiles: Sendable {
    /// What decides a file's fingerprint besides its bytes: the JSON parser, the task decoder's
    /// rules and the fingerprint's own text. A remembered fingerprint is used only under the
    /// version it was recorded with.
    public static let decoderVersion = "batt-task-files/1"

    struct Entry: Sendable {
        let id: String
        let path: String
        let bytes: [UInt8]
        let digest: String
    }

    private enum Contents: Sendable {
        case decoded(TaskSet)
        /// The folder's readable files in name order, and the diagnostics met while listing and
        /// reading it, each at the position it was met (before the file of that index).
        case folder(entries: [Entry], diagnostics: [(before: Int, TaskDiagnostic)])
    }

    private let contents: Contents

    /// The SHA-256 (lowercase hex) of each readable task file's bytes, in name order.
    public var fileDigests: [String] {
        guard case .folder(let entries, _) = contents else { return [] }
        return entries.map(\.digest)
    }

    init(decoded: TaskSet) {
        contents = .decoded(decoded)
    }

    init(entries: [Entry], diagnostics: [(before: Int, TaskDiagnostic)]) {
        contents = .folder(entries: entries, diagnostics: diagnostics)
    }

    /// The tasks, decoding every file whose digest `known` lacks; a known file is fingerprinted
    /// by `known` and decoded only if `TaskSet.decodingAll()` is asked to.
    public func load(knowing known: [String: TaskFingerprint] = [:]) -> TaskSet {
        switch contents {
        case .decoded(let set):
            return set
        case .folder(let entries, let diagnostics):
            let unknown = entries.indices.filter { known[entries[$0].digest] == nil }
            let decoded = ParallelDecoding.map(unknown) { entries[$0].decoded() }
            var outcome = [Int: Result<ARCTask, TaskDiagnostic>](minimumCapacity: unknown.count)
            for (index, result) in zip(unknown, decoded) { outcome[index] = result }
            var collector = TaskCollector()
            var pendingDiagnostics = diagnostics[...]
            for (index, entry) in entries.enumerated() {
                while let next = pendingDiagnostics.first, next.before <= index {
                    collector.diagnose(next.1)
                    pendingDiagnostics.removeFirst()
                }
                if let fingerprint = known[entry.digest] {
                    collector.add(undecoded: UndecodedTask(entry: entry, fingerprint: fingerprint))
                    continue
                }
                switch outcome[index]! {
                case .success(let task): collector.add(task, newlyDigested: entry.digest)
                case .failure(let diagnostic): collector.diagnose(diagnostic)
                }
            }
            for (_, diagnostic) in pendingDiagnostics { collector.diagnose(diagnostic) }
            return collector.taskSet
        }
    }

    static func digest(of bytes: [UInt8]) -> String {
        TaskFingerprint.hex(SHA256.hash(data: bytes))
    }
}

extension TaskFiles.Entry {
    func decoded() -> Result<ARCTask, TaskDiagnostic> {
        let document: JSONParser.Document
        do throws(JSONSyntaxError) {
            document = try JSONParser.parseDocument(bytes)
        } catch {
            return .failure(TaskDiagnostic(file: path, taskID: id, pair: nil, message: error.description))
        }
        do throws(TaskDiagnostic) {
            return .success(try TaskLoader.decodeTask(id: id, document: document.value, source: path))
        } catch {
            return .failure(error)
        }
    }
}

/// A task the cache knew by its file's bytes: its fingerprint, and the bytes to decode it from
/// should it have to run.
struct UndecodedTask: Sendable {
    let entry: TaskFiles.Entry
    let fingerprint: TaskFingerprint
}
