import Foundation
import Testing

@testable import BattPipeline

/// `--report` and `--emit` write atomically over regular files (or nothing), write through to
/// FIFOs and devices, follow symbolic links, never leave temporary files behind, and say what
/// to do when they cannot write (issue 8, items 13, 14, 15 and 19).
@Suite struct OutputDestinationTests {
    static let text = Data("one line\n".utf8)

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    // MARK: Item 13: what is at the path decides how it is written

    @Test func aRegularFileIsReplacedWholeAndKeepsItsMode() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("report.jsonl")
        try Data("old and longer\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o600) == 0)
        try OutputFile.write(Self.text, to: path, what: "the report")
        #expect(contents(path) == "one line\n")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["report.jsonl"])
    }

    @Test func aSymbolicLinkIsFollowedSoItsTargetGetsTheOutput() throws {
        let folder = try TemporaryFolder()
        let target = folder.path("target.jsonl")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        let link = folder.path("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.jsonl")
        try OutputFile.write(Self.text, to: link, what: "the report")
        #expect(fileType(link) == S_IFLNK, "the link stays a link")
        #expect(contents(target) == "one line\n")
    }

    @Test func aDanglingSymbolicLinkCreatesTheFileItNames() throws {
        let folder = try TemporaryFolder()
        let link = folder.path("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path("new.jsonl"))
        try OutputFile.write(Self.text, to: link, what: "the report")
        #expect(fileType(link) == S_IFLNK)
        #expect(contents(folder.path("new.jsonl")) == "one line\n")
    }

    @Test func aFIFOIsWrittenThroughAndStaysAFIFO() async throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = Task.detached { () -> Data? in FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
        try OutputFile.write(Self.text, to: fifo, what: "the report")
        #expect(await reader.value == Self.text)
        #expect(fileType(fifo) == S_IFIFO)
    }

    /// A character device made for the test (root only), so no real device is at risk.
    func device(_ folder: TemporaryFolder, minor: UInt32) -> String? {
        let path = folder.path("device-\(minor)")
        // makedev(1, minor) as glibc encodes small numbers: major in bits 8-19, minor in 0-7.
        guard mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | minor)) == 0 else { return nil }
        return path
    }

    @Test(.enabled(if: geteuid() == 0, "making a device node needs root"))
    func aDeviceIsWrittenThroughAndStaysADevice() throws {
        let folder = try TemporaryFolder()
        guard let null = device(folder, minor: 3) else { return }  // like /dev/null
        try OutputFile.write(Self.text, to: null, what: "the report")
        #expect(fileType(null) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["device-3"])
    }

    @Test(.enabled(if: geteuid() == 0, "making a device node needs root"))
    func aFullDeviceIsAnErrorThatSaysTheDiskIsFullAndStaysADevice() throws {
        let folder = try TemporaryFolder()
        guard let full = device(folder, minor: 7) else { return }  // like /dev/full
        do {
            try OutputFile.write(Self.text, to: full, what: "the report")
            Issue.record("writing to a full device succeeded")
        } catch {
            #expect(error.description.contains("no space left on device"), "\(error)")
            #expect(error.description.contains("free some space"))
        }
        #expect(fileType(full) == S_IFCHR)
    }

    @Test(arguments: ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
    func standardOutputIsWrittenThroughItsDescriptorNotReplaced(_ path: String) throws {
        // Standard output of the test process is whatever runs it: check it stays what it was.
        var before = stat()
        #expect(fstat(1, &before) == 0)
        try OutputFile.write(Data(), to: path, what: "the report")
        var after = stat()
        #expect(fstat(1, &after) == 0)
        #expect(before.st_ino == after.st_ino && before.st_mode == after.st_mode)
    }

    @Test func theDescriptorOfAStandardStreamIsFoundThroughLinks() throws {
        #expect(OutputFile.descriptor(named: "/dev/stdout") == 1)
        #expect(OutputFile.descriptor(named: "/dev/stderr") == 2)
        #expect(OutputFile.descriptor(named: "/dev/fd/2") == 2)
        #expect(OutputFile.descriptor(named: "/proc/self/fd/1") == 1)
        #expect(OutputFile.descriptor(named: "/tmp/report.jsonl") == nil)
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path("out"), withDestinationPath: "/dev/stdout")
        #expect(OutputFile.descriptor(named: folder.path("out")) == 1)
    }

    @Test func aFolderIsRefusedSayingToGiveAFile() throws {
        let folder = try TemporaryFolder()
        #expect(throws: PipelineError.self) { try OutputFile.write(Self.text, to: folder.url.path, what: "the report") }
        do {
            try OutputFile.write(Self.text, to: folder.url.path, what: "the report")
        } catch {
            #expect(error.description.contains("it is a folder; give the path of a file"))
        }
    }

    // MARK: Item 19: messages that name the file and say what to do

    @Test func aReportInAMissingFolderSaysToCreateTheFolder() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("no_task.py"), cache: nil))
        do {
            try CandidateReport.write(outcome.results, to: "/nonexistent/batt/report.jsonl")
            Issue.record("the report was written")
        } catch {
            let message = "\(error)"
            #expect(message.contains("cannot write the report '/nonexistent/batt/report.jsonl'"))
            #expect(message.contains("create the folder '/nonexistent/batt' first"))
            #expect(!message.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func emitUnderAFileSaysWhatIsWrongWithoutACocoaErrorNumber() async throws {
        let folder = try TemporaryFolder()
        let file = folder.path("plain")
        try Self.text.write(to: URL(fileURLWithPath: file))
        let outcome = try await run(.fixture(cache: nil))
        do {
            _ = try SolverEmitter.emit(outcome, to: file + "/emitted")
            Issue.record("emitted under a file")
        } catch {
            let message = "\(error)"
            #expect(message.contains("cannot write solvers under '\(file)/emitted'"), "\(message)")
            #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("error 512"), "\(message)")
        }
    }

    // MARK: Item 15: temporary files of --emit

    @Test func emitRemovesTemporaryFilesThatAKilledRunLeft() async throws {
        let folder = try TemporaryFolder()
        let directory = folder.path("emitted")
        let outcome = try await run(.fixture(cache: nil, emit: directory))
        _ = try SolverEmitter.emit(outcome, to: directory)
        // pid_max is at most 2^22: no process has this pid.
        let dead = "\(OutputFile.temporaryPrefix)\(4_194_304 + 77).1.0123.py"
        let live = "\(OutputFile.temporaryPrefix)\(getppid()).1.0123.py"
        let leftovers = [
            "\(directory)/solver_md5/\(dead)", "\(directory)/solver_dir/solve_a1a1a1a1/\(dead)",
            "\(directory)/solver_md5/\(live)",
        ]
        for path in leftovers { #expect(FileManager.default.createFile(atPath: path, contents: Self.text)) }
        _ = try SolverEmitter.emit(outcome, to: directory)
        #expect(!FileManager.default.fileExists(atPath: leftovers[0]))
        #expect(!FileManager.default.fileExists(atPath: leftovers[1]))
        #expect(FileManager.default.fileExists(atPath: leftovers[2]), "a live process's file is left alone")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/solver_md5")
        #expect(names.filter { $0.hasPrefix(OutputFile.temporaryPrefix) } == [live])
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalDuringAWriteRemovesTheTemporaryFileFirst(_ signal: Int32) throws {
        let folder = try TemporaryFolder()
        let temporary = folder.path("\(OutputFile.temporaryPrefix)1.1.x.py")
        #expect(FileManager.default.createFile(atPath: temporary, contents: Self.text))
        // The child only raises the signal (async-signal-safe); the handler it inherited
        // removes the registered file and lets the signal end the process as before.
        let registration = TemporaryRegistry.register(temporary)
        #expect(registration != nil)
        // Another writer (another thread) finishing its file in between leaves this one registered.
        TemporaryRegistry.release(TemporaryRegistry.register(folder.path("\(OutputFile.temporaryPrefix)1.2.y.py")))
        let child = fork()
        if child == 0 {
            // A dispatch worker thread blocks signals; the process a user signals has threads that do not.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signal)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(signal)
            _exit(0)
        }
        TemporaryRegistry.release(registration)
        #expect(child > 0)
        var status: Int32 = 0
        #expect(waitpid(child, &status, 0) == child)
        #expect(status & 0x7f == signal, "the child was ended by the signal, as without the handler")
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }

    // MARK: Item 14: a task id never leads --emit out of its folder

    @Test func aTaskIDWithDotDotNeverLeadsEmitOutOfItsFolder() async throws {
        let folder = try TemporaryFolder()
        let directory = folder.path("out/emitted")
        // Where `solver_dir/solve_x/../../../victim` would lead.
        let victim = folder.path("out/victim")
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        let precious = victim + "/precious.py"
        try Self.text.write(to: URL(fileURLWithPath: precious))
        let options = RunOptions.fixture(
            candidates: Fixtures.path("Hostile/rot180.py"), tasks: Fixtures.path("Hostile/traversal_tasks.json"),
            cache: nil, task: "x/../../../victim", emit: directory)
        let outcome = try await run(options)
        #expect(outcome.summary.diagnostics.contains { $0.contains("'x/../../../victim' is refused") })
        #expect(outcome.results.allSatisfy { $0.outcome != "correct" }, "the task is not in the task set")
        _ = try SolverEmitter.emit(outcome, to: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim) == ["precious.py"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).sorted() == ["emitted", "victim"])
    }
}
