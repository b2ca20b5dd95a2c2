-- batt cache, schema 0006: a candidate file's record in parts.
-- The record of a file of a million candidates is tens of megabytes: written and read one part
-- at a time (part 0 first), a run never holds all of it at once. Records written before this
-- schema are one part, part 0; they read as before.
CREATE TABLE candidate_file_parts (
    -- md5 of the file's bytes.
    file_digest      TEXT NOT NULL,
    -- What else decides a function's task: the file's solve_<task>/ folder and --task.
    context          TEXT NOT NULL,
    language_version TEXT NOT NULL,
    -- 0, 1, 2...: the parts in the order they are read.
    part             INTEGER NOT NULL,
    -- Lines of the record: the file's functions (name, line, task, body hash, solver md5,
    -- problem), diagnostics and the count of functions that could not be read.
    contents         TEXT NOT NULL,
    created_at       REAL NOT NULL,
    last_used_at     REAL NOT NULL,
    PRIMARY KEY (file_digest, context, language_version, part)
);
INSERT INTO candidate_file_parts
    (file_digest, context, language_version, part, contents, created_at, last_used_at)
    SELECT file_digest, context, language_version, 0, contents, created_at, last_used_at
    FROM candidate_files;
DROP TABLE candidate_files;
ALTER TABLE candidate_file_parts RENAME TO candidate_files;
