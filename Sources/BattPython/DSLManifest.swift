import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a Python DSL consisted of when a worker imported it: the names each module exports, the
/// content of every module loaded from the DSL's folder, the third-party packages it imported and
/// the interpreter. Its `hash` names the semantics of every verdict computed with it.
public struct DSLManifest: Codable, Sendable, Equatable {
    public struct Package: Codable, Sendable, Equatable {
        public var version: String
        public var path: String
        /// Size and modification time (ns) of the package's file, to notice an upgrade.
        public var stamp: [Int64]
    }

    public var `protocol`: String
    /// `3.11.7 cpython`.
    public var python: String
    public var executable: String
    public var executableStamp: [Int64]
    /// md5 of each module file loaded from the DSL's folder, by path relative to it.
    public var local: [String: String]
    public var thirdParty: [String: Package]
    /// The names `from M import *` gives, for each module asked for.
    public var names: [String: [String]]

    enum CodingKeys: String, CodingKey {
        case `protocol`, python, executable, local, names
        case executableStamp = "executable_stamp"
        case thirdParty = "third_party"
    }

    /// Names the semantics: protocol, Python version, local module contents, package versions.
    public var hash: String {
        var text = "\(self.protocol)\npython \(python)\n"
        for (path, md5) in local.sorted(by: { $0.key < $1.key }) { text += "local \(path) \(md5)\n" }
        for (name, package) in thirdParty.sorted(by: { $0.key < $1.key }) {
            text += "package \(name) \(package.version)\n"
        }
        return DSLManifest.md5(Array(text.utf8))
    }

    /// A hash of the exported names, for records that depend on which names resolve.
    public var namesHash: String {
        let text = names.sorted(by: { $0.key < $1.key }).map { "\($0.key):" + $0.value.joined(separator: ",") }
            .joined(separator: "\n")
        return DSLManifest.md5(Array(text.utf8))
    }

    /// Whether the files this manifest was made from are unchanged, checked without Python: every
    /// local module's content, the packages' and the interpreter's size and modification time.
    public func isCurrent(folder: String) -> Bool {
        for (relative, md5) in local {
            let path = (folder as NSString).appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: path), DSLManifest.md5([UInt8](data)) == md5 else {
                return false
            }
        }
        for package in thirdParty.values where DSLManifest.stamp(of: package.path) != package.stamp {
            return false
        }
        return DSLManifest.stamp(of: executable) == executableStamp
    }

    static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func stamp(of path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [0, 0] }
        #if canImport(Glibc)
            let time = info.st_mtim
        #else
            let time = info.st_mtimespec
        #endif
        return [Int64(info.st_size), Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)]
    }
}
