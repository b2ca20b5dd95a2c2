// The Python program of batt's workers, run with `python -c`. Keep it compatible with Python 3.8.
enum WorkerProgram {
    /// The program. Bump its `PROTOCOL` when the protocol or what a worker computes changes: the
    /// manifest reports it, so it enters every `--dsl` solver version.
    static let source = #"""
        # batt's Python worker: a fork server that imports the user's DSL once, then forks workers that
        # evaluate candidate solvers. It talks to batt over a Unix socket, never over stdout.
        # Compatible with Python 3.8 and later.
        import hashlib
        import json
        import os
        import signal
        import socket
        import struct
        import sys
        import sysconfig
        import time
        import traceback

        PROTOCOL = "batt-py-1"


        def send(sock, text):
            data = text.encode("utf-8", "replace")
            sock.sendall(struct.pack(">I", len(data)) + data)


        def receive(sock):
            header = receive_exactly(sock, 4)
            if header is None:
                return None
            body = receive_exactly(sock, struct.unpack(">I", header)[0])
            return None if body is None else body.decode("utf-8")


        def receive_exactly(sock, count):
            chunks = []
            while count > 0:
                chunk = sock.recv(min(count, 1 << 20))
                if not chunk:
                    return None
                chunks.append(chunk)
                count -= len(chunk)
            return b"".join(chunks)


        def last_line(error):
            lines = traceback.format_exception_only(type(error), error)
            text = lines[-1].strip() if lines else type(error).__name__
            return text.replace("\t", " ").replace("\n", " ")


        def exported(module):
            names = getattr(module, "__all__", None)
            if names is None:
                names = [name for name in vars(module) if not name.startswith("_")]
            return sorted(str(name) for name in names)


        def file_md5(path):
            with open(path, "rb") as handle:
                return hashlib.md5(handle.read()).hexdigest()


        def stamp_of(path):
            try:
                stat = os.stat(path)
                return [stat.st_size, stat.st_mtime_ns]
            except OSError:
                return [0, 0]


        def manifest(folder, modules):
            """What the loaded DSL consists of: names, local files, third-party packages, Python."""
            folder = os.path.realpath(folder)
            purelib = [os.path.realpath(sysconfig.get_paths().get(key, "") or "/nonexistent") for key in ("purelib", "platlib")]
            stdlib = [os.path.realpath(sysconfig.get_paths().get(key, "") or "/nonexistent") for key in ("stdlib", "platstdlib")]
            local, third = {}, {}
            for name, module in sorted(sys.modules.items()):
                path = getattr(module, "__file__", None)
                if not path:
                    continue
                real = os.path.realpath(path)
                if real.startswith(folder + os.sep):
                    local[os.path.relpath(real, folder)] = file_md5(real)
                    continue
                in_site = any(real.startswith(p + os.sep) for p in purelib)
                if not in_site and any(real.startswith(p + os.sep) for p in stdlib):
                    continue
                top = name.split(".")[0]
                if top in third:
                    continue
                top_module = sys.modules.get(top, module)
                top_path = os.path.realpath(getattr(top_module, "__file__", None) or real)
                third[top] = {
                    "version": str(getattr(top_module, "__version__", "")),
                    "path": top_path,
                    "stamp": stamp_of(top_path),
                }
            names = {m: exported(sys.modules[m]) for m in modules}
            return {
                "protocol": PROTOCOL,
                "python": sys.version.split()[0] + " " + sys.implementation.name,
                "executable": os.path.realpath(sys.executable),
                "executable_stamp": stamp_of(os.path.realpath(sys.executable)),
                "local": local,
                "third_party": third,
                "names": names,
            }


        def grid(rows):
            return tuple(tuple(row) for row in rows)


        class Worker:
            def __init__(self, sock, namespaces, memory):
                self.sock = sock
                self.namespaces = namespaces
                self.tasks = {}
                self.memory = memory

            def limit_memory(self):
                if self.memory <= 0:
                    return
                try:
                    import resource

                    with open("/proc/self/statm") as handle:
                        pages = int(handle.read().split()[0])
                    size = pages * os.sysconf("SC_PAGE_SIZE") + self.memory
                    resource.setrlimit(resource.RLIMIT_AS, (size, size))
                except Exception:
                    pass

