import Foundation
import GRDB
import Testing

@testable import BattCache
@testable import BattCommands
@testable import BattPipeline

/// Damage one column of one row of a real cache (a type confusion, a NULL, a value out of range)
/// and run every command on it: none may crash, `verify` must flag the row, and `run` still
/// answers every candidate correctly.
@Suite struct CacheRowFuzzTests {
    /// Values batt never writes in a column, by column. Each is invalid whatever the row.
    static let damage: [String: [String: [String]]] = {
        let text = ["NULL", "x'00ff10'"]
        let count = ["NULL", "x'01'", "'many'", "2.5", "-1", "1099511627776"]
        let time = ["NULL", "x'02'", "'noon'", "-1", "9e999"]
        return [
            "verdicts": [
                "solver_md5": text, "task_fingerprint": text, "solver_version": text, "task_id": text,
                "outcome": text + ["'banana'", "'Correct'"], "pair_results": text + ["'xyz'", "'1 1'"],
                "demo_correct": count, "demo_count": count, "test_correct": count, "test_count": count,
                "elapsed_seconds": time, "time_limit_seconds": ["x'03'", "'long'", "0", "-2", "9e999"],
                "error_message": ["x'04'"], "created_at": time, "last_used_at": time, "hit_count": count,
                "budget": ["x'05'", "'big'", "0", "-3", "2.5"],
            ],
            "solvers": [
                "body_hash": text, "solver_md5": text + ["''"], "inlined_text": ["x'06'"],
                "text_materialised": ["NULL", "x'07'", "'yes'", "2", "-1", "0.5"], "inliner_version": text,
                "created_at": time,
            ],
            "runs": [
                "run_uuid": text + ["'not-a-uuid'"], "started_at": time, "finished_at": time, "solver_version": text,
                "candidates": count.filter { $0 != "1099511627776" }, "unique_bodies": ["NULL", "'x'", "-4"],
                "inline_hits": ["NULL", "2.5", "-1"], "inline_misses": ["x'08'", "-1"],
                "verdict_hits": ["'lots'", "-1"], "verdict_misses": ["NULL", "-9"], "validated": ["1.5", "-1"],
                "phase_seconds": text + ["'{'", "'[1, 2]'"],
            ],
            "candidate_files": [
                "file_digest": text, "context": text, "language_version": text, "contents": text,
                "created_at": time, "last_used_at": time,
            ],
            "python_dsls": [
                "dsl_key": text, "solver_version": text, "dsl_path": text, "dsl_hash": text, "manifest": text,
                "created_at": time, "last_used_at": time,
            ],
            "task_files": [
                "file_digest": text, "decoder_version": text,
                "task_fingerprint": text + ["'abc'", "'\(String(repeating: "Z", count: 32))'"], "created_at": time,
            ],
            "grdb_migrations": ["identifier": text],
        ]
    }()

    struct Case: CustomTestStringConvertible, Sendable {
        var table: String
        var column: String
        var value: String
        var testDescription: String { "\(table).\(column) = \(value)" }
    }

