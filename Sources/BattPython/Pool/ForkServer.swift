import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Python process that imported the DSL once and forks a worker on request, so a worker
/// killed at the time limit is replaced in milliseconds rather than by a fresh import.
final class ForkServer: @unchecked Sendable {
    let pid: pid_t
    let manifest: DSLManifest
    private let control: FramedSocket
    private let listener: ListeningSocket
    private let folder: String
    private let lock = NSLock()
    private var exited = false

    /// The environment every worker starts with: fixed, whatever batt was started with, so no
    /// inherited variable switches the DSL onto another path (a GPU, Kaggle's paths).
    static func environment() -> [String] {
        let inherited = ProcessInfo.processInfo.environment
        let kept = [
            "PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "CONDA_PREFIX",
            "PYENV_ROOT", "PYENV_VERSION", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LD_LIBRARY_PATH",
        ]
        var environment = kept.compactMap { name in inherited[name].map { "\(name)=\($0)" } }
        environment += [
            "PYTHONHASHSEED=0", "PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "EXPECT_GPU=0",
            "CUDA_VISIBLE_DEVICES=", "OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1",
        ]
        return environment
    }

    /// Starts `python`, which imports `modules` from `folder` and builds one namespace per group.
    /// - Throws: `PythonRuntimeError` when the interpreter is missing or the DSL fails to import.
    init(
        python: String, folder: String, dslName: String, modules: [String], namespaces: [String],
        memoryBytes: Int64, privateFolder: String
    ) throws {
        let listener = try ListeningSocket(path: (privateFolder as NSString).appendingPathComponent("s"))
        let errorPath = (privateFolder as NSString).appendingPathComponent("stderr")
        let arguments =
            [
                python, "-c", WorkerProgram.source, listener.path, folder, "\(memoryBytes)",
                modules.joined(separator: ","),
            ]
            + namespaces
        let pid = try ForkServer.spawn(
            arguments, environment: ForkServer.environment(), stderrPath: errorPath)
        var status: Int32 = 0
        var exitedEarly = false
        let connection = listener.accept(until: MonotonicClock.now() + 120_000_000_000) {
            if waitpid(pid, &status, WNOHANG) == pid {
                exitedEarly = true
                return false
            }
            return true
        }
        func lastErrorLine() -> String {
            let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").last.map(String.init) ?? "no message"
        }
        guard let connection else {
            if !exitedEarly {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
            }
            throw PythonRuntimeError.noAnswer("'\(python)' exited before answering: \(lastErrorLine())")
        }
        let answer = connection.receive(until: MonotonicClock.now() + 600_000_000_000)
        func stop() {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        switch answer {
        case .success(let text) where text.hasPrefix("M"):
            do {
                manifest = try JSONDecoder().decode(DSLManifest.self, from: Data(text.dropFirst().utf8))
            } catch {
                stop()
                throw PythonRuntimeError.noAnswer("its description of the DSL could not be read: \(error)")
            }
        case .success(let text) where text.hasPrefix("X"):
            stop()
            throw PythonRuntimeError.importFailed(dsl: dslName, lastLine: String(text.dropFirst()))
        default:
            stop()
            throw PythonRuntimeError.noAnswer("'\(python)' gave no description of the DSL: \(lastErrorLine())")
        }
        self.pid = pid
        self.control = connection
        self.listener = listener
        self.folder = folder
    }

    /// Forks a worker; nil when the fork server is gone.
    func fork() -> (pid: pid_t, socket: FramedSocket)? {
        lock.lock()
        defer { lock.unlock() }
        guard !exited, control.send("F") else { return nil }
        let deadline = MonotonicClock.now() + 30_000_000_000
        guard let connection = listener.accept(until: deadline),
            case .success(let hello) = connection.receive(until: deadline), hello.hasPrefix("W"),
            let pid = pid_t(hello.dropFirst()),
            case .success(let reply) = control.receive(until: deadline), reply == "F\(pid)"
        else { return nil }
        return (pid, connection)
    }

    /// Reaps a worker that closed its connection or was killed, and says how it ended.
    func reap(_ worker: pid_t) -> String {
        lock.lock()
        defer { lock.unlock() }
        guard !exited, control.send("S\(worker)"),
            case .success(let reply) = control.receive(until: MonotonicClock.now() + 10_000_000_000)
        else { return "ended; the fork server is gone" }
        return reply.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? reply
    }

    /// Ends the fork server, which kills any worker still alive, and waits for it.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !exited else { return }
        exited = true
        control.close()
        var status: Int32 = 0
        let deadline = MonotonicClock.now() + 2_000_000_000
        while waitpid(pid, &status, WNOHANG) == 0 {
            if MonotonicClock.now() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(1000)
        }
    }

    /// `posix_spawnp` with standard input and output on /dev/null and standard error to a file.
    private static func spawn(_ arguments: [String], environment: [String], stderrPath: String) throws -> pid_t {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard result == 0 else { throw PythonRuntimeError.interpreterMissing(arguments[0]) }
        return pid
    }
}
