"""Caretakers: the day sheet of a building, and who came (check-in and no-shows)."""
