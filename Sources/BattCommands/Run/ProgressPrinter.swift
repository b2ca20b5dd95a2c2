import BattPipeline
import Foundation

/// Progress on standard error: a live line on a terminal, plain periodic lines in notebook logs.
final class ProgressPrinter: @unchecked Sendable {
    private let enabled: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastLine = Date.distantPast
    private var live = false
    private var validateStarted: Date?

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func handle(_ event: ProgressEvent) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .phase(let name):
            validateStarted = name == "validate" ? Date() : nil
            if isTerminal {
                write("\r\u{1B}[K\(name)…")
                live = true
            }
        case .validated(let done, let total):
            let now = Date()
            let pace = ProgressPrinter.pace(
                done: done, total: total, seconds: now.timeIntervalSince(validateStarted ?? now))
            if isTerminal {
                write("\r\u{1B}[Kvalidate \(done)/\(total)\(pace)")
                live = true
            } else if now.timeIntervalSince(lastLine) >= 5 || done == total {
                write("validated \(done)/\(total)\(pace)\n")
                lastLine = now
            }
        }
    }

    /// `, 412/s, 1m05s left`: the rate so far and the time the rest takes at that rate.
    static func pace(done: Int, total: Int, seconds: Double) -> String {
        guard done > 0, seconds > 0.05 else { return "" }
        let rate = Double(done) / seconds
        let rateText = rate >= 10 ? "\(Int(rate.rounded()))/s" : String(format: "%.1f/s", rate)
        guard done < total else { return ", \(rateText)" }
        return ", \(rateText), \(duration(Double(total - done) / rate)) left"
    }

    /// `42s`, `3m07s`, `2h05m`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
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