            def serve(self):
                self.limit_memory()
                while True:
                    message = receive(self.sock)
                    if message is None:
                        os._exit(0)
                    kind = message[0]
                    if kind == "P":
                        key, _, body = message[1:].partition("\n")
                        data = json.loads(body)
                        demos = tuple((grid(i), grid(o)) for i, o in data["train"])
                        pairs = [(grid(i), grid(o)) for i, o in data["train"]]
                        pairs += [(grid(i), None if o is None else grid(o)) for i, o in data["test"]]
                        self.tasks[key] = (demos, pairs)
                    elif kind == "C":
                        header, _, source = message[1:].partition("\n")
                        key, limit, namespace, parameters = header.split("\t")
                        send(self.sock, self.evaluate(key, float(limit), namespace, parameters.split(","), source))

            def evaluate(self, key, limit, namespace, parameters, source):
                start = time.perf_counter()
                demos, pairs = self.tasks[key]
                globals_ = self.namespaces[namespace]
                try:
                    exec(compile(source, "<candidate>", "exec"), globals_)
                    function = globals_.pop("__batt_candidate__")
                except MemoryError:
                    return "R\t%f\tbudget\tMemoryError" % (time.perf_counter() - start)
                except BaseException as error:
                    marks = "".join("?" if expected is None else "E" for _, expected in pairs)
                    return "R%s\t%f\tok\t%s" % (marks, time.perf_counter() - start, last_line(error))
                marks = []
                first_error = ""
                status = "ok"
                for grid_in, expected in pairs:
                    if expected is None:
                        marks.append("?")
                        continue
                    if status != "ok":
                        marks.append("-")
                        continue
                    arguments = [grid_in if p == "I" else demos if p == "S" else None for p in parameters]
                    try:
                        output = function(*arguments)
                        marks.append("1" if output == expected else "0")
                    except MemoryError:
                        status = "budget"
                        marks.append("-")
                    except BaseException as error:
                        marks.append("E")
                        if not first_error:
                            first_error = last_line(error)
                    if status == "ok" and time.perf_counter() - start > limit:
                        status = "timeout"
                return "R%s\t%f\t%s\t%s" % ("".join(marks), time.perf_counter() - start, status, first_error)


        def main():
            path, folder, memory = sys.argv[1], sys.argv[2], int(sys.argv[3])
            modules = sys.argv[4].split(",")
            control = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            control.connect(path)
            # The DSL may print, read or close the standard streams: none of them is the protocol.
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1):
                os.dup2(devnull, fd)
            sys.path.insert(0, folder)
            os.chdir(folder)
            namespaces = {}
            try:
                for module in modules:
                    __import__(module)
                for group in sys.argv[5:]:
                    namespace = {}
                    for module in group.split(","):
                        exec("from %s import *" % module, namespace)
                    namespaces[group] = namespace
                send(control, "M" + json.dumps(manifest(folder, modules), sort_keys=True))
            except BaseException as error:
                send(control, "X" + last_line(error))
                os._exit(1)
            # Standard error served the import's failures; what the DSL logs per call goes nowhere.
            os.dup2(devnull, 2)
            children = set()
            while True:
                message = receive(control)
                if message is None:
                    # batt is gone or done: no worker may outlive it.
                    for pid in children:
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except OSError:
                            pass
                    for pid in children:
                        try:
                            os.waitpid(pid, 0)
                        except OSError:
                            pass
                    os._exit(0)
                if message == "F":
                    pid = os.fork()
                    if pid == 0:
                        try:
                            control.close()
                            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                            sock.connect(path)
                            send(sock, "W%d" % os.getpid())
                            Worker(sock, namespaces, memory).serve()
                        finally:
                            os._exit(70)
                    children.add(pid)
                    send(control, "F%d" % pid)
                elif message[0] == "S":
                    pid = int(message[1:])
                    try:
                        _, status = os.waitpid(pid, 0)
                    except ChildProcessError:
                        status = -1
                    children.discard(pid)
                    if status == -1:
                        reason = "unknown"
                    elif os.WIFSIGNALED(status):
                        number = os.WTERMSIG(status)
                        try:
                            reason = "killed by signal %d (%s)" % (number, signal.Signals(number).name)
                        except ValueError:
                            reason = "killed by signal %d" % number
                    else:
                        reason = "exited with status %d" % os.WEXITSTATUS(status)
                    send(control, "S%d\t%s" % (pid, reason))


        main()
        """#
}
