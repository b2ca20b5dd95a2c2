import Foundation
import Testing

@testable import BattTasks

/// Task files an attacker or an accident could hand the loader: ids that are not safe folder
/// names, a task id given twice, and files far larger than any task.
@Suite struct HostileTaskFileTests {
    // MARK: Task ids become paths (issue 8, item 14)

    @Test func idsThatCannotBeFolderNamesAreRefusedAndTheSafeTaskStillLoads() throws {
        let path = Fixtures.path("Hostile/unsafe_ids.json")
        let set = try TaskLoader.load(path: path)
        #expect(set.ids == ["0000cccc"])
        let messages = set.diagnostics.map(\.message)
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.allSatisfy { $0.contains("is refused") && $0.contains("rename the task") })
        #expect(messages.contains { $0.contains("'x/../../../victim'") && $0.contains("'/'") })
        #expect(messages.contains { $0.contains("'..'") })
        #expect(messages.contains { $0.contains("cannot be empty") })
        #expect(messages.contains { $0.contains("NUL") && $0.contains(#"nul\0id"#) }, "NUL quoted escaped")
    }

    @Test(arguments: [
        ("007bbfb7", true), ("my-task_2", true), ("a.b", true), ("x/../../../victim", false), ("..", false),
        ("a..b", false), ("a\\b", false), ("", false), ("tab\there", false), ("nul\u{0}", false),
        (String(repeating: "a", count: 201), false),
    ])
    func taskIDRules(_ id: String, _ isSafe: Bool) {
        #expect((TaskID.problem(with: id) == nil) == isSafe)
    }

    // MARK: A task id given twice (item 17)

    @Test func aKaggleChallengesFileWithATaskIDTwiceReportsItAndLeavesItOut() throws {
        let set = try TaskLoader.load(path: Fixtures.path("Hostile/KaggleRepeatedID/arc-agi_sample_challenges.json"))
        #expect(set.ids == ["0000bbbb"])
        let diagnostic = try #require(set.diagnostics.first { $0.taskID == "0000aaaa" })
        #expect(diagnostic.message.contains("appears 2 times"))
        #expect(diagnostic.message.contains("keep one copy"))
        #expect(diagnostic.file.hasSuffix("arc-agi_sample_challenges.json"))
    }

    @Test func aKaggleSolutionsFileWithATaskTwiceReportsItAndLeavesTheTaskOut() throws {
        let set = try TaskLoader.load(
            path: Fixtures.path("Hostile/KaggleRepeatedSolution/arc-agi_sample_challenges.json"))
        #expect(set.ids == ["0000bbbb"])
        let diagnostic = try #require(set.diagnostics.first { $0.taskID == "0000aaaa" })
        #expect(diagnostic.message.contains("solutions appear more than once"))
        #expect(diagnostic.file.hasSuffix("arc-agi_sample_solutions.json"))
    }

    @Test func theParserNamesRepeatedTopLevelKeys() throws {
        let document = try JSONParser.parseDocument(Array(#"{"a": 1, "b": {"k": 1, "k": 2}, "a": 3}"#.utf8))
        #expect(document.repeatedTopLevelKeys == ["a"], "only ids, not keys inside a task")
    }

    // MARK: Size limits while reading and parsing (item 18)

    @Test func aTaskFileFarLargerThanAnyTaskIsRefusedBeforeItIsRead() throws {
        try Fixtures.withTemporaryFolder { folder in
            // 80 MB, sparse: refused by its size, so reading it would show as memory, not time.
            let path = folder + "/0000dddd.json"
            #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8)))
            #expect(truncate(path, 80 << 20) == 0)
            try Data(#"{"train": [], "test": []}"#.utf8).write(to: URL(fileURLWithPath: folder + "/small.json"))
            let set = try TaskLoader.load(path: folder)
            let diagnostic = try #require(set.diagnostics.first { $0.file == path })
            #expect(diagnostic.message.contains("it is 80 MiB"), "\(diagnostic.message)")
            #expect(diagnostic.message.contains("at most 16 MiB"))
            #expect(diagnostic.message.contains("it was not read"))
        }
    }

    @Test func aFIFOInAFolderOfTaskFilesIsReportedWithoutWaitingForAWriter() throws {
        try Fixtures.withTemporaryFolder { folder in
            #expect(mkfifo(folder + "/0000eeee.json", 0o644) == 0)
            let set = try TaskLoader.load(path: folder)
            let diagnostic = try #require(set.diagnostics.first { $0.file == folder + "/0000eeee.json" })
            #expect(diagnostic.message.contains("not a regular file"), "\(diagnostic.message)")
        }
    }

    @Test func aFileThatNeverEndsIsRefusedOnceItPassesTheLimit() throws {
        #expect(throws: TaskFile.ReadError.self) { try TaskFile.contents(of: "/dev/zero", maximumBytes: 1 << 20) }
        do throws(TaskFile.ReadError) {
            _ = try TaskFile.contents(of: "/dev/zero", maximumBytes: 1 << 20)
        } catch {
            #expect(error.reason.contains("holds more than 1 MiB"))
        }
    }

    @Test func aTaskWithMoreValuesThanAnyTaskIsRefusedWhileParsing() throws {
        try Fixtures.withTemporaryFolder { folder in
            // One grid row of 2.1 million cells: within the byte limit of a file given alone,
            // refused by the value count before the whole tree is built.
            let path = folder + "/huge.json"
            var text = #"{"train": [{"input": [["#
            text += String(repeating: "0,", count: 2_100_000)
            text += #"0]], "output": [[0]]}], "test": [{"input": [[0]]}]}"#
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let set = try TaskLoader.load(path: path)
            #expect(set.isEmpty)
            let message = try #require(set.diagnostics.first?.message)
            #expect(message.contains(#"more than 2000000 values under the key "train""#), "\(message)")
            #expect(message.contains("refused without reading further"))
        }
    }

    @Test func theValueAllowanceIsPerTaskOfACombinedFile() throws {
        let members = (0..<5).map { #""t\#($0)": [1, 2, 3, 4, 5, 6]"# }.joined(separator: ", ")
        let document = try JSONParser.parseDocument(Array("{\(members)}".utf8), maximumValuesPerMember: 8)
        #expect(document.value.objectMembers?.count == 5)
        #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parseDocument(Array(#"{"t": [1, 2, 3, 4, 5, 6, 7, 8, 9]}"#.utf8), maximumValuesPerMember: 8)
        }
    }
}
