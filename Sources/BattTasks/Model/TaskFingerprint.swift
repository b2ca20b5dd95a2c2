import BattDSL
import Crypto

/// The lowercase hex MD5 of a task's pairs, so a verdict cached for one version of a task is never
/// served for an edited one.
///
/// Only content counts: the file's formatting, key order and the task's id and path do not. The
/// hashed text is, line by line:
///
///     batt-task/1
///     train <number of demonstrations>
///     <input>            one line per grid: "<height>x<width>:" then the cells row-major,
///     <output>           comma-separated, e.g. "2x2:0,7,7,0"
///     …
///     test <number of tests>
///     <input>
///     <output or "?">    "?" marks an unknown test output
public struct TaskFingerprint: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let hex: String

    /// Wraps a stored fingerprint (such as one read back from the cache).
    public init(hex: String) {
        self.hex = hex
    }

    public init(demonstrations: [TaskPair], tests: [TaskPair]) {
        let text = Self.canonicalText(demonstrations: demonstrations, tests: tests)
        self.hex = Self.hex(Insecure.MD5.hash(data: text))
    }

    /// Lowercase hex digits of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The bytes the fingerprint hashes (see the type's documentation).
    static func canonicalText(demonstrations: [TaskPair], tests: [TaskPair]) -> [UInt8] {
        var text = Array("batt-task/1\n".utf8)
        for (name, pairs) in [("train", demonstrations), ("test", tests)] {
            text.append(contentsOf: "\(name) \(pairs.count)\n".utf8)
            for pair in pairs {
                append(pair.input, to: &text)
                if let output = pair.output {
                    append(output, to: &text)
                } else {
                    text.append(contentsOf: "?\n".utf8)
                }
            }
        }
        return text
    }

    private static func append(_ grid: Grid, to text: inout [UInt8]) {
        text.append(contentsOf: "\(grid.height)x\(grid.width):".utf8)
        for (offset, cell) in grid.cells.enumerated() {
            if offset > 0 { text.append(UInt8(ascii: ",")) }
            if (0...9).contains(cell) {
                text.append(UInt8(ascii: "0") + UInt8(cell))
            } else {
                text.append(contentsOf: String(cell).utf8)
            }
        }
        text.append(UInt8(ascii: "\n"))
    }

    public var description: String { hex }

    public static func < (lhs: TaskFingerprint, rhs: TaskFingerprint) -> Bool { lhs.hex < rhs.hex }
}
