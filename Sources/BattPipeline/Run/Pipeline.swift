import BattCache
import BattDSL
import BattLanguage
import BattTasks
import Foundation

/// What a run tells its watcher while it works.
public enum ProgressEvent: Sendable {
    case phase(String)
    case validated(done: Int, total: Int)
}

/// Why a run could not start or finish.
public enum PipelineError: Error, CustomStringConvertible {
    case tasks(String)
    case candidates(String)
    case cache(String)
    case output(String)
    /// The Python DSL cannot be used (missing interpreter, import failure).
    case dsl(String)

    public var description: String {
        switch self {
        case .tasks(let m), .candidates(let m), .cache(let m), .output(let m), .dsl(let m): return m
        }
    }
}

/// The cached, parallel validation pipeline of one `batt run`:
/// load → body hash → dedupe → inline (cache misses only) → validate (cache misses only, in
/// parallel) → store verdicts as they complete → report.
public struct Pipeline: Sendable {
    public let options: RunOptions
    public let progress: @Sendable (ProgressEvent) -> Void

    public init(options: RunOptions, progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    /// A verdict's last use is recorded at most this often (seconds): LRU pruning needs no finer
    /// clock, and a run soon after another need not rewrite every verdict it reads.
    static let lastUseGranularity: TimeInterval = 600

    /// How many verdicts go to the cache in one write transaction: at least `storeBatchSize`,
    /// more while a task's verdicts arrive faster than `storeInterval` allows (a transaction
    /// writes each B-tree page it touches once, so many small ones rewrite the same pages over and
    /// over), never more than `storeBatchLimit`; what is pending is stored as soon as no further
    /// verdict is known to follow. A killed run loses at most the verdicts of its last fraction of
    /// a second, or its last `storeBatchSize`.
    static let storeBatchSize = 256
    static let storeBatchLimit = 8192
    static let storeInterval: TimeInterval = 0.25

    /// How many bodies are inlined at a time.
    static let inlineBatchSize = 4096

    /// What both attempts of a run share: read once.
    private struct Inputs {
        let store: CacheStore?
        let files: [CandidateSource.File]
        let taskSet: TaskSet
        let evaluator: any SolverEvaluator
        let startedAt: Date
        let loadSeconds: Double
        /// What the cache's records of the candidate files say, read while the tasks loaded; nil
        /// without a cache or when it lacks a file's record.
        let recorded: CandidateTable?
        /// The verdicts of this run's solver version, being read ahead (see `prefetchVerdicts`).
        let prefetch: Task<VerdictPrefetch?, Never>?
    }

    /// Runs the pipeline. When the cache knows every candidate file and every verdict, the files
    /// are not parsed again (direct mode); otherwise, or when anything turns out unknown, the run
    /// parses them as usual, reusing the tasks, files and cache it has already read and opened.
    public func run() async throws -> RunOutcome {
        let inputs = try await load()
        defer { inputs.evaluator.shutdown() }
        // The verdicts read ahead hold a connection to the cache: a run ends only once it is
        // closed, so that the run's own connection, closed last, tidies the file as it would alone.
        do {
            let outcome = try await runAttempts(inputs)
            _ = await inputs.prefetch?.value
            return outcome
        } catch {
            _ = await inputs.prefetch?.value
            throw error
        }
    }

    private func runAttempts(_ inputs: Inputs) async throws -> RunOutcome {
        if let outcome = try await run(direct: true, inputs) { return outcome }
        guard let outcome = try await run(direct: false, inputs) else {
            throw PipelineError.candidates("internal error: a run that parses its candidates gave no outcome")
        }
        return outcome
    }

    /// Tasks, candidate files and the cache are independent: read them at once.
    private func load() async throws -> Inputs {
        let startedAt = Date()
        progress(.phase("load"))
        let options = self.options
        // Each on a thread of its own, so that both start at once, beside the cache's opening.
        async let readingTasks = ParallelLoop.onOwnThread { Result { try TaskLoader.read(path: options.tasksPath) } }
        async let readingCandidates = ParallelLoop.onOwnThread {
            Result { try CandidateSource.read(path: options.candidatesPath, defaultTaskID: options.defaultTaskID) }
        }
        // A new cache file is made only once the inputs turn out readable: a mistyped path leaves
        // nothing behind. An existing cache opens while they are read.
        if let path = options.cachePath, !FileManager.default.fileExists(atPath: path) {
            if case .failure(let error) = await readingCandidates { throw PipelineError.candidates("\(error)") }
            if case .failure(let error) = await readingTasks { throw PipelineError.tasks("\(error)") }
        }
        let store = try openCache()
        var files: [CandidateSource.File]
        switch await readingCandidates {
        case .success(let read): files = read
        case .failure(let error): throw PipelineError.candidates("\(error)")
        }
        let evaluator = try makeEvaluator(files: files, store: store)
        files = files.map { $0.keyed(languageVersion: evaluator.languageVersion) }
        let prefetch = prefetchVerdicts(from: store, for: files, solverVersion: evaluator.solverVersion.description)
        // The candidate files' records are read while the tasks load; the candidates of tasks
        // the run lacks are marked once the tasks are known.
        let keyedFiles = files
        let shard = options.shard
        async let readingRecords = ParallelLoop.onOwnThread {
            store.flatMap { store in
                CandidateSource.fromRecords(
                    keyedFiles, shard: shard, reading: { key, each in try store.readCandidateFile(key, each: each) })
            }
        }
        let taskFiles: TaskFiles
        switch await readingTasks {
        case .success(let files): taskFiles = files
        case .failure(let error):
            _ = await prefetch?.value
            throw PipelineError.tasks("\(error)")
        }
        // Task files the cache knows by their bytes are not decoded unless a solver runs on them.
        let known =
            (try? store?.taskFingerprints(
                forFileDigests: taskFiles.fileDigests, decoderVersion: TaskFiles.decoderVersion)) ?? [:]
        let taskSet = taskFiles.load(knowing: known.mapValues(TaskFingerprint.init(hex:)))
        var recorded = await readingRecords
        guard !taskSet.isEmpty else {
            _ = await prefetch?.value
            let reasons = taskSet.diagnostics.prefix(3).map { "\n  \($0)" }.joined()
            throw PipelineError.tasks("no usable task in '\(options.tasksPath)'\(reasons)")
        }
        recorded?.markUnknownTasks(knowing: Set(taskSet.ids))
        return Inputs(
            store: store, files: files, taskSet: taskSet, evaluator: evaluator, startedAt: startedAt,
            loadSeconds: Date().timeIntervalSince(startedAt), recorded: recorded, prefetch: prefetch)
    }

    /// One attempt; in direct mode, nil when something has to be parsed, inlined or validated.
    private func run(direct: Bool, _ inputs: Inputs) async throws -> RunOutcome? {
        var clock = PhaseClock()
        let (store, files, startedAt) = (inputs.store, inputs.files, inputs.startedAt)
        // Only a run that validates needs the grids.
        let taskSet = direct ? inputs.taskSet : inputs.taskSet.decodingAll()
        let evaluator = inputs.evaluator
        let version = evaluator.solverVersion.description
        let knownTasks = Set(taskSet.ids)
        var timing = CandidateSource.ParseTiming()
        let table: CandidateTable
        if direct {
            // In direct mode the file records also say which solver each body inlines to.
            guard let known = inputs.recorded else { return nil }
            table = known
        } else {
            // Parsed a piece at a time; names are checked and bodies hashed as each piece is read.
            progress(.phase("hash"))
            table = CandidateSource.parse(
                files, defaultTaskID: options.defaultTaskID, knownTasks: knownTasks, shard: options.shard,
                check: { function in
                    CandidateSource.unresolvedNames(in: function, scope: evaluator.nameScope(forFile: function.path))
                }, timing: &timing)
        }
        clock.add("load and parse", seconds: inputs.loadSeconds, minus: timing.hashSeconds)

        var summary = RunSummary(
            solverVersion: version, cachePath: store?.path,
            cacheMode: store.map { Pipeline.describe($0.accessMode) } ?? "none")
        summary.candidates = table.count
        summary.shard = options.shard?.description
        summary.candidateFilesKnown = table.fromRecords
        summary.unreadable = table.unreadableFunctions
        summary.diagnostics =
            table.diagnostics.map(\.description) + taskSet.diagnostics.map(\.description)
            + evaluator.diagnostics.map(\.description)
        if let store {
            summary.warnings += store.warnings
            if !store.accessMode.isWritable {
                summary.warnings.append(
                    "the cache '\(store.path ?? "")' cannot be written: lookups only, this run's verdicts are not kept (start a writable cache with --cache NEW --seed '\(store.path ?? "")')"
                )
            }
        }

        // Dedupe: the first candidate that can run with each body stands for it.
        if direct { progress(.phase("hash")) }
        var tables = RunTables(candidates: table)
        tables.hasCache = store != nil
        let count = table.count
        let bodyCount = table.bodies.count
        tables.firstRunnable = [Int32](repeating: -1, count: bodyCount)
        var bodyOrder: [Int32] = []
        for index in 0..<count where table.canRun(index) {
            let body = table.rows[index].body
            guard body >= 0, tables.firstRunnable[Int(body)] < 0 else { continue }
            tables.firstRunnable[Int(body)] = Int32(index)
            bodyOrder.append(body)
        }
        clock.add("hash", seconds: timing.hashSeconds)

        // Inline: the cache answers known bodies; the rest are inlined now.
        progress(.phase("inline"))
        tables.solverOfBody = [Int32](repeating: -1, count: bodyCount)
        var knownBody = [Bool](repeating: false, count: bodyCount)
        if table.fromRecords {
            tables.solvers = table.recordedSolvers
            for (body, solver) in table.recordedSolverOfBody.enumerated() where solver >= 0 {
                tables.solverOfBody[body] = solver
                knownBody[body] = true
            }
        } else if let store {
            let hashes = bodyOrder.map { table.bodies[Int($0)].hex }
            let found: [String: String]
            do {
                found = try store.solverMD5s(forBodyHashes: hashes, inlinerVersion: Inliner.version)
            } catch {
                throw PipelineError.cache("cannot read the cache: \(error)")
            }
            for (body, hash) in zip(bodyOrder, hashes) {
                if let md5 = found[hash] {
                    tables.solverOfBody[Int(body)] = tables.solvers.id(md5)
                    knownBody[Int(body)] = true
                }
            }
        }
        let unknownBodies = bodyOrder.filter { !knownBody[Int($0)] }
        // Inlining needs the parsed function: in direct mode, start over and parse.
        if table.fromRecords && !unknownBodies.isEmpty { return nil }
        var writes = CacheWrites(store: store)
        let writable = writes.isWritable
        var storeSeconds = 0.0
        let inliner = Inliner(textCap: options.inlineTextCap)
        // New solvers are kept compactly (texts in one arena) and stored in one transaction,
        // ordered by body hash: B-tree pages are then written once each, not once per batch.
        var newSolvers = NewSolvers()
        let firstRunnable = tables.firstRunnable
        for start in stride(from: 0, to: unknownBodies.count, by: Pipeline.inlineBatchSize) {
            let batch = Array(unknownBodies[start..<min(start + Pipeline.inlineBatchSize, unknownBodies.count)])
            // Inlining is pure and independent per body: spread it over the cores.
            let inlined = ParallelLoop.map(batch, chunkSize: 64) { body -> Result<InlinedSolver, LanguageError>? in
                guard let function = table.function(at: Int(firstRunnable[Int(body)])) else { return nil }
                return Result { () throws(LanguageError) in try inliner.inline(function) }
            }
            for (body, outcome) in zip(batch, inlined) {
                switch outcome {
                case .success(let inlined)?:
                    let solver = tables.solvers.id(inlined.identity)
                    tables.solverOfBody[Int(body)] = solver
                    newSolvers.append(body: body, solver: solver, text: inlined.text)
                case .failure(let error)?:
                    tables.inlineFailures[body] = "\(error)"
                case nil:
                    break
                }
            }
        }
        if writable, newSolvers.count > 0 {
            let started = Date()
            let solvers = tables.solvers
            let records = newSolvers.orderedByBody(table.bodies).lazy.map { k in
                SolverRecord(
                    bodyHash: table.bodies[Int(newSolvers.bodies[k])].hex,
                    solverMD5: solvers[newSolvers.solvers[k]] ?? "", inlinedText: newSolvers.text(k),
                    textMaterialised: newSolvers.materialised[k], inlinerVersion: Inliner.version,
                    createdAt: started)
            }
            try writes.perform { _ = try $0.insert(solvers: records) }
            storeSeconds += Date().timeIntervalSince(started)
        }
        // A body counts once per task, as the reference pipeline dedupes (task, body); the first
        // candidate of each says whether the cache knew it.
        tables.inlineSources = [UInt8](repeating: LookupSource.none.code, count: count)
        var seenBodies = PairMap(bCount: bodyCount)
        for index in 0..<count where table.canRun(index) {
            let row = table.rows[index]
            guard row.body >= 0, tables.solverOfBody[Int(row.body)] >= 0 else { continue }
            guard seenBodies.value(row.task, row.body, orInsert: 0).inserted else {
                tables.inlineSources[index] = (store == nil ? LookupSource.none : .shared).code
                continue
            }
            if knownBody[Int(row.body)] {
                summary.inlineHits += 1
                tables.inlineSources[index] = LookupSource.hit.code
            } else {
                summary.inlineMisses += 1
                tables.inlineSources[index] = (store == nil ? LookupSource.none : .miss).code
            }
        }
        seenBodies = PairMap(bCount: 0)
        summary.inlined = newSolvers.count
        summary.dagHashedSolvers = tables.solvers.strings.filter { $0.hasPrefix(Inliner.dagIdentityPrefix) }.count
        clock.end("inline", minus: storeSeconds)

        // Verdict lookup for each unique (task fingerprint, solver).
        progress(.phase("lookup"))
        let fingerprints = table.tasks.strings.map { taskSet.fingerprint(of: $0)?.hex }
        var fingerprintIDs = InternTable()
        let fingerprintOfTask = fingerprints.map { $0.map { fingerprintIDs.id($0) } ?? -1 }
        var jobIDs = PairMap(bCount: tables.solvers.count)
        tables.jobOfCandidate = [Int32](repeating: -1, count: count)
        for index in 0..<count where table.canRun(index) {
            let row = table.rows[index]
            guard row.body >= 0, row.task >= 0 else { continue }
            let solver = tables.solverOfBody[Int(row.body)]
            let fingerprint = fingerprintOfTask[Int(row.task)]
            guard solver >= 0, fingerprint >= 0 else { continue }
            let (job, isNew) = jobIDs.value(fingerprint, solver, orInsert: Int32(tables.jobs.count))
            if isNew { tables.jobs.append(RunTables.Job(task: row.task, solver: solver, candidate: Int32(index))) }
            tables.jobOfCandidate[index] = job
        }
        jobIDs = PairMap(bCount: 0)
        let keys = tables.jobs.map {
            VerdictKey(
                solverMD5: tables.solvers[$0.solver] ?? "", taskFingerprint: fingerprints[Int($0.task)] ?? "",
                solverVersion: version)
        }
        let jobCount = keys.count
        tables.verdicts = [Verdict?](repeating: nil, count: jobCount)
        tables.fromCache = [Bool](repeating: false, count: jobCount)
        tables.unstored = [Bool](repeating: false, count: jobCount)
        var misses: [Int] = []
        var hitKeys: [VerdictKey] = []
        let untrusted: Set<VerdictKey>
        do {
            let lookup: VerdictLookup
            do {
                let prefetched = await inputs.prefetch?.value
                lookup = try store?.lookUpVerdicts(for: keys, prefetched: prefetched) ?? VerdictLookup(count: keys.count)
            } catch {
                throw PipelineError.cache("cannot read the cache: \(error)")
            }
            let staleUse = Date().addingTimeInterval(-Pipeline.lastUseGranularity)
            for (k, key) in keys.enumerated() {
                if let record = lookup.found[k],
                    record.isReusable(underTimeLimit: options.timeLimitSeconds, budget: evaluator.budget)
                {
                    tables.verdicts[k] = Verdict(record)
                    tables.fromCache[k] = true
                    // Recording the hits (last use, hit count) overlaps validation and the summary.
                    if record.lastUsedAt <= staleUse { hitKeys.append(key) }
                } else {
                    misses.append(k)
                }
            }
            untrusted = lookup.untrusted
        }
        // What the cache knew solved before this run stores anything, for "newly solved" and "lost".
        let solvedBefore = try? store?.solvedTaskFingerprints(solverVersion: version)
        // Validation needs the parsed function: in direct mode, start over and parse.
        if table.fromRecords && !misses.isEmpty { return nil }
        summary.verdictHits = jobCount - misses.count
        summary.verdictMisses = misses.count
        summary.untrustedVerdicts = untrusted.count
        if let store {
            // The native version and unchanged Python DSLs are current too: their verdicts are
            // served by the runs that use them.
            let base = options.solverVersion.description
            let alsoCurrent = SolverVersion.currentPythonDSLVersions(in: store, base: base).union([base])
            do {
                summary.staleVerdicts = try store.staleVerdictCount(currentVersion: version, alsoCurrent: alsoCurrent)
            } catch {}
        }
        let markingStore = store.flatMap { $0.accessMode.isWritable ? $0 : nil }
        let markedKeys = hitKeys
        hitKeys = []
        async let markingUsed = Pipeline.markUsed(markedKeys, in: markingStore)
        clock.end("lookup")

        // Validate the misses in parallel, storing verdicts in batches as they complete. Each
        // miss's function is parsed again from its file when its task's batch is validated:
        // syntax trees exist only for the solvers being validated at the time.
        progress(.phase("validate"))
        var validateStoreSeconds = 0.0
        let jobs = tables.jobs
        var work: [(job: Int, candidate: Int, task: ARCTask)] = []
        work.reserveCapacity(misses.count)
        for k in misses {
            guard let taskID = table.tasks[jobs[k].task], let task = taskSet[taskID] else { continue }
            work.append((k, Int(jobs[k].candidate), task))
        }
        var pending: [VerdictRecord] = []
        var lastStored = Date()
        var done = 0
        let total = work.count
        if total > 0 {
            do { try evaluator.prepareToValidate() } catch { throw PipelineError.dsl("\(error)") }
        }
        let collect: (Int, Verdict, Bool) throws -> Void = { offset, verdict, lastKnown in
            done += 1
            if done % 64 == 0 || done == total { progress(.validated(done: done, total: total)) }
            guard writable else { return }
            let job = work[offset].job
            pending.append(VerdictRecord(verdict, key: keys[job], taskID: table.tasks[jobs[job].task] ?? ""))
            // A batch is stored once it is large, or has waited long enough, or no other verdict
            // is known to follow soon: a slow task still running never holds back what is done.
            if pending.count >= Pipeline.storeBatchLimit
                || (pending.count >= Pipeline.storeBatchSize
                    && (lastKnown || Date().timeIntervalSince(lastStored) >= Pipeline.storeInterval))
            {
                let started = Date()
                // In key order, each index page is visited once per batch.
                pending.sort { ($0.key.solverMD5, $0.key.taskFingerprint) < ($1.key.solverMD5, $1.key.taskFingerprint) }
                try writes.store(verdicts: pending)
                lastStored = Date()
                validateStoreSeconds += lastStored.timeIntervalSince(started)
                pending.removeAll(keepingCapacity: true)
            }
        }
        let validated = try await Pipeline.validate(
            work.map { (candidate: $0.candidate, task: $0.task) }, parse: { [table] in table.function(at: $0) },
            with: evaluator, jobs: options.jobs, collect: collect)
        for (offset, verdict) in validated.enumerated() { tables.verdicts[work[offset].job] = verdict }
        summary.validated = validated.count { $0 != nil }
        work = []
        storeSeconds += validateStoreSeconds
        clock.end("validate", minus: validateStoreSeconds)

        // Store what remains and remember the hits.
        progress(.phase("store"))
        if writable {
            try writes.store(verdicts: pending)
            // What each file held, so the next run over the same files can skip parsing them.
            // Only bookkeeping: when it cannot be written, the next run parses the files again.
            // A shard holds only part of each file: what it saw is not what the file holds.
            if !table.fromRecords, options.shard == nil, writes.failure == nil, let store = writes.store {
                do {
                    let solved = tables
                    try store.storeCandidateFileParts(
                        CandidateSource.recordParts(of: table, solver: solved.solverMD5(of:)))
                } catch let error as CacheError {
                    try Pipeline.bookkeepingFailed(
                        error, "what the candidate files held was not recorded", warnings: &summary.warnings)
                }
            }
        }
        if writable, writes.failure == nil, let store = writes.store, !taskSet.newlyDigested.isEmpty {
            do {
                try store.storeTaskFingerprints(
                    taskSet.newlyDigested.mapValues(\.hex), decoderVersion: TaskFiles.decoderVersion)
            } catch let error as CacheError {
                try Pipeline.bookkeepingFailed(
                    error, "which fingerprints the task files decode to was not recorded", warnings: &summary.warnings)
            }
        }
        if let error = await markingUsed {
            try Pipeline.bookkeepingFailed(
                error, "the last use of \(markedKeys.count) cached verdicts was not recorded",
                warnings: &summary.warnings)
        }
        clock.add("store", seconds: storeSeconds)

        Pipeline.tabulate(tables, summary: &summary)
        Pipeline.compare(tables, taskSet: taskSet, solvedBefore: solvedBefore, summary: &summary)
        clock.end("summarise")
        summary.phases = clock.phases
        summary.evaluator = evaluator.activity
        Pipeline.reportUnstored(writes, untrusted: untrusted, keys: keys, tables: &tables, summary: &summary)
        if writes.failure == nil, let store = writes.store {
            Pipeline.record(summary, startedAt: startedAt, in: store, warnings: &summary.warnings)
        }
        let texts =
            options.emitDirectory == nil
            ? [:]
            : Pipeline.correctSolverTexts(
                tables, newSolvers: newSolvers, store: store, warnings: &summary.warnings)
        return RunOutcome(summary: summary, results: CandidateResults(tables), inlinedTexts: texts)
    }

    /// A bookkeeping write (file records, last uses) that a full disk or another process's lock
    /// stopped is only a warning: the next run does the work again. Any other failure ends the run.
    static func bookkeepingFailed(_ error: Error, _ what: String, warnings: inout [String]) throws {
        switch error {
        case CacheError.diskFull, CacheError.locked:
            warnings.append("\(what): \(error)")
        default:
            throw PipelineError.cache("cannot write to the cache: \(error)")
        }
    }

    /// The offsets of `taskIDs` grouped by task, largest group first so the longest batches start
    /// early, each group in input order.
    static func batchesByTask(_ taskIDs: [String]) -> [[Int]] {
        var groupOfTask: [String: Int] = [:]
        var groups: [[Int]] = []
        for (offset, id) in taskIDs.enumerated() {
            if let g = groupOfTask[id] {
                groups[g].append(offset)
            } else {
                groupOfTask[id] = groups.count
                groups.append([offset])
            }
        }
        return groups.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
        }.map(\.element)
    }

