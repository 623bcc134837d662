"""Storage: the only package that knows SQL dialects (SQLite, PostgreSQL)."""
