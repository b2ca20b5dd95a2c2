#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPython's recursion limit, kept by counting the frames arc-dsl's code would have on the stack.
///
/// CPython 3.11 raises `RecursionError` when a call would make its frame stack deeper than
/// `sys.getrecursionlimit()` (1,000). A solver called from a module's top level runs at depth 2
/// (the module's frame and its own). Each call of a function value that `compose`, `chain`,
/// `fork`, `matcher`, `rbind`, `lbind` or `power` made is one lambda frame; the primitive it
/// finally calls is one more, and nearly every primitive of `dsl.py` needs a frame of its own
/// below that (a generator expression or a helper call), so a lambda may only start where two
/// more frames still fit. Primitives that call function values do so from inside their own
/// frames (`apply` from its generator expression: two frames down), which `withFrames` adds.
///
/// Independently of that count, a call never starts when this thread's stack is nearly used up,
/// so no program can overflow the process stack, whatever thread evaluates it.
extension EvaluationContext {
    /// `sys.getrecursionlimit()`'s default.
    public static let recursionLimit = 1000
    /// The frames below a solver's body: the module that calls it, and the solver's own.
    public static let solverFrameDepth = 2
    /// Stack kept free below the deepest call, for the primitive and runtime code under it.
    static let stackReserve: UInt = 256 * 1024

    /// Enters the frame of a lambda; throws Python's RecursionError where CPython would.
    @inline(__always) public func enterFrame() throws {
        frameDepth &+= 1
        if frameDepth > EvaluationContext.recursionLimit - 2 || stackIsLow() {
            frameDepth &-= 1
            throw DSLError.recursion("maximum recursion depth exceeded")
        }
    }

    /// Leaves the frame `enterFrame` entered.
    @inline(__always) public func leaveFrame() {
        frameDepth &-= 1
    }

    /// Runs `body` with `count` more frames on the stack, as a primitive that calls function
    /// values from its generator expression or helpers has.
    @inline(__always) public func withFrames<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        frameDepth &+= count
        defer { frameDepth &-= count }
        return try body()
    }

    /// Checks the frame depth that `power` needs to build its nested lambdas: `n` recursive calls
    /// of `power` below the caller's frame.
    public func requireFrames(_ count: Int) throws {
        if count > EvaluationContext.recursionLimit - frameDepth {
            throw DSLError.recursion("maximum recursion depth exceeded")
        }
    }

    /// Whether this thread's stack has less than `stackReserve` left.
    @inline(__always) func stackIsLow() -> Bool {
        if stackFloor == 0 { stackFloor = EvaluationContext.currentStackFloor() }
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } < stackFloor
    }

    /// The size in bytes of the current thread's stack; 0 when unknown.
    public static func currentThreadStackSize() -> Int {
        #if canImport(Glibc)
            typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
            guard let symbol = dlsym(nil, "pthread_getattr_np") else { return 0 }
            let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
            var attributes = pthread_attr_t()
            guard getAttributes(pthread_self(), &attributes) == 0 else { return 0 }
            defer { pthread_attr_destroy(&attributes) }
            var base: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &base, &size) == 0 else { return 0 }
            return size
        #elseif canImport(Darwin)
            return Int(pthread_get_stacksize_np(pthread_self()))
        #else
            return 0
        #endif
    }

    /// The lowest address of the current thread's stack plus the reserve; 1 when unknown (never low).
    static func currentStackFloor() -> UInt {
        #if canImport(Glibc)
            // glibc declares pthread_getattr_np only under _GNU_SOURCE, which Swift's Glibc module lacks.
            typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
            guard let symbol = dlsym(nil, "pthread_getattr_np") else { return 1 }
            let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
            var attributes = pthread_attr_t()
            guard getAttributes(pthread_self(), &attributes) == 0 else { return 1 }
            defer { pthread_attr_destroy(&attributes) }
            var base: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &base, &size) == 0, let base else { return 1 }
            return UInt(bitPattern: base) + Swift.min(stackReserve, UInt(size) / 4)
        #elseif canImport(Darwin)
            let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
            let size = UInt(pthread_get_stacksize_np(pthread_self()))
            return top - size + Swift.min(stackReserve, size / 4)
        #else
            return 1
        #endif
    }
}
