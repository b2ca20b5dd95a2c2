-- batt cache, schema 0002: what each candidate file held, by the md5 of its bytes.
-- A run whose candidate files are all known skips parsing, checking and hashing them
-- ("direct mode", as ccache calls its equivalent). Rows depend on the parser, checker and
-- normal form, named by language_version; rows of another version are never read.
CREATE TABLE candidate_files (
    -- md5 of the file's bytes.
    file_digest      TEXT NOT NULL,
    -- What else decides a function's task: the file's solve_<task>/ folder and --task.
    context          TEXT NOT NULL,
    language_version TEXT NOT NULL,
    -- JSON: the file's functions (name, line, task, body hash, problem), diagnostics and
    -- the count of functions that could not be read.
    contents         TEXT NOT NULL,
    created_at       REAL NOT NULL,
    last_used_at     REAL NOT NULL,
    PRIMARY KEY (file_digest, context, language_version)
);