    /// Every damage of every column, in a fixed order.
    static let cases: [Case] = damage.keys.sorted().flatMap { table in
        damage[table, default: [:]].keys.sorted().flatMap { column in
            damage[table, default: [:]][column, default: []].map { Case(table: table, column: column, value: $0) }
        }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The undamaged cache, its candidates and the answers of a run on an empty cache: built
    /// once per test process, in a folder named for it (earlier processes' folders are removed).
    struct Pristine: Sendable {
        var cache: String
        var candidates: String
        var outcomes: [String]
        var pairs: [String?]
    }

    static let shared = Task { () throws -> Pristine in
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("batt-row-fuzz-") && name != "batt-row-fuzz-\(getpid())" {
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        let folder = temporary.appendingPathComponent("batt-row-fuzz-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (cache, candidates) = try await pristine(in: folder.path)
        let baseline = try await Pipeline(
            options: options(cache: folder.appendingPathComponent("baseline.sqlite").path, candidates: candidates)
        ).run()
        return Pristine(
            cache: cache, candidates: candidates, outcomes: baseline.results.map(\.outcome),
            pairs: baseline.results.map(\.pairResults))
    }

    /// A real cache: one run of the fixture candidates plus generated ones, with NOT NULL
    /// dropped from the schema so that NULLs can be written (as a hand-rebuilt table allows).
    static func pristine(in folder: String) async throws -> (cache: String, candidates: String) {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let candidates = path("candidates.py")
        let generated = CacheCandidates.functions(count: 30, tasks: ["a1a1a1a1", "b2b2b2b2"], seed: 11)
        let fixture = try String(contentsOfFile: fixtures.appendingPathComponent("candidates.py").path, encoding: .utf8)
        try (fixture + "\n\n" + generated.joined(separator: "\n\n\n") + "\n").write(
            toFile: candidates, atomically: true, encoding: .utf8)
        let built = path("built.sqlite")
        _ = try await Pipeline(options: options(cache: built, candidates: candidates)).run()
        // What a --dsl run records of its DSL (cache commands read it, native runs do not).
        try CacheStore(path: built).storePythonDSL(
            PythonDSLRecord(
                dslKey: "/fuzz/dsl.py|python3|dsl",
                solverVersion: SolverVersion(tag: nil).description + "+py:0123456789ab",
                dslPath: "/fuzz/dsl.py", dslHash: "0123456789abcdef", manifest: "{}"))
        let cache = path("pristine.sqlite")
        _ = try CacheStore(path: built).export(to: cache)
        try dropNotNull(cache)
        return (cache, candidates)
    }

    static func dropNotNull(_ cache: String) throws {
        let queue = try DatabaseQueue(path: cache)
        try queue.writeWithoutTransaction { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
            try db.execute(
                sql: """
                    PRAGMA writable_schema = ON;
                    UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE type = 'table';
                    PRAGMA schema_version = \(version + 1);
                    PRAGMA writable_schema = OFF;
                    """)
        }
        try queue.close()
    }

    static func options(cache: String, candidates: String) -> RunOptions {
        RunOptions(
            tasksPath: fixtures.appendingPathComponent("Tasks").path, candidatesPath: candidates, cachePath: cache,
            timeLimitSeconds: 10, jobs: 2)
    }

    /// Writes `value` into `column` of one row of `table` chosen by `seed`.
    static func apply(_ damage: Case, to path: String, seed: Int) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(damage.table)") ?? 0
            try #require(rows > 0, "the real cache has rows in \(damage.table)")
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(
                sql: """
                    UPDATE \(damage.table) SET \(damage.column) = \(damage.value)
                    WHERE rowid = (SELECT rowid FROM \(damage.table) ORDER BY rowid LIMIT 1 OFFSET \(seed % rows))
                    """)
            try #require(db.changesCount == 1)
        }
    }

    @Test(arguments: cases)
    func noCommandCrashesAndVerifyFlagsTheRow(_ damage: Case) async throws {
        let folder = try CacheTestFolder()
        let pristine = try await Self.shared.value
        let candidates = pristine.candidates
        let path = folder.path("cache.sqlite")
        try FileManager.default.copyItem(atPath: pristine.cache, toPath: path)
        try Self.apply(
            damage, to: path, seed: Self.cases.firstIndex { $0.testDescription == damage.testDescription } ?? 0)

        // verify flags the damaged row, and only that table.
        let report = CacheStore.verify(path: path)
        #expect(!report.isOK)
        #expect(report.damagedRows == [damage.table: 1], "\(report.problems)")
        let verify = try CacheCommandLine.execute(["cache", "verify", "--cache", path])
        #expect(verify.failed && verify.text.contains("table '\(damage.table)'"))

        // Read-only commands: a clear answer or a clear error, never a crash.
        for arguments in [
            ["cache", "inspect", "--cache", path], ["cache", "inspect", "--cache", path, "--json"],
            ["cache", "inspect", "--cache", path, "--task", "a1a1a1a1"],
            ["cache", "export", "--cache", path, "--out", folder.path("export.sqlite")],
            ["cache", "merge", path, "--into", folder.path("merged.sqlite")],
        ] {
            do { _ = try CacheCommandLine.execute(arguments) } catch let error as CacheError {
                #expect(!error.description.isEmpty, "\(arguments)")
            }
        }

        // A run answers exactly as on an undamaged cache (unless the schema record itself is
        // damaged: then it refuses the cache, with a message).
        do {
            let run = try await Pipeline(options: Self.options(cache: path, candidates: candidates)).run()
            #expect(run.results.map(\.outcome) == pristine.outcomes)
            #expect(run.results.map(\.pairResults) == pristine.pairs)
        } catch let error as PipelineError {
            #expect(damage.table == "grdb_migrations", "\(error)")
        }

        // Prune last: it changes the file.
        do {
            _ = try CacheCommandLine.execute(["cache", "prune", "--cache", path, "--max-size", "30KB"])
            _ = try CacheCommandLine.execute(["cache", "prune", "--cache", path, "--status", "wrong", "--dry-run"])
        } catch let error as CacheError {
            #expect(!error.description.isEmpty)
        }
    }
}
