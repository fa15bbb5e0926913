"""Matching news items to open questions: watch terms (terms), percolation (matcher), the index of open
questions (index) and the analyst's editing of watch terms (editing)."""
