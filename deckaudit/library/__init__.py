"""Library audits: many decks, in parallel, stored in SQLite, summarised as a LibraryReport."""
