"""Running the installation: backups and restores, and the retention of personal data.

These are the operator's tools (``flask booking backup / restore / retention``)
and the periodic retention job. They sit at the top of the dependency order,
beside reports: backup knows only the database, retention the domain models
whose personal data it clears.
"""
