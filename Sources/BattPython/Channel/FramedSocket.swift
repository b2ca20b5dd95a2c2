import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One end of a Unix stream socket carrying length-prefixed UTF-8 messages (4-byte big-endian
/// length, then the text): the only channel between batt and a Python process, so whatever the
/// DSL prints never reaches the protocol.
final class FramedSocket: @unchecked Sendable {
    /// Why a read gave no message.
    enum ReadFailure: Error {
        /// The deadline passed first.
        case deadline
        /// The other end closed the connection (the process exited or was killed).
        case closed
    }

    private(set) var descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        setCloseOnExec(descriptor)
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            _ = systemClose(descriptor)
            descriptor = -1
        }
    }

    /// Writes one message; false when the other end is gone.
    @discardableResult
    func send(_ text: String) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 4)
        let payload = Array(text.utf8)
        let count = UInt32(payload.count)
        bytes[0] = UInt8(count >> 24)
        bytes[1] = UInt8((count >> 16) & 0xFF)
        bytes[2] = UInt8((count >> 8) & 0xFF)
        bytes[3] = UInt8(count & 0xFF)
        bytes += payload
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Reads one message, waiting at most until `deadline` (nanoseconds of `MonotonicClock`; nil
    /// waits for ever).
    func receive(until deadline: UInt64?) -> Result<String, ReadFailure> {
        while true {
            if buffer.count >= 4 {
                let length =
                    Int(buffer[0]) << 24 | Int(buffer[1]) << 16 | Int(buffer[2]) << 8 | Int(buffer[3])
                if buffer.count >= 4 + length {
                    let text = String(decoding: buffer[4..<(4 + length)], as: UTF8.self)
                    buffer.removeFirst(4 + length)
                    return .success(text)
                }
            }
            guard waitReadable(until: deadline) else { return .failure(.deadline) }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(.closed)
            }
            if count == 0 { return .failure(.closed) }
            buffer += chunk[0..<count]
        }
    }

    private func waitReadable(until deadline: UInt64?) -> Bool {
        while true {
            var timeout: Int32 = -1
            if let deadline {
                let now = MonotonicClock.now()
                if now >= deadline { return false }
                timeout = Int32(min(UInt64(Int32.max), (deadline - now + 999_999) / 1_000_000))
            }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, timeout)
            if ready < 0 && errno == EINTR { continue }
            if ready > 0 { return true }
            if ready < 0 { return true }  // let read() report the failure
        }
    }
}

/// `close(2)`, out of the way of `FramedSocket.close()`.
func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
        return Glibc.close(descriptor)
    #else
        return Darwin.close(descriptor)
    #endif
}

/// Keeps a descriptor out of the Python processes batt starts, so only its owner holds it (a
/// worker must see its connection close when batt closes it).
func setCloseOnExec(_ descriptor: Int32) {
    let flags = fcntl(descriptor, F_GETFD)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
}

/// Nanoseconds of a clock that never goes backwards.
enum MonotonicClock {
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

/// A listening Unix socket in a private folder: the Python processes connect to it.
final class ListeningSocket: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    /// Binds `path`, which must be shorter than the 104 bytes a socket address holds.
    init(path: String) throws {
        let fd = socket(AF_UNIX, Int32(socketStreamType), 0)
        guard fd >= 0 else {
            throw PythonRuntimeError.system("cannot create a socket: \(String(cString: strerror(errno)))")
        }
        setCloseOnExec(fd)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            _ = systemClose(fd)
            throw PythonRuntimeError.system("the socket path '\(path)' is too long; set TMPDIR to a shorter folder")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.enumerated() { raw[i] = byte }
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = systemClose(fd)
            throw PythonRuntimeError.system("cannot listen on '\(path)': \(reason)")
        }
        self.path = path
        self.descriptor = fd
    }

    deinit { _ = systemClose(descriptor) }

    /// The next connection, or nil when none arrives before `deadline` or `stillWaiting` says stop.
    func accept(until deadline: UInt64, stillWaiting: () -> Bool = { true }) -> FramedSocket? {
        while MonotonicClock.now() < deadline && stillWaiting() {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 20)
            guard ready > 0 else { continue }
            #if canImport(Glibc)
                let fd = Glibc.accept(descriptor, nil, nil)
            #else
                let fd = Darwin.accept(descriptor, nil, nil)
            #endif
            if fd >= 0 { return FramedSocket(descriptor: fd) }
        }
        return nil
    }
}

#if canImport(Glibc)
    private let socketStreamType = SOCK_STREAM.rawValue
#else
    private let socketStreamType = SOCK_STREAM
#endif
