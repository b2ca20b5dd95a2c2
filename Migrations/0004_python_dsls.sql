-- batt cache, schema 0004: the Python DSLs that `batt run --dsl` validated with.
-- Each row describes one DSL as its workers imported it (exported names, the md5 of every module
-- loaded from its folder, packages and interpreter): a later run whose files are unchanged reads
-- its names and solver version from here and starts no Python unless it has to validate.
-- `batt cache inspect` shows which DSL each solver version came from.
CREATE TABLE python_dsls (
    -- The DSL's absolute path, the interpreter and the namespaces asked for.
    dsl_key        TEXT NOT NULL,
    -- The solver version verdicts computed with this DSL are stored under.
    solver_version TEXT NOT NULL,
    dsl_path       TEXT NOT NULL,
    -- md5 over protocol, Python version, local module contents and package versions.
    dsl_hash       TEXT NOT NULL,
    -- JSON: what the worker reported.
    manifest       TEXT NOT NULL,
    created_at     REAL NOT NULL,
    last_used_at   REAL NOT NULL,
    PRIMARY KEY (dsl_key, dsl_hash)
);
CREATE INDEX python_dsls_by_version ON python_dsls (solver_version);
