"""What happens to accounts and organisations, for the packages above these (mail, the
bookings an account leaves behind, its chat) to act on without accounts knowing them.

Sent inside the transaction, like ``reservations.events``: a receiver writes its rows
in the same transaction and queues anything outside the database with
``uow.after_commit``. The link tokens travel with the signal, since only the mail
may ever show them.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the User who registered or asked for a new link; ``token``.
confirmation_needed = _signals.signal("confirmation-needed")
#: sender: the already registered User, when someone registers with their address.
registered_again = _signals.signal("registered-again")
#: sender: the User; ``token`` for the reset link.
password_reset_requested = _signals.signal("password-reset-requested")
#: sender: the User whose password was changed or reset.
password_changed = _signals.signal("password-changed")
#: sender: the User; ``new_email``, ``token``.
email_change_requested = _signals.signal("email-change-requested")
#: sender: the User; ``old_email``: the address it had.
email_changed = _signals.signal("email-changed")
#: sender: the User about to be deleted (still whole). Receivers remove or anonymise
#: what belongs to it.
account_deleting = _signals.signal("account-deleting")
#: sender: the User. Each receiver returns a dict of sections for the export.
data_export = _signals.signal("data-export")
