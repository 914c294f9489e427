"""The params file: its schema, vocabularies, loading with Dutch errors, and the fast reader."""
