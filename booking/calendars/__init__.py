"""Calendars: .ics files for bookings (and, later, the caretakers' feeds)."""
