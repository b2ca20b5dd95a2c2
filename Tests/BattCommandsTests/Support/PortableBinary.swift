import Foundation

/// The portable release binary `Scripts/build-release.sh` writes, and the tools that examine it.
enum PortableBinary {
    /// `$BATT_PORTABLE_BINARY`, else `<repo>/.build/portable/batt`.
    static let path =
        ProcessInfo.processInfo.environment["BATT_PORTABLE_BINARY"]
        ?? BattBinary.repository.appendingPathComponent(".build/portable/batt").path

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// The newest glibc and libstdc++ symbol versions of Kaggle's image (Ubuntu 22.04).
    static let newestGlibc = [2, 35]
    static let newestGlibcxx = [3, 4, 30]

    /// The absolute path of `tool` on PATH, if any.
    static func which(_ tool: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var hasBinutils: Bool { which("readelf") != nil && which("objdump") != nil }

    /// Whether this process may make a private mount namespace (`unshare -m`, as root).
    static var canHideToolchain: Bool {
        guard let unshare = which("unshare"), let result = try? run(unshare, ["-m", "true"]) else { return false }
        return result.status == 0
    }

    /// Runs `tool arguments` to completion; stdout and stderr go through files, so a large
    /// output cannot stall the pipe.
    static func run(_ tool: String, _ arguments: [String]) throws -> BattRun {
        let folder = try RunFolder()
        let outPath = folder.path("stdout")
        let errPath = folder.path("stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = BattBinary.repository
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return BattRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// `2.35` as `[2, 35]`; nil for a version that is not dotted numbers.
    static func version(_ text: Substring) -> [Int]? {
        let parts = text.split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.compactMap { $0 }
    }

    /// The versions of `prefix` (`GLIBC_`) named in `objdump -T` output.
    static func symbolVersions(_ prefix: String, in dynamicSymbols: String) -> [[Int]] {
        dynamicSymbols.split(whereSeparator: { " \t\n()".contains($0) })
            .filter { $0.hasPrefix(prefix) }
            .compactMap { version($0.dropFirst(prefix.count)) }
    }
}