    /// Compiles and validates one solver; a compile failure is the solver's error.
    static func validate(_ function: CandidateFunction, on task: ARCTask, with validator: Validator) -> Verdict {
        do {
            let program = ProgramCompiler.compile(try SolverGraph(function))
            return validator.validate(program, on: task)
        } catch {
            return Verdict(
                outcome: .error, pairResults: [], demoCorrect: 0, demoCount: task.demonstrations.count,
                testCorrect: 0, testCount: task.knownTestCount, elapsedSeconds: 0,
                timeLimitSeconds: validator.timeLimitSeconds, budget: validator.budget, errorMessage: "\(error)")
        }
    }
}

/// The solvers a run inlined: body, solver and text per solver, the texts in one arena.
struct NewSolvers {
    private(set) var bodies: [Int32] = []
    private(set) var solvers: [Int32] = []
    private(set) var materialised: [Bool] = []
    private var texts = TextArena()

    var count: Int { bodies.count }

    mutating func append(body: Int32, solver: Int32, text: String?) {
        bodies.append(body)
        solvers.append(solver)
        materialised.append(text != nil)
        texts.append(text ?? "")
    }

    /// The inlined text of solver `k`, nil when it was not materialised.
    func text(_ k: Int) -> String? { materialised[k] ? texts[k] : nil }

    /// The offsets of the solvers in the order of their body hashes.
    func orderedByBody(_ digests: [Digest16]) -> [Int] {
        bodies.indices.sorted { digests[Int(bodies[$0])] < digests[Int(bodies[$1])] }
    }
}
