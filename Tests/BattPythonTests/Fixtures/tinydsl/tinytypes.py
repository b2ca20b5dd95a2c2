"""Types of the tiny test DSL (imported by it, so its content is part of the DSL)."""
Grid = tuple
