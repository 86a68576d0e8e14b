"""What happens to organisations, for the mail to tell (see ``accounts.events``)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the Invitation; ``token`` for its link; ``inviter``: the User who sent it.
invitation_sent = _signals.signal("invitation-sent")
#: sender: the Organisation whose claimed category was verified or refused.
claim_decided = _signals.signal("claim-decided")
