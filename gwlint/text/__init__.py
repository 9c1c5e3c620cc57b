"""Text views shared by the check kinds: numerals, outline, tokens."""
