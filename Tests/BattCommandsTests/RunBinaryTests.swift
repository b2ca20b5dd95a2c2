import Foundation
import Testing

/// `batt run` as a user runs it: the built executable, its output, files and exit status.
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct RunBinaryTests {
    @Test func exampleRunExitsZeroAndPrintsThePerTaskTableTotalsAndPhaseTimings() async throws {
        let folder = try RunFolder()
        let cache = folder.path("cache.sqlite")
        let run = try await BattBinary.run(["run", "--cache", cache, "--timeout", "200ms"])

        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("task ") }, "\(run)")
        for column in ["cands", "bodies", "solvers", "inl.hit", "ver.hit", "valid.", "correct", "invalid"] {
            #expect(header.contains(column))
        }
        for task in try RunFixtures.exampleTasksWithCandidates() {
            #expect(lines.contains { $0.hasPrefix(task + " ") }, "no row for \(task)\n\(run)")
        }
        let candidates = try RunFixtures.functionCount(RunFixtures.exampleCandidates)
        #expect(lines.contains { $0.hasPrefix("\(candidates) candidates (") && $0.contains("unique bodies") }, "\(run)")
        #expect(lines.contains { $0.hasPrefix("cache \(cache) [read-write]: inline 0 hits") }, "\(run)")
        let timing = try #require(lines.first { $0.hasPrefix("time ") }, "\(run)")
        for phase in ["load and parse", "hash", "inline", "lookup", "validate", "store"] {
            #expect(timing.contains(phase + " "), "\(timing)")
        }
        #expect(lines.contains("solver version batt-dsl-2"))
        #expect(FileManager.default.fileExists(atPath: cache))
    }

    @Test func exampleWarmRunServesEveryLookupFromTheCache() async throws {
        let folder = try RunFolder()
        let arguments = ["run", "--cache", folder.path("cache.sqlite"), "--timeout", "200ms", "--json"]
        let coldRun = try await BattBinary.run(arguments)
        let warmRun = try await BattBinary.run(arguments)
        #expect(coldRun.status == 0, "\(coldRun)")
        #expect(warmRun.status == 0, "\(warmRun)")
        let cold = try coldRun.json()
        let warm = try warmRun.json()

        let candidates = try RunFixtures.functionCount(RunFixtures.exampleCandidates)
        #expect(cold["candidates"] as? Int == candidates)
        #expect(cold["inline_hits"] as? Int == 0)
        #expect(cold["verdict_hits"] as? Int == 0)
        #expect(cold["validated"] as? Int == cold["unique_solvers"] as? Int)
        #expect(warm["inline_misses"] as? Int == 0)
        #expect(warm["inline_hits"] as? Int == cold["inline_misses"] as? Int)
        #expect(warm["verdict_misses"] as? Int == 0)
        #expect(warm["verdict_hits"] as? Int == warm["unique_solvers"] as? Int)
        #expect(warm["validated"] as? Int == 0)
        #expect(warm["outcomes"] as? [String: Int] == cold["outcomes"] as? [String: Int])
    }

    @Test func jsonPrintsOneObjectWithTheRunsCounts() async throws {
        let folder = try RunFolder()
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates,
            "--cache", folder.path("cache.sqlite"), "--json",
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
        let json = try run.json()
        #expect(json["candidates"] as? Int == 6)
        #expect(json["unique_bodies"] as? Int == 5)
        #expect(json["unique_solvers"] as? Int == 5)
        #expect(json["inline_misses"] as? Int == 5)
        #expect(json["validated"] as? Int == 5)
        #expect(json["unreadable"] as? Int == 0)
        #expect(json["invalid"] as? Int == 0)
        #expect(json["outcomes"] as? [String: Int] == ["correct": 3, "wrong": 1, "error": 1])
        #expect(json["tasks_solved"] as? Int == 2)
        #expect(json["solver_version"] as? String == "batt-dsl-2")
        #expect(json["cache_mode"] as? String == "read-write")
        #expect((json["tasks"] as? [[String: Any]])?.compactMap { $0["task"] as? String } == ["a1a1a1a1", "b2b2b2b2"])
        #expect((json["phases"] as? [Any])?.isEmpty == false)
    }

    @Test func reportWritesOneJSONLinePerCandidateWithTheDocumentedFields() async throws {
        let folder = try RunFolder()
        let report = folder.path("report.jsonl")
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates,
            "--cache", folder.path("cache.sqlite"), "--report", report, "--quiet",
        ])
        #expect(run.status == 0, "\(run)")
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        let documented: Set<String> = [
            "task", "function", "file", "line", "body_hash", "solver_md5", "inline_cache", "verdict_cache",
            "outcome", "demo_correct", "demo_count", "test_correct", "test_count", "elapsed",
        ]
        var functions: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(
                documented.isSubset(of: Set(object.keys)), "missing \(documented.subtracting(object.keys)) in \(line)")
            #expect(object["file"] as? String == RunFixtures.candidates)
            #expect(["hit", "miss", "shared", "none"].contains(object["inline_cache"] as? String ?? ""))
            #expect(["hit", "miss", "shared", "none"].contains(object["verdict_cache"] as? String ?? ""))
            #expect(object["demo_count"] as? Int == 2)
            #expect(object["test_count"] as? Int == 1)
            functions.append(object["function"] as? String ?? "?")
        }
        #expect(
            functions == [
                "solve_a1a1a1a1", "solve_a1a1a1a1_1", "solve_a1a1a1a1_2",
                "solve_b2b2b2b2", "solve_b2b2b2b2_1", "solve_b2b2b2b2_2",
            ])
    }

    @Test func emitWritesEachCorrectSolverUnderItsMD5AndLinksItFromItsTaskFolder() async throws {
        let folder = try RunFolder()
        let emitted = folder.path("emitted")
        let report = folder.path("report.jsonl")
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates,
            "--no-cache", "--emit", emitted, "--report", report,
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("emitted 3 solver file(s) and 3 task link(s) under \(emitted)"), "\(run)")

        var correct: Set<[String]> = []
        for line in try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard object["outcome"] as? String == "correct" else { continue }
            correct.insert([try #require(object["task"] as? String), try #require(object["solver_md5"] as? String)])
        }
        #expect(correct.count == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: emitted + "/solver_md5").sorted()
        #expect(files == correct.map { $0[1] + ".py" }.sorted())
        for pair in correct {
            let (task, md5) = (pair[0], pair[1])
            let file = "\(emitted)/solver_md5/\(md5).py"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix("def solve("))
            let link = "\(emitted)/solver_dir/solve_\(task)/\(md5).py"
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) != nil, "\(link) is not a link")
            #expect(FileManager.default.contents(atPath: link) == Data(text.utf8))
        }
        #expect(
            FileManager.default.fileExists(atPath: "\(emitted)/solver_md5/95e5ffb7911c36ce0f603ff9bd9fc919.py"),
            "md5 of 'def solve(I):\\n    return vmirror(I)'")
    }

    @Test func candidateFileWithASyntaxErrorExitsThreeAndNamesTheFileAndLine() async throws {
        let folder = try RunFolder()
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.unreadable,
            "--cache", folder.path("cache.sqlite"),
        ])
        #expect(run.status == 3, "\(run)")
        #expect((run.stdout + run.stderr).contains("\(RunFixtures.unreadable):8:"), "\(run)")
        #expect(run.stdout.contains("1 unreadable"), "\(run)")
        // The readable function still ran.
        #expect(run.stdout.contains("solved 1 of 1 tasks"), "\(run)")
    }

    @Test(arguments: [
        (8, "flipside"),  // an unknown primitive
        (13, "x9"),  // an undefined name
        (18, "x1"),  // a variable defined by itself: a cycle
        (23, "c3c3c3c3"),  // a task that is not in the task set
        (28, "duplicate function name"),
    ])
    func eachCandidateThatCannotRunIsNamedWithItsFileAndLineAndTheRunCompletes(line: Int, mention: String) async throws
    {
        try #require(BattBinary.isBuilt)
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.path("invalid.py"), "--no-cache",
        ])
        #expect(run.status == 0, "\(run)")
        let problem = try #require(
            run.stdout.split(separator: "\n").first {
                $0.hasPrefix("skipped: \(RunFixtures.path("invalid.py")):\(line):")
            }, "\(run)")
        #expect(problem.contains(mention), "\(problem)")
        #expect(run.stdout.contains("6 candidates (5 invalid, 0 unreadable)"), "\(run)")
    }

    @Test func quietPrintsTheTotalsButNotTheTable() async throws {
        let run = try await BattBinary.run([
            "run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--no-cache", "--quiet",
        ])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("6 candidates ("), "\(run)")
        #expect(!run.stdout.contains("cands"), "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
    }

    @Test func noCacheWritesNoCacheFile() async throws {
        let folder = try RunFolder()
        let run = try await BattBinary.run(
            ["run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--no-cache", "--json"],
            in: folder.url.path)
        #expect(run.status == 0, "\(run)")
        #expect(try run.json()["cache_mode"] as? String == "none")
        #expect(try folder.listing().isEmpty)
    }

    @Test func environmentGivesTheCachePathAndTheSolverVersion() async throws {
        let folder = try RunFolder()
        let cache = folder.path("from-env.sqlite")
        let run = try await BattBinary.run(
            ["run", "--tasks", RunFixtures.tasks, "--candidates", RunFixtures.candidates, "--json"],
            environment: ["BATT_CACHE": cache, "BATT_SOLVER_VERSION": "mine"])
        #expect(run.status == 0, "\(run)")
        let json = try run.json()
        #expect(json["cache"] as? String == cache)
        #expect(json["solver_version"] as? String == "batt-dsl-2+mine")
        #expect(FileManager.default.fileExists(atPath: cache))
    }
}
