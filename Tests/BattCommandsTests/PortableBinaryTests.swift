import Foundation
import Testing

/// The portable release binary runs where no Swift toolchain is installed (Kaggle's image).
///
/// A release build takes minutes, so these run on the binary `Scripts/build-release.sh` left
/// (CI builds it first, see `.ci/run`) and are skipped, saying so, when there is none.
@Suite(
    .enabled(if: PortableBinary.isBuilt, "no portable binary at .build/portable/batt: run Scripts/build-release.sh"),
    .enabled(if: PortableBinary.hasBinutils, "readelf and objdump are not installed (binutils)"))
struct PortableBinaryTests {
    @Test func dynamicDependenciesHoldNoSwiftRuntimeLibrary() throws {
        let dynamic = try PortableBinary.run(
            try #require(PortableBinary.which("readelf")), ["-d", PortableBinary.path])
        #expect(dynamic.status == 0, "\(dynamic)")
        let needed = dynamic.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
            .compactMap { line in line.split(separator: "[").last?.split(separator: "]").first.map(String.init) }
        #expect(needed.contains("libc.so.6"), "readelf -d lists no libc: \(dynamic.stdout)")
        let swiftRuntime = needed.filter { library in
            ["libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime"]
                .contains { library.hasPrefix($0) }
        }
        #expect(swiftRuntime.isEmpty, "needs \(swiftRuntime)")
    }

    @Test func noGlibcOrLibstdcxxSymbolIsNewerThanKagglesUbuntu() throws {
        let symbols = try PortableBinary.run(
            try #require(PortableBinary.which("objdump")), ["-T", PortableBinary.path])
        #expect(symbols.status == 0, "\(symbols)")
        let glibc = PortableBinary.symbolVersions("GLIBC_", in: symbols.stdout)
        #expect(!glibc.isEmpty, "objdump -T shows no glibc symbol")
        let tooNewGlibc = glibc.filter { PortableBinary.newestGlibc.lexicographicallyPrecedes($0) }
        #expect(
            tooNewGlibc.isEmpty,
            "glibc versions above 2.35: \(Set(tooNewGlibc.map { $0.map(String.init).joined(separator: ".") }))")
        let tooNewGlibcxx = PortableBinary.symbolVersions("GLIBCXX_", in: symbols.stdout)
            .filter { PortableBinary.newestGlibcxx.lexicographicallyPrecedes($0) }
        #expect(tooNewGlibcxx.isEmpty, "libstdc++ versions above 3.4.30: \(tooNewGlibcxx)")
    }

    @Test(.enabled(if: PortableBinary.canHideToolchain, "unshare -m cannot make a mount namespace here (needs root)"))
    func exampleRunsAndSubmitsWithTheSwiftToolchainHidden() throws {
        let folder = try RunFolder()
        let cache = folder.path("cache.sqlite")
        let submission = folder.path("submission.json")
        let script = """
            cd "$1" && "$2" run --tasks Examples/tasks --candidates Examples/candidates.py --cache "$3" \
              --timeout 200ms --quiet && "$2" submit --tasks Examples/tasks --cache "$3" --out "$4"
            """
        let run = try PortableBinary.run(
            "/bin/bash",
            [
                BattBinary.repository.appendingPathComponent("Scripts/without-swift.sh").path, "sh", "-c", script,
                "example", BattBinary.repository.path, PortableBinary.path, cache, submission,
            ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("without-swift: hiding"), "\(run)")
        #expect(run.stdout.contains("solved 8 of 8 tasks"), "\(run)")
        #expect(run.stdout.contains("wrote \(submission): 8 tasks"), "\(run)")
    }
}

/// How the portability tests read `objdump -T`.
@Suite struct SymbolVersionReadingTests {
    @Test func symbolVersionsAreTheDottedNumbersAfterThePrefix() {
        let symbols = "0 DF *UND* 0 (GLIBC_2.34) x\n0 (GLIBC_2.2.5) y GLIBC_PRIVATE"
        #expect(PortableBinary.symbolVersions("GLIBC_", in: symbols) == [[2, 34], [2, 2, 5]])
    }

    @Test(arguments: [([2, 36], true), ([2, 35, 1], true), ([2, 35], false), ([2, 2, 5], false), ([2, 34], false)])
    func aVersionIsTooNewWhenItFollowsKagglesGlibc(version: [Int], tooNew: Bool) {
        #expect(PortableBinary.newestGlibc.lexicographicallyPrecedes(version) == tooNew)
    }
}
