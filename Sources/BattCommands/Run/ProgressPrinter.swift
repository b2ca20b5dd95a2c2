import BattPipeline
import Foundation

/// Progress on standard error: a live line on a terminal, plain periodic lines in notebook logs.
final class ProgressPrinter: @unchecked Sendable {
    private let enabled: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var live = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func handle(_ event: ProgressEvent) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .phase(let name):
            if isTerminal {
                write("\r\u{1B}[K\(name)…")
                live = true
            }
        case .validated(let done, let total):
            let now = Date()
            if isTerminal {
                write("\r\u{1B}[Kvalidate \(done)/\(total)")
                live = true
            } else if now.timeIntervalSince(lastLine) >= 5 || done == total {
                write("validated \(done)/\(total)\n")
                lastLine = now
            }
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if live { write("\r\u{1B}[K") }
        live = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
