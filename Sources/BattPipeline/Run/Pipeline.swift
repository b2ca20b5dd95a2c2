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

    /// How many verdicts go to the cache in one write transaction.
    static let storeBatchSize = 256

    /// What both attempts of a run share: read once.
    private struct Inputs {
        let store: CacheStore?
        let files: [CandidateSource.File]
        let taskSet: TaskSet
        let evaluator: any SolverEvaluator
        let startedAt: Date
        let loadSeconds: Double
    }

    /// Runs the pipeline. When the cache knows every candidate file and every verdict, the files
    /// are not parsed again (direct mode); otherwise, or when anything turns out unknown, the run
    /// parses them as usual, reusing the tasks, files and cache it has already read and opened.
    public func run() async throws -> RunOutcome {
        let inputs = try await load()
        defer { inputs.evaluator.shutdown() }
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
        async let readingTasks = Result { try TaskLoader.read(path: options.tasksPath) }
        async let readingCandidates = Result {
            try CandidateSource.read(path: options.candidatesPath, defaultTaskID: options.defaultTaskID)
        }
        let store = try openCache()
        var files: [CandidateSource.File]
        switch await readingCandidates {
        case .success(let read): files = read
        case .failure(let error): throw PipelineError.candidates("\(error)")
        }
        let evaluator = try makeEvaluator(files: files, store: store)
        files = files.map { $0.keyed(languageVersion: evaluator.languageVersion) }
        let taskFiles: TaskFiles
        switch await readingTasks {
        case .success(let files): taskFiles = files
        case .failure(let error): throw PipelineError.tasks("\(error)")
        }
        // Task files the cache knows by their bytes are not decoded unless a solver runs on them.
        let known =
            (try? store?.taskFingerprints(
                forFileDigests: taskFiles.fileDigests, decoderVersion: TaskFiles.decoderVersion)) ?? [:]
        let taskSet = taskFiles.load(knowing: known.mapValues(TaskFingerprint.init(hex:)))
        guard !taskSet.isEmpty else {
            let reasons = taskSet.diagnostics.prefix(3).map { "\n  \($0)" }.joined()
            throw PipelineError.tasks("no usable task in '\(options.tasksPath)'\(reasons)")
        }
        return Inputs(
            store: store, files: files, taskSet: taskSet, evaluator: evaluator, startedAt: startedAt,
            loadSeconds: Date().timeIntervalSince(startedAt))
    }

    /// One attempt; in direct mode, nil when something has to be parsed, inlined or validated.
    private func run(direct: Bool, _ inputs: Inputs) async throws -> RunOutcome? {
        var clock = PhaseClock()
        let (store, files, startedAt) = (inputs.store, inputs.files, inputs.startedAt)
        // Only a run that validates needs the grids.
        let taskSet = direct ? inputs.taskSet : inputs.taskSet.decodingAll()
        let evaluator = inputs.evaluator
        let version = evaluator.solverVersion.description
        var loaded: CandidateSource.Loaded
        // In direct mode the file records also say which solver each body inlines to.
        var recordedSolvers: [String: String]?
        if direct {
            guard let store, let records = try? store.candidateFiles(files.filter(\.isRead).map(\.key)),
                let known = CandidateSource.fromRecords(files, records: records)
            else { return nil }
            (loaded, recordedSolvers) = known
        } else {
            loaded = CandidateSource.parse(files, defaultTaskID: options.defaultTaskID)
        }
        CandidateSource.markUnknownTasks(&loaded, knownTasks: Set(taskSet.ids))
        if let shard = options.shard { CandidateSource.keep(shard, in: &loaded) }
        clock.add("load and parse", seconds: inputs.loadSeconds)

        var summary = RunSummary(
            solverVersion: version, cachePath: store?.path,
            cacheMode: store.map { Pipeline.describe($0.accessMode) } ?? "none")
        summary.candidates = loaded.candidates.count
        summary.shard = options.shard?.description
        summary.candidateFilesKnown = loaded.fromRecords
        summary.unreadable = loaded.unreadableFunctions
        summary.diagnostics =
            loaded.diagnostics.map(\.description) + taskSet.diagnostics.map(\.description)
            + evaluator.diagnostics.map(\.description)
        if let store {
            summary.warnings += store.warnings
            if !store.accessMode.isWritable {
                summary.warnings.append(
                    "the cache '\(store.path ?? "")' cannot be written: lookups only, this run's verdicts are not kept (start a writable cache with --cache NEW --seed '\(store.path ?? "")')"
                )
            }
        }

        // Body hash and dedupe.
        progress(.phase("hash"))
        // Checking names and hashing bodies are independent per candidate: both cores share them.
        if !loaded.fromRecords {
            let checked = ParallelLoop.map(loaded.candidates) { candidate -> (problem: String?, bodyHash: String?) in
                guard candidate.problem == nil, let function = candidate.function else {
                    return (candidate.problem, nil)
                }
                if let problem = CandidateSource.unresolvedNames(
                    in: function, scope: evaluator.nameScope(forFile: function.path))
                {
                    return (problem, nil)
                }
                return (nil, function.bodyHash)
            }
            for index in loaded.candidates.indices {
                (loaded.candidates[index].problem, loaded.candidates[index].bodyHash) = checked[index]
            }
        }
        let candidates = loaded.candidates
        var results = candidates.map { candidate in
            CandidateResult(
                task: candidate.taskID, function: candidate.name, file: candidate.path,
                line: candidate.line, inlineCache: .none, verdictCache: .none,
                outcome: "invalid", message: candidate.reasonItCannotRun)
        }
        var bodyHashes = [String?](repeating: nil, count: candidates.count)
        var firstWithBody: [String: Int] = [:]
        var bodyOrder: [String] = []
        for index in candidates.indices {
            guard candidates[index].reasonItCannotRun == nil, let hash = candidates[index].bodyHash else { continue }
            bodyHashes[index] = hash
            results[index].bodyHash = hash
            if firstWithBody[hash] == nil {
                firstWithBody[hash] = index
                bodyOrder.append(hash)
            }
        }
        clock.end("hash")

        // Inline: the cache answers known bodies; the rest are inlined now.
        progress(.phase("inline"))
        let knownSolvers: [String: String]
        do {
            knownSolvers =
                try recordedSolvers
                ?? store?.solverMD5s(forBodyHashes: bodyOrder, inlinerVersion: Inliner.version) ?? [:]
        } catch {
            throw PipelineError.cache("cannot read the cache: \(error)")
        }
        let inliner = Inliner(textCap: options.inlineTextCap)
        var solverOfBody = knownSolvers
        let unknownBodies = bodyOrder.filter { knownSolvers[$0] == nil }
        // Inlining needs the parsed function: in direct mode, start over and parse.
        if loaded.fromRecords && !unknownBodies.isEmpty { return nil }
        let representatives = firstWithBody
        // Inlining is pure and independent per body: spread it over the cores.
        let inlinedBodies = ParallelLoop.map(unknownBodies, chunkSize: 64) {
            hash -> Result<InlinedSolver, LanguageError>? in
            guard let index = representatives[hash], let function = candidates[index].function else { return nil }
            return Result { () throws(LanguageError) in try inliner.inline(function) }
        }
        var newSolvers: [SolverRecord] = []
        newSolvers.reserveCapacity(unknownBodies.count)
        let now = Date()
        for (hash, outcome) in zip(unknownBodies, inlinedBodies) {
            switch outcome {
            case .success(let inlined)?:
                solverOfBody[hash] = inlined.identity
                newSolvers.append(
                    SolverRecord(
                        bodyHash: hash, solverMD5: inlined.identity, inlinedText: inlined.text,
                        textMaterialised: inlined.isTextMaterialised, inlinerVersion: Inliner.version,
                        createdAt: now))
            case .failure(let error)?:
                if let index = firstWithBody[hash] { results[index].message = "\(error)" }
            case nil:
                break
            }
        }
        // A body counts once per task, as the reference pipeline dedupes (task, body); the first
        // candidate of each says whether the cache knew it.
        var seenBodies: Set<String> = []
        for index in candidates.indices {
            guard let hash = bodyHashes[index], let md5 = solverOfBody[hash] else { continue }
            results[index].solverMD5 = md5
            guard seenBodies.insert((candidates[index].taskID ?? "") + "/" + hash).inserted else {
                results[index].inlineCache = store == nil ? .none : .shared
                continue
            }
            if knownSolvers[hash] != nil {
                summary.inlineHits += 1
                results[index].inlineCache = .hit
            } else {
                summary.inlineMisses += 1
                results[index].inlineCache = store == nil ? .none : .miss
            }
        }
        summary.inlined = newSolvers.count
        summary.dagHashedSolvers = Set(solverOfBody.values.filter { $0.hasPrefix(Inliner.dagIdentityPrefix) }).count
        clock.end("inline")

        // Verdict lookup for each unique (task, solver).
        progress(.phase("lookup"))
        struct SolverJob: Sendable {
            let key: VerdictKey
            let taskID: String
            let candidate: Int
        }
        var jobsByKey: [VerdictKey: Int] = [:]
        var jobs: [SolverJob] = []
        var keyOfCandidate = [VerdictKey?](repeating: nil, count: candidates.count)
        for index in candidates.indices {
            guard let md5 = results[index].solverMD5, let taskID = candidates[index].taskID,
                let fingerprint = taskSet.fingerprint(of: taskID)
            else { continue }
            let key = VerdictKey(solverMD5: md5, taskFingerprint: fingerprint.hex, solverVersion: version)
            keyOfCandidate[index] = key
            if jobsByKey[key] == nil {
                jobsByKey[key] = jobs.count
                jobs.append(SolverJob(key: key, taskID: taskID, candidate: index))
            }
        }
        let lookup: VerdictLookup
        do {
            lookup = try store?.lookUpVerdicts(for: jobs.map(\.key)) ?? VerdictLookup()
        } catch {
            throw PipelineError.cache("cannot read the cache: \(error)")
        }
        // What the cache knew solved before this run stores anything, for "newly solved" and "lost".
        let solvedBefore = try? store?.solvedTaskFingerprints(solverVersion: version)
        let cached = lookup.found
        var verdicts = [Verdict?](repeating: nil, count: jobs.count)
        var fromCache = [Bool](repeating: false, count: jobs.count)
        var misses: [Int] = []
        for (k, job) in jobs.enumerated() {
            if let record = cached[job.key],
                record.isReusable(underTimeLimit: options.timeLimitSeconds, budget: evaluator.budget)
            {
                verdicts[k] = Verdict(record)
                fromCache[k] = true
            } else {
                misses.append(k)
            }
        }
        // Validation needs the parsed function: in direct mode, start over and parse.
        if loaded.fromRecords && !misses.isEmpty { return nil }
        summary.verdictHits = jobs.count - misses.count
        summary.verdictMisses = misses.count
        summary.untrustedVerdicts = lookup.untrusted.count
        if let store {
            // The native version and unchanged Python DSLs are current too: their verdicts are
            // served by the runs that use them.
            let base = options.solverVersion.description
            let alsoCurrent = SolverVersion.currentPythonDSLVersions(in: store, base: base).union([base])
            do {
                summary.staleVerdicts = try store.staleVerdictCount(currentVersion: version, alsoCurrent: alsoCurrent)
            } catch {}
        }
        // Recording the hits (last use, hit count) overlaps validation and the summary.
        let staleUse = Date().addingTimeInterval(-Pipeline.lastUseGranularity)
        let hitKeys = jobs.indices.filter {
            fromCache[$0] && (cached[jobs[$0].key]?.lastUsedAt ?? .distantPast) <= staleUse
        }
        .map { jobs[$0].key }
        let markingStore = store.flatMap { $0.accessMode.isWritable ? $0 : nil }
        async let markingUsed = Pipeline.markUsed(hitKeys, in: markingStore)
        clock.end("lookup")

        // Validate the misses in parallel, storing verdicts in batches as they complete.
        progress(.phase("validate"))
        var storeSeconds = 0.0
        var writes = CacheWrites(store: store)
        let writable = writes.isWritable
        if writable, !newSolvers.isEmpty {
            let started = Date()
            try writes.perform { _ = try $0.insert(solvers: newSolvers) }
            storeSeconds += Date().timeIntervalSince(started)
        }
        let work: [(job: Int, function: CandidateFunction, task: ARCTask)] = misses.compactMap { k in
            guard let task = taskSet[jobs[k].taskID], let function = candidates[jobs[k].candidate].function else {
                return nil
            }
            return (k, function, task)
        }
        var pending: [VerdictRecord] = []
        var done = 0
        let total = work.count
        if total > 0 {
            do { try evaluator.prepareToValidate() } catch { throw PipelineError.dsl("\(error)") }
        }
        let collect: (Int, Verdict) throws -> Void = { offset, verdict in
            done += 1
            if done % 64 == 0 || done == total { progress(.validated(done: done, total: total)) }
            guard writable else { return }
            let job = jobs[work[offset].job]
            pending.append(VerdictRecord(verdict, key: job.key, taskID: job.taskID))
            if pending.count >= Pipeline.storeBatchSize {
                let started = Date()
                try writes.store(verdicts: pending)
                storeSeconds += Date().timeIntervalSince(started)
                pending.removeAll(keepingCapacity: true)
            }
        }
        let validated = try await Pipeline.validate(
            work.map { (function: $0.function, task: $0.task) }, with: evaluator, jobs: options.jobs,
            collect: collect)
        for (offset, verdict) in validated.enumerated() { verdicts[work[offset].job] = verdict }
        summary.validated = validated.count
        clock.end("validate", minus: storeSeconds)

        // Store what remains and remember the hits.
        progress(.phase("store"))
        if writable {
            try writes.store(verdicts: pending)
            // What each file held, so the next run over the same files can skip parsing them.
            // Only bookkeeping: when it cannot be written, the next run parses the files again.
            // A shard holds only part of each file: what it saw is not what the file holds.
            if !loaded.fromRecords, options.shard == nil, writes.failure == nil, let store = writes.store {
                do {
                    try store.storeCandidateFiles(
                        CandidateSource.records(of: loaded, solvers: results.map(\.solverMD5)))
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
                error, "the last use of \(hitKeys.count) cached verdicts was not recorded", warnings: &summary.warnings)
        }
        clock.add("store", seconds: storeSeconds)

        Pipeline.tabulate(
            candidates: candidates, bodyHashes: bodyHashes, keys: keyOfCandidate,
            jobsByKey: jobsByKey, verdicts: verdicts, fromCache: fromCache, hasCache: store != nil,
            results: &results, summary: &summary)
        Pipeline.compare(results, taskSet: taskSet, solvedBefore: solvedBefore, summary: &summary)
        clock.end("summarise")
        summary.phases = clock.phases
        summary.evaluator = evaluator.activity
        Pipeline.reportUnstored(writes, lookup: lookup, keys: keyOfCandidate, results: &results, summary: &summary)
        if writes.failure == nil, let store = writes.store {
            Pipeline.record(summary, startedAt: startedAt, in: store, warnings: &summary.warnings)
        }
        let texts =
            options.emitDirectory == nil
            ? [:]
            : Pipeline.correctSolverTexts(results, newSolvers: newSolvers, store: store, warnings: &summary.warnings)
        return RunOutcome(summary: summary, results: results, inlinedTexts: texts)
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
