-- batt cache, schema 0005: which task fingerprint a task file's bytes decode to.
-- A run over a folder of task files hashes each file's bytes and decodes only the files whose
-- digest is not here: a run served entirely from the cache needs the fingerprints, not the grids.
-- Rows depend on the JSON parser and task decoder, named by decoder_version; rows of another
-- version are never read.
CREATE TABLE task_files (
    -- md5 of the file's bytes.
    file_digest      TEXT NOT NULL,
    decoder_version  TEXT NOT NULL,
    -- The fingerprint (md5 of the task's pairs) the bytes decode to.
    task_fingerprint TEXT NOT NULL,
    created_at       REAL NOT NULL,
    PRIMARY KEY (file_digest, decoder_version)
);
