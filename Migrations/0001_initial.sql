-- batt cache, schema 0001: solvers, verdicts, runs.
-- Times are Unix seconds (REAL). Hashes are lowercase hex text.

-- What a candidate body inlines to. One row per body hash (md5 of the body in
-- normal form); many bodies may inline to the same solver md5.
CREATE TABLE solvers (
    body_hash         TEXT    NOT NULL PRIMARY KEY,
    solver_md5        TEXT    NOT NULL,
    -- The inlined `def solve(...)` text; NULL when it was not materialised
    -- (the expression DAG would exceed the text bound and was hashed instead).
    inlined_text      TEXT,
    -- 1 when solver_md5 is the md5 of the full inlined text, 0 when it is the
    -- hash of the expression DAG.
    text_materialised INTEGER NOT NULL CHECK (text_materialised IN (0, 1)),
    inliner_version   TEXT    NOT NULL,
    created_at        REAL    NOT NULL,
    CHECK (inlined_text IS NULL OR text_materialised = 1)
);
CREATE INDEX solvers_by_md5 ON solvers (solver_md5);

-- One verdict per solver, task content and solver version.
CREATE TABLE verdicts (
    id                 INTEGER PRIMARY KEY,
    solver_md5         TEXT    NOT NULL,
    -- Hash of the task's pairs: an edited task never serves a stale verdict.
    task_fingerprint   TEXT    NOT NULL,
    -- The semantics that produced the verdict (runtime version + user tag).
    solver_version     TEXT    NOT NULL,
    task_id            TEXT    NOT NULL,
    outcome            TEXT    NOT NULL
        CHECK (outcome IN ('correct', 'wrong', 'error', 'timeout', 'budget')),
    -- One character per pair, demonstrations then tests: '1' right, '0' wrong,
    -- 'E' raised, '-' not run (the limit had run out), '?' test output unknown.
    pair_results       TEXT    NOT NULL CHECK (pair_results NOT GLOB '*[^01E?-]*'),
    demo_correct       INTEGER NOT NULL CHECK (demo_correct BETWEEN 0 AND demo_count),
    demo_count         INTEGER NOT NULL,
    test_correct       INTEGER NOT NULL CHECK (test_correct BETWEEN 0 AND test_count),
    test_count         INTEGER NOT NULL,
    elapsed_seconds    REAL    NOT NULL CHECK (elapsed_seconds >= 0),
    -- NULL: validated without a time limit.
    time_limit_seconds REAL    CHECK (time_limit_seconds > 0),
    error_message      TEXT,
    created_at         REAL    NOT NULL,
    last_used_at       REAL    NOT NULL,
    hit_count          INTEGER NOT NULL DEFAULT 0 CHECK (hit_count >= 0),
    UNIQUE (solver_md5, task_fingerprint, solver_version)
);
-- Best verdicts of a task, largest tasks, prune by task.
CREATE INDEX verdicts_by_task ON verdicts (task_id, outcome);
-- Totals by version and outcome, stale counts, prune of stale versions.
CREATE INDEX verdicts_by_version ON verdicts (solver_version, outcome);
-- Least-recently-used eviction and prune by age.
CREATE INDEX verdicts_by_last_use ON verdicts (last_used_at);

-- One row per pipeline run, for hit rates and phase timings.
CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    -- Stable across copies, so merging caches that share history keeps one row.
    run_uuid        TEXT    NOT NULL UNIQUE,
    started_at      REAL    NOT NULL,
    finished_at     REAL    NOT NULL,
    solver_version  TEXT    NOT NULL,
    candidates      INTEGER NOT NULL,
    unique_bodies   INTEGER NOT NULL,
    inline_hits     INTEGER NOT NULL,
    inline_misses   INTEGER NOT NULL,
    verdict_hits    INTEGER NOT NULL,
    verdict_misses  INTEGER NOT NULL,
    validated       INTEGER NOT NULL,
    -- JSON array in pipeline order: [{"phase": "parse", "seconds": 0.12}, ...]
    phase_seconds   TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX runs_by_start ON runs (started_at);
